import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
import { ApiFileResponse, Operation } from '../../common/openapi/operation.decorator.js';

const FINANCE = { roles: ['finance' as const] };

@ApiTags('payment-batches')
@Controller('payment-batches')
export class PaymentBatchesController {
  constructor(private readonly batches: PaymentBatchesService) {}

  @Post()
  @Operation({
    id: 'createPaymentBatch',
    summary: 'Create a payment batch',
    description:
      'Finance groups scheduled tranches of one currency into a batch; all of them or none: each refused tranche is named in details.',
    errors: ['DISBURSEMENTS_NOT_BATCHABLE', 'PAYEE_WITHOUT_ACCOUNT'],
  })
  @Authenticated(FINANCE)
  @ApiCreatedResponse({ type: PaymentBatchResponse })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreatePaymentBatchDto): Promise<PaymentBatchResponse> {
    return this.batches.create(user, dto);
  }

  @Get()
  @Operation({
    id: 'listPaymentBatches',
    summary: 'List payment batches',
    description: 'Payment batches, one page at a time.',
  })
  @Authenticated({ roles: ['finance', 'admin', 'auditor'] })
  @ApiOkResponse({ type: PaymentBatchPage })
  list(@Query() query: PaymentBatchQueryDto): Promise<PaymentBatchPage> {
    return this.batches.list(query);
  }

  @Get(':id')
  @Operation({ id: 'getPaymentBatch', summary: 'Get a payment batch', description: 'One payment batch.' })
  @Authenticated({ roles: ['finance', 'admin', 'auditor'] })
  @ApiOkResponse({ type: PaymentBatchResponse })
  get(@Param('id', UuidParamPipe) id: string): Promise<PaymentBatchResponse> {
    return this.batches.get(id);
  }

  @Get(':id/export.csv')
  @Operation({
    id: 'exportPaymentBatch',
    summary: 'Download the bank file of a batch',
    description: 'The batch as CSV for the bank, one line per payment. Once downloaded, its tranches can no longer be cancelled.',
    errors: ['PAYEE_WITHOUT_ACCOUNT'],
  })
  @Authenticated(FINANCE)
  @ApiFileResponse('paymentReference,amount,currency,payeeName,iban,bic,awardNumber — one line per payment', 'text/csv')
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
  @Operation({
    id: 'markPaymentBatchSent',
    summary: 'Mark a payment batch sent',
    description: "The bank file went to the bank: the batch's tranches become sent.",
    errors: ['BATCH_NOT_OPEN', 'BATCH_EMPTY', 'VERSION_CONFLICT'],
  })
  @HttpCode(200)
  @Authenticated(FINANCE)
  @ApiOkResponse({ type: PaymentBatchResponse, description: 'Its disbursements are now sent' })
  markSent(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: MarkSentDto): Promise<PaymentBatchResponse> {
    return this.batches.markSent(user, id, dto);
  }
}
