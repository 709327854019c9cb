import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PageOf, PageQueryDto } from '../../../common/pagination/pagination.js';
import { ApiMoney, IsIban, IsIsoDate, IsMoney } from '../../../common/validation/decorators.js';
import { DISBURSEMENT_METHODS, DISBURSEMENT_STATUSES } from '../domain/tranche.js';
import { IsPlainName } from '../../../common/validation/decorators.js';

export class VendorDto {
  @ApiProperty({ example: 'Shymkent Welding Supply LLP' })
  @IsString()
  @IsPlainName()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  bankName?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'KZ86125KZT5004100100' })
  @IsOptional()
  @IsIban()
  iban?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'HSBKKZKX' })
  @IsOptional()
  @Matches(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, { message: 'payee.bic must be a BIC of 8 or 11 characters' })
  bic?: string | null;
}

export class CreateDisbursementDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'awardId must be a UUID' })
  awardId: string;

  @ApiMoney()
  @IsMoney()
  amount: string;

  @ApiProperty({ enum: DISBURSEMENT_METHODS })
  @IsIn([...DISBURSEMENT_METHODS], { message: `method must be one of ${DISBURSEMENT_METHODS.join(', ')}` })
  method: (typeof DISBURSEMENT_METHODS)[number];

  @ApiPropertyOptional({
    type: VendorDto,
    nullable: true,
    description: "null: the NGO's bank account on file; a supplier for vendor_payment (required then)",
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @ValidateNested()
  @Type(() => VendorDto)
  payee?: VendorDto | null;

  @ApiPropertyOptional({ example: '2026-11-25', description: 'Default today' })
  @IsOptional()
  @IsIsoDate()
  scheduledFor?: string;
}

export class CancelDisbursementDto {
  @ApiProperty({ description: 'Why the tranche will not be paid (cancel), or what the bank said (fail)' })
  @IsString()
  @MinLength(5)
  @MaxLength(1000)
  note: string;

  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409 VERSION_CONFLICT with the current version' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class DisbursementQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'awardId must be a UUID' })
  awardId?: string;

  @ApiPropertyOptional({ enum: DISBURSEMENT_STATUSES })
  @IsOptional()
  @IsIn([...DISBURSEMENT_STATUSES], { message: `status must be one of ${DISBURSEMENT_STATUSES.join(', ')}` })
  status?: string;
}

export class PayeeResponse {
  @ApiProperty({ enum: ['organisation', 'vendor'] }) kind: string;
  @ApiProperty({ description: "The NGO's name, or the supplier's" }) name: string;
  @ApiProperty({ nullable: true, type: String }) bankName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Last four characters only' }) ibanLast4: string | null;
}

export class DisbursementResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty({ example: 'AWD-KZ-2026-00042' }) awardNumber: string;
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() country: string;
  @ApiMoney() amount: string;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: DISBURSEMENT_METHODS }) method: string;
  @ApiProperty({ type: PayeeResponse }) payee: PayeeResponse;
  @ApiProperty() scheduledFor: string;
  @ApiProperty({ enum: DISBURSEMENT_STATUSES }) status: string;
  @ApiProperty({ example: 'PAY-KZ-2026-000042', description: 'Unique; the bank shows it on the statement' }) paymentReference: string;
  @ApiProperty({ nullable: true, type: String, description: 'When a bank statement line was matched to it' }) paidAt: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '2026-11-30',
    description: "The bank's booking day of that line: the day the money went out",
  })
  paidOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When it was cancelled or marked failed' }) cancelledAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was cancelled or failed' }) cancelNote: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The payment batch carrying it to the bank' }) batchId:
    string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class DisbursementPage extends PageOf(DisbursementResponse) {}
