import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsUUID } from 'class-validator';
import { PageOf, PageQueryDto } from '../../../common/pagination/pagination.js';
import { normaliseMoney } from '../../../common/money/money.js';
import { ApiMoney } from '../../../common/validation/decorators.js';
import type { PaymentBatch } from '../entities/payment-batch.entity.js';

export class CreatePaymentBatchDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'Scheduled bank transfers and vendor payments of one currency' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(5000)
  @ArrayUnique({ message: 'disbursementIds must not repeat an id' })
  @IsUUID('all', { each: true, message: 'each disbursementId must be a UUID' })
  disbursementIds: string[];
}

/** Marking a batch sent: no body is needed; `version` makes it conditional on the batch the caller saw. */
export class MarkSentDto {
  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409 VERSION_CONFLICT with the current version' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class PaymentBatchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'sent'] })
  @IsOptional()
  @IsIn(['open', 'sent'], { message: 'status must be open or sent' })
  status?: string;
}

export class BatchLineResponse {
  @ApiProperty({ format: 'uuid' }) disbursementId: string;
  @ApiProperty() paymentReference: string;
  @ApiMoney() amount: string;
  @ApiProperty() awardNumber: string;
  @ApiProperty() status: string;
}

export class PaymentBatchResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: ['open', 'sent'] }) status: string;
  @ApiProperty() count: number;
  @ApiMoney() total: string;
  @ApiProperty({ type: [BatchLineResponse] }) lines: BatchLineResponse[];
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'First download of the bank file: from then on its tranches are not cancelled out of it',
  })
  exportedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) sentAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class PaymentBatchSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: ['open', 'sent'] }) status: string;
  @ApiProperty() count: number;
  @ApiMoney() total: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'First download of the bank file: from then on its tranches are not cancelled out of it',
  })
  exportedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) sentAt: string | null;
  @ApiProperty() createdAt: string;
}

export class PaymentBatchPage extends PageOf(PaymentBatchSummary) {}

export function toPaymentBatchSummary(b: PaymentBatch): PaymentBatchSummary {
  return {
    id: b.id,
    currency: b.currency,
    status: b.status,
    count: b.count,
    total: normaliseMoney(b.total),
    exportedAt: b.exportedAt?.toISOString() ?? null,
    sentAt: b.sentAt?.toISOString() ?? null,
    createdAt: b.createdAt.toISOString(),
  };
}
