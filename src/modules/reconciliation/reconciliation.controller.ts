import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { ImportResponse, ManualMatchDto, StatementLinePage, StatementLineResponse, UnmatchDto } from './dto/reconciliation.dto.js';
import { ReconciliationService } from './reconciliation.service.js';
import { Operation } from '../../common/openapi/operation.decorator.js';

const FINANCE = { roles: ['finance' as const] };

@ApiTags('reconciliation')
@Controller()
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @Post('bank-statements')
  @Operation({
    id: 'importBankStatement',
    summary: 'Import a bank statement',
    description:
      'Finance uploads a bank statement as text/csv; lines are matched to sent tranches by payment reference and amount, the rest become exceptions. A malformed file is refused whole, with each line at fault in details.',
    errors: ['UNSUPPORTED_MEDIA_TYPE', 'STATEMENT_TOO_LARGE'],
  })
  @HttpCode(200)
  @Authenticated(FINANCE)
  @ApiConsumes('text/csv')
  @ApiBody({
    description: 'Header row bookingDate,amount,currency,reference,counterparty,bankTransactionId, then one line per bank transaction',
    schema: { type: 'string' },
  })
  @ApiOkResponse({ type: ImportResponse, description: 'A malformed file is a 400 listing the lines at fault; nothing of it is imported' })
  importStatement(@CurrentUser() user: AuthUser, @Req() req: Request): Promise<ImportResponse> {
    return this.reconciliation.importStatement(user, req.headers['content-type'], req);
  }

  @Post('reconciliation/matches')
  @Operation({
    id: 'matchStatementLine',
    summary: 'Match a statement line',
    description: 'Finance matches an exception line to a tranche by hand: the tranche is paid.',
    errors: ['NOT_FOUND', 'LINE_ALREADY_MATCHED', 'DISBURSEMENT_NOT_PAYABLE', 'LINE_IS_INCOMING', 'MATCH_AMOUNT_DIFFERS'],
  })
  @HttpCode(200)
  @Authenticated(FINANCE)
  @ApiOkResponse({ type: StatementLineResponse, description: 'The line now pays the disbursement' })
  match(@CurrentUser() user: AuthUser, @Body() dto: ManualMatchDto): Promise<StatementLineResponse> {
    return this.reconciliation.manualMatch(user, dto);
  }

  @Post('reconciliation/unmatches')
  @Operation({
    id: 'unmatchStatementLine',
    summary: 'Unmatch a statement line',
    description: 'Reverses a match: the payment is reversed and the line is an exception again.',
    errors: ['NOT_FOUND', 'LINE_NOT_MATCHED', 'TRANCHE_RETURNED'],
  })
  @HttpCode(200)
  @Authenticated(FINANCE)
  @ApiOkResponse({ type: StatementLineResponse, description: 'The payment is reversed; the line is an exception again' })
  unmatch(@CurrentUser() user: AuthUser, @Body() dto: UnmatchDto): Promise<StatementLineResponse> {
    return this.reconciliation.unmatch(user, dto);
  }

  @Get('reconciliation/exceptions')
  @Operation({
    id: 'listReconciliationExceptions',
    summary: 'List unmatched statement lines',
    description: 'Statement lines that pay no tranche yet, one page at a time.',
  })
  @Authenticated(FINANCE)
  @ApiOkResponse({ type: StatementLinePage })
  exceptions(@Query() query: PageQueryDto): Promise<StatementLinePage> {
    return this.reconciliation.exceptions(query);
  }
}
