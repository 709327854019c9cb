import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { idempotencyKey } from '../../common/idempotency/idempotency.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { DisbursementsService } from './disbursements.service.js';
import {
  CancelDisbursementDto,
  CreateDisbursementDto,
  DisbursementPage,
  DisbursementQueryDto,
  DisbursementResponse,
} from './dto/disbursement.dto.js';
import { Operation } from '../../common/openapi/operation.decorator.js';

const READERS = { roles: ['finance' as const, 'admin' as const, 'auditor' as const] };

@ApiTags('disbursements')
@Controller('disbursements')
export class DisbursementsController {
  constructor(private readonly disbursements: DisbursementsService) {}

  @Post()
  @Operation({
    id: 'createDisbursement',
    summary: 'Plan a disbursement',
    description:
      'Finance plans a tranche of an active award. Idempotent: a retry with the same Idempotency-Key and body answers the original response (Idempotent-Replayed: true); the same key with another body is refused.',
    errors: ['NOT_FOUND', 'AWARD_NOT_ACTIVE', 'OVER_AWARD', 'INSUFFICIENT_FUNDS', 'IDEMPOTENCY_KEY_REUSED'],
  })
  @Authenticated({ roles: ['finance'] })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'One key per payment: a retry with the same key and body answers the original response',
  })
  @ApiCreatedResponse({
    type: DisbursementResponse,
    description: 'Also the answer to a retry with the same key and body (Idempotent-Replayed: true)',
  })
  async create(
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: CreateDisbursementDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DisbursementResponse> {
    const result = await this.disbursements.create(user, idempotencyKey(key), dto);
    res.status(result.status);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return result.body;
  }

  @Get()
  @Operation({
    id: 'listDisbursements',
    summary: 'List disbursements',
    description: 'Tranches, one page at a time, filtered by award or status.',
  })
  @Authenticated(READERS)
  @ApiOkResponse({ type: DisbursementPage })
  list(@Query() query: DisbursementQueryDto): Promise<DisbursementPage> {
    return this.disbursements.list(query);
  }

  @Get(':id')
  @Operation({ id: 'getDisbursement', summary: 'Get a disbursement', description: 'One tranche with its status and payment reference.' })
  @Authenticated(READERS)
  @ApiOkResponse({ type: DisbursementResponse })
  get(@Param('id', UuidParamPipe) id: string): Promise<DisbursementResponse> {
    return this.disbursements.get(id);
  }

  @Post(':id/cancel')
  @Operation({
    id: 'cancelDisbursement',
    summary: 'Cancel a disbursement',
    description: "Cancels a scheduled tranche; its commitment is released to the fund. Refused once its batch's bank file was downloaded.",
    errors: ['DISBURSEMENT_NOT_CANCELLABLE', 'DISBURSEMENT_IN_BATCH', 'CONCURRENT_UPDATE', 'VERSION_CONFLICT'],
  })
  @HttpCode(200)
  @Authenticated({ roles: ['finance'] })
  @ApiOkResponse({ type: DisbursementResponse, description: 'Cancelled; its commitment is released to the fund' })
  cancel(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CancelDisbursementDto,
  ): Promise<DisbursementResponse> {
    return this.disbursements.cancel(user, id, dto);
  }

  @Post(':id/fail')
  @Operation({
    id: 'failDisbursement',
    summary: 'Mark a disbursement failed',
    description: 'The bank did not pay a sent tranche: it is marked failed and its commitment released to the fund.',
    errors: ['DISBURSEMENT_NOT_SENT', 'VERSION_CONFLICT'],
  })
  @HttpCode(200)
  @Authenticated({ roles: ['finance'] })
  @ApiOkResponse({ type: DisbursementResponse, description: 'The bank did not pay it; its commitment is released to the fund' })
  fail(
    @CurrentUser() user: AuthUser,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: CancelDisbursementDto,
  ): Promise<DisbursementResponse> {
    return this.disbursements.fail(user, id, dto);
  }
}
