import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { PageQueryDto } from '../../common/pagination/pagination.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { CreateFundDto, FundPage, FundQueryDto, FundResponse, LedgerEntryPage, UpdateFundDto } from './dto/fund.dto.js';
import { FundsService } from './funds.service.js';

const READERS = { roles: ['admin' as const, 'officer' as const, 'finance' as const, 'auditor' as const] };
/** NGO case workers also see their own country's funds: they choose the fund they apply to. */
const READERS_AND_NGOS = { roles: [...READERS.roles, 'ngo' as const] };

@ApiTags('funds')
@Controller('funds')
export class FundsController {
  constructor(private readonly funds: FundsService) {}

  @Post()
  @Authenticated({ roles: ['admin'] })
  @ApiCreatedResponse({ type: FundResponse })
  create(@Body() dto: CreateFundDto, @CurrentUser() user: AuthUser): Promise<FundResponse> {
    return this.funds.create(dto, user);
  }

  @Get()
  @Authenticated(READERS_AND_NGOS)
  @ApiOkResponse({ type: FundPage })
  list(@CurrentUser() user: AuthUser, @Query() query: FundQueryDto): Promise<FundPage> {
    return this.funds.list(user, query);
  }

  @Get(':id')
  @Authenticated(READERS_AND_NGOS)
  @ApiOkResponse({ type: FundResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<FundResponse> {
    return this.funds.get(user, id);
  }

  @Patch(':id')
  @Authenticated({ roles: ['admin'] })
  @ApiOkResponse({ type: FundResponse })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateFundDto, @CurrentUser() user: AuthUser): Promise<FundResponse> {
    return this.funds.update(id, dto, user);
  }

  @Get(':id/ledger-entries')
  @Authenticated(READERS)
  @ApiOkResponse({ type: LedgerEntryPage })
  ledger(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Query() query: PageQueryDto): Promise<LedgerEntryPage> {
    return this.funds.ledgerEntries(user, id, query);
  }
}
