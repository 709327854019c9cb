import { Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { ImportResponse, StatementLinePage } from './dto/reconciliation.dto.js';
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
  @ApiBody({ description: 'Header row bookingDate,amount,currency,reference,counterparty,bankTransactionId, then one line per bank transaction', schema: { type: 'string' } })
  @ApiOkResponse({ type: ImportResponse, description: 'A malformed file is a 400 listing the lines at fault; nothing of it is imported' })
  importStatement(@CurrentUser() user: AuthUser, @Req() req: Request): Promise<ImportResponse> {
    return this.reconciliation.importStatement(user, req.headers['content-type'], req);
  }

  @Get('reconciliation/exceptions')
  @Authenticated(FINANCE)
  @ApiOkResponse({ type: StatementLinePage })
  exceptions(@Query() query: PageQueryDto): Promise<StatementLinePage> {
    return this.reconciliation.exceptions(query);
  }
}
