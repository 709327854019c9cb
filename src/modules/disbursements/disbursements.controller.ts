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

const READERS = { roles: ['finance' as const, 'admin' as const, 'auditor' as const] };

@ApiTags('disbursements')
@Controller('disbursements')
export class DisbursementsController {
  constructor(private readonly disbursements: DisbursementsService) {}

  @Post()
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
  @Authenticated(READERS)
  @ApiOkResponse({ type: DisbursementPage })
  list(@Query() query: DisbursementQueryDto): Promise<DisbursementPage> {
    return this.disbursements.list(query);
  }

  @Get(':id')
  @Authenticated(READERS)
  @ApiOkResponse({ type: DisbursementResponse })
  get(@Param('id', UuidParamPipe) id: string): Promise<DisbursementResponse> {
    return this.disbursements.get(id);
  }

  @Post(':id/cancel')
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
