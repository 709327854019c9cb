import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { CreateFundDto, FundPage, FundQueryDto, FundResponse, LedgerEntryPage, UpdateFundDto } from './dto/fund.dto.js';
import { FundsService } from './funds.service.js';
import { Operation } from '../../common/openapi/operation.decorator.js';

const READERS = { roles: ['admin' as const, 'officer' as const, 'finance' as const, 'auditor' as const] };
/** NGO case workers also see their own country's funds: they choose the fund they apply to. */
const READERS_AND_NGOS = { roles: [...READERS.roles, 'ngo' as const] };

@ApiTags('funds')
@Controller('funds')
export class FundsController {
  constructor(private readonly funds: FundsService) {}

  @Post()
  @Operation({
    id: 'createFund',
    summary: 'Create a fund',
    description:
      'An admin opens a fund for a country and period, in the local currency or USD, with its budget and rules. One fund per country and period.',
    errors: ['FUND_PERIOD_OVERLAP'],
  })
  @Authenticated({ roles: ['admin'] })
  @ApiCreatedResponse({ type: FundResponse })
  create(@Body() dto: CreateFundDto, @CurrentUser() user: AuthUser): Promise<FundResponse> {
    return this.funds.create(dto, user);
  }

  @Get()
  @Operation({
    id: 'listFunds',
    summary: 'List funds',
    description: "Funds the caller may see (NGO users and officers: their countries'), one page at a time, with their balances.",
  })
  @Authenticated(READERS_AND_NGOS)
  @ApiOkResponse({ type: FundPage })
  list(@CurrentUser() user: AuthUser, @Query() query: FundQueryDto): Promise<FundPage> {
    return this.funds.list(user, query);
  }

  @Get(':id')
  @Operation({
    id: 'getFund',
    summary: 'Get a fund',
    description: 'One fund with its rules and balances: budget, committed, disbursed and available.',
  })
  @Authenticated(READERS_AND_NGOS)
  @ApiOkResponse({ type: FundResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<FundResponse> {
    return this.funds.get(user, id);
  }

  @Patch(':id')
  @Operation({
    id: 'updateFund',
    summary: 'Edit a fund',
    description:
      "An admin changes a fund's name, period, budget or rules, giving the version read; the budget cannot go below what is committed or disbursed.",
    errors: ['FUND_PERIOD_OVERLAP', 'FUND_BUDGET_BELOW_USE', 'VERSION_CONFLICT'],
  })
  @Authenticated({ roles: ['admin'] })
  @ApiOkResponse({ type: FundResponse })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateFundDto, @CurrentUser() user: AuthUser): Promise<FundResponse> {
    return this.funds.update(id, dto, user);
  }

  @Get(':id/ledger-entries')
  @Operation({
    id: 'listFundLedgerEntries',
    summary: 'List the ledger of a fund',
    description: "Every entry of the fund's ledger (budget, commitments, releases, payments, reversals), one page at a time.",
  })
  @Authenticated(READERS)
  @ApiOkResponse({ type: LedgerEntryPage })
  ledger(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Query() query: PageQueryDto): Promise<LedgerEntryPage> {
    return this.funds.ledgerEntries(user, id, query);
  }
}
