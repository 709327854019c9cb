import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { BeneficiariesService } from './beneficiaries.service.js';
import {
  BeneficiaryPage,
  BeneficiaryQueryDto,
  BeneficiaryResponse,
  CreateBeneficiaryDto,
  UpdateBeneficiaryDto,
} from './dto/beneficiary.dto.js';

const READERS = { roles: ['ngo' as const, 'officer' as const, 'admin' as const, 'auditor' as const] };

@ApiTags('beneficiaries')
@Controller('beneficiaries')
export class BeneficiariesController {
  constructor(private readonly beneficiaries: BeneficiariesService) {}

  @Post()
  @Authenticated({ roles: ['ngo'] })
  @ApiCreatedResponse({ type: BeneficiaryResponse })
  register(@CurrentUser() user: AuthUser, @Body() dto: CreateBeneficiaryDto): Promise<BeneficiaryResponse> {
    return this.beneficiaries.register(user, dto);
  }

  @Get()
  @Authenticated(READERS)
  @ApiOkResponse({ type: BeneficiaryPage })
  list(@CurrentUser() user: AuthUser, @Query() query: BeneficiaryQueryDto): Promise<BeneficiaryPage> {
    return this.beneficiaries.list(user, query);
  }

  @Get(':id')
  @Authenticated(READERS)
  @ApiOkResponse({ type: BeneficiaryResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<BeneficiaryResponse> {
    return this.beneficiaries.get(user, id);
  }

  @Patch(':id')
  @Authenticated({ roles: ['ngo'] })
  @ApiOkResponse({ type: BeneficiaryResponse, description: 'Corrected; the duplicate-person check follows the new data' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateBeneficiaryDto,
  ): Promise<BeneficiaryResponse> {
    return this.beneficiaries.update(user, id, dto);
  }
}
