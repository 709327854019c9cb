import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { ImportResponse, ManualMatchDto, StatementLinePage, StatementLineResponse, UnmatchDto } from './dto/reconciliation.dto.js';
import { ReconciliationService } from './reconciliation.service.js';

const FINANCE = { roles: ['finance' as const] };

@ApiTags('reconciliation')
@Controller()
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @Post('bank-statements')
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
  @HttpCode(200)
  @Authenticated(FINANCE)
  @ApiOkResponse({ type: StatementLineResponse, description: 'The line now pays the disbursement' })
  match(@CurrentUser() user: AuthUser, @Body() dto: ManualMatchDto): Promise<StatementLineResponse> {
    return this.reconciliation.manualMatch(user, dto);
  }

  @Post('reconciliation/unmatches')
  @HttpCode(200)
  @Authenticated(FINANCE)
  @ApiOkResponse({ type: StatementLineResponse, description: 'The payment is reversed; the line is an exception again' })
  unmatch(@CurrentUser() user: AuthUser, @Body() dto: UnmatchDto): Promise<StatementLineResponse> {
    return this.reconciliation.unmatch(user, dto);
  }

  @Get('reconciliation/exceptions')
  @Authenticated(FINANCE)
  @ApiOkResponse({ type: StatementLinePage })
  exceptions(@Query() query: PageQueryDto): Promise<StatementLinePage> {
    return this.reconciliation.exceptions(query);
  }
}
