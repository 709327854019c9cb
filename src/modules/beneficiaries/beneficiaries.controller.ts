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
  UnusedRegistrationPage,
  UnusedRegistrationQueryDto,
  UpdateBeneficiaryDto,
} from './dto/beneficiary.dto.js';
import { Operation } from '../../common/openapi/operation.decorator.js';

const READERS = { roles: ['ngo' as const, 'officer' as const, 'admin' as const, 'auditor' as const] };

@ApiTags('beneficiaries')
@Controller('beneficiaries')
export class BeneficiariesController {
  constructor(private readonly beneficiaries: BeneficiariesService) {}

  @Post()
  @Operation({
    id: 'registerBeneficiary',
    summary: 'Register a beneficiary',
    description:
      'An NGO user registers a person its organisation assists; the answer carries the beneficiary code used on applications. Personal data is stored encrypted.',
    errors: ['NO_ORGANISATION'],
  })
  @Authenticated({ roles: ['ngo'] })
  @ApiCreatedResponse({ type: BeneficiaryResponse })
  register(@CurrentUser() user: AuthUser, @Body() dto: CreateBeneficiaryDto): Promise<BeneficiaryResponse> {
    return this.beneficiaries.register(user, dto);
  }

  @Get()
  @Operation({
    id: 'listBeneficiaries',
    summary: 'List beneficiaries',
    description:
      'Beneficiaries the caller may see, one page at a time, filtered by category or code; personal data only for those who may see it.',
  })
  @Authenticated(READERS)
  @ApiOkResponse({ type: BeneficiaryPage })
  list(@CurrentUser() user: AuthUser, @Query() query: BeneficiaryQueryDto): Promise<BeneficiaryPage> {
    return this.beneficiaries.list(user, query);
  }

  @Get(':id')
  @Operation({
    id: 'getBeneficiary',
    summary: 'Get a beneficiary',
    description: 'One beneficiary; personal data only for those who may see it.',
  })
  @Authenticated(READERS)
  @ApiOkResponse({ type: BeneficiaryResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<BeneficiaryResponse> {
    return this.beneficiaries.get(user, id);
  }

  @Patch(':id')
  @Operation({
    id: 'updateBeneficiary',
    summary: 'Correct a registration',
    description:
      'The registering NGO corrects a mistake in a registration: any field of the registration, with the version it read (a stale one answers 409). Personal data is re-encrypted and the duplicate-person check follows the new data; the change is audited with the names of the changed fields only.',
    errors: ['VERSION_CONFLICT', 'NO_ORGANISATION'],
  })
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

@ApiTags('beneficiaries')
@Controller('admin/unused-registrations')
export class UnusedRegistrationsController {
  constructor(private readonly beneficiaries: BeneficiariesService) {}

  @Get()
  @Operation({
    id: 'listUnusedRegistrations',
    summary: 'List registrations no application used',
    description:
      'Admins see beneficiaries registered more than `olderThanDays` days ago (30 by default) that no application ever used: registrations made only to probe the duplicate-person check leave this trace. Organisation, who registered and when; no personal data.',
  })
  @Authenticated({ roles: ['admin'] })
  @ApiOkResponse({ type: UnusedRegistrationPage })
  list(@Query() query: UnusedRegistrationQueryDto): Promise<UnusedRegistrationPage> {
    return this.beneficiaries.unusedRegistrations(query);
  }
}
