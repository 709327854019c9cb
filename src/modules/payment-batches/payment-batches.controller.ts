import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import {
  CreatePaymentBatchDto,
  MarkSentDto,
  PaymentBatchPage,
  PaymentBatchQueryDto,
  PaymentBatchResponse,
} from './dto/payment-batch.dto.js';
import { PaymentBatchesService } from './payment-batches.service.js';

const FINANCE = { roles: ['finance' as const] };

@ApiTags('payment-batches')
@Controller('payment-batches')
export class PaymentBatchesController {
  constructor(private readonly batches: PaymentBatchesService) {}

  @Post()
  @Authenticated(FINANCE)
  @ApiCreatedResponse({ type: PaymentBatchResponse })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreatePaymentBatchDto): Promise<PaymentBatchResponse> {
    return this.batches.create(user, dto);
  }

  @Get()
  @Authenticated({ roles: ['finance', 'admin', 'auditor'] })
  @ApiOkResponse({ type: PaymentBatchPage })
  list(@Query() query: PaymentBatchQueryDto): Promise<PaymentBatchPage> {
    return this.batches.list(query);
  }

  @Get(':id')
  @Authenticated({ roles: ['finance', 'admin', 'auditor'] })
  @ApiOkResponse({ type: PaymentBatchResponse })
  get(@Param('id', UuidParamPipe) id: string): Promise<PaymentBatchResponse> {
    return this.batches.get(id);
  }

  @Get(':id/export.csv')
  @Authenticated(FINANCE)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'paymentReference,amount,currency,payeeName,iban,bic,awardNumber — one line per payment' })
  async export(@Param('id', UuidParamPipe) id: string, @Res() res: Response): Promise<void> {
    const { filename, csv } = await this.batches.exportCsv(id);
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
      })
      .end(csv);
  }

  @Post(':id/sent')
  @HttpCode(200)
  @Authenticated(FINANCE)
  @ApiOkResponse({ type: PaymentBatchResponse, description: 'Its disbursements are now sent' })
  markSent(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: MarkSentDto): Promise<PaymentBatchResponse> {
    return this.batches.markSent(user, id, dto);
  }
}
