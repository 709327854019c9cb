import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ApiMoney } from '../../../common/validation/decorators.js';
import { PageOf } from '../../../common/pagination/pagination.js';
import { normaliseMoney } from '../../../common/money/money.js';
import type { BankStatementLine } from '../entities/bank-statement-line.entity.js';

export class ImportResponse {
  @ApiProperty({ format: 'uuid' }) statementId: string;
  @ApiProperty({ description: 'Lines new to the system' }) imported: number;
  @ApiProperty({ description: 'Lines imported before (same bankTransactionId), left as they were' }) skipped: number;
  @ApiProperty({ description: 'New lines that paid a disbursement' }) matched: number;
  @ApiProperty({ description: 'New lines whose reference names a disbursement of another amount' }) amountMismatch: number;
  @ApiProperty({ description: 'New lines that name no payable disbursement' }) unmatched: number;
}

export class LineDisbursement {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() paymentReference: string;
  @ApiMoney() amount: string;
  @ApiProperty() currency: string;
  @ApiProperty() status: string;
}

export class StatementLineResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) statementId: string;
  @ApiProperty() lineNumber: number;
  @ApiProperty() bookingDate: string;
  @ApiProperty({ example: '-45000.00', description: 'As on the statement' }) amount: string;
  @ApiProperty() currency: string;
  @ApiProperty({ nullable: true, type: String }) reference: string | null;
  @ApiProperty({ nullable: true, type: String }) counterparty: string | null;
  @ApiProperty() bankTransactionId: string;
  @ApiProperty({ enum: ['matched', 'amount_mismatch', 'unmatched', 'returned'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why it did not match' }) note: string | null;
  @ApiProperty({ nullable: true, type: LineDisbursement }) disbursement: LineDisbursement | null;
}

export class StatementLinePage extends PageOf(StatementLineResponse) {}

export function toLineResponse(l: BankStatementLine): StatementLineResponse {
  return {
    id: l.id,
    statementId: l.statementId,
    lineNumber: l.lineNumber,
    bookingDate: l.bookingDate,
    amount: normaliseMoney(l.amount),
    currency: l.currency,
    reference: l.reference,
    counterparty: l.counterparty,
    bankTransactionId: l.bankTransactionId,
    status: l.status,
    note: l.note,
    disbursement: l.disbursement
      ? {
          id: l.disbursement.id,
          paymentReference: l.disbursement.paymentReference,
          amount: normaliseMoney(l.disbursement.amount),
          currency: l.disbursement.currency,
          status: l.disbursement.status,
        }
      : null,
  };
}

export class ManualMatchDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'statementLineId must be a UUID' })
  statementLineId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'disbursementId must be a UUID' })
  disbursementId: string;

  @ApiProperty({ description: 'Why this line pays that disbursement (kept with the line and in the audit log)' })
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  note: string;
}

export class UnmatchDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'statementLineId must be a UUID' })
  statementLineId: string;

  @ApiProperty({ description: 'Why the match was wrong' })
  @IsString()
  @MinLength(5)
  @MaxLength(300)
  note: string;
}
