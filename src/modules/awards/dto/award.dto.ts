import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { LetterSummary } from '../../letters/dto/letter.dto.js';
import { ApprovedItemDto, ApprovedItemsField } from './approved-item.dto.js';
import { PageOf, PageQueryDto } from '../../../common/pagination/pagination.js';
import { ApiMoney, IsProgramCountry, PROGRAM_COUNTRIES } from '../../../common/validation/decorators.js';

export class AwardQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROGRAM_COUNTRIES })
  @IsOptional()
  @IsProgramCountry()
  country?: string;

  @ApiPropertyOptional({ enum: ['active', 'closed'] })
  @IsOptional()
  @IsIn(['active', 'closed'])
  status?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The award of this application (at most one)' })
  @IsOptional()
  @IsUUID('all', { message: 'applicationId must be a UUID' })
  applicationId?: string;
}

export class AwardItemResponse {
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() type: string;
  @ApiProperty() description: string;
  @ApiMoney() amount: string;
}

export class ApproverResponse {
  @ApiProperty({ format: 'uuid' }) officerId: string;
  @ApiProperty() at: string;
}

export class AwardResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'AWD-KZ-2026-00042' }) number: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty({ example: 'BEN-KZ-7K3QF', description: 'The pseudonymous code, never a name' }) beneficiaryCode: string;
  @ApiProperty() country: string;
  @ApiMoney() amount: string;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: ['active', 'closed'] }) status: string;
  @ApiProperty({ type: [AwardItemResponse] }) items: AwardItemResponse[];
  @ApiProperty({ nullable: true, type: String }) conditions: string | null;
  @ApiProperty({ type: [ApproverResponse] }) approvers: ApproverResponse[];
  @ApiProperty({ example: 'ru', description: 'The language the NGO chose for its letters' }) language: string;
  @ApiProperty({ description: 'The current letter version: 1, +1 per amendment' }) letterVersion: number;
  @ApiProperty({
    nullable: true,
    type: LetterSummary,
    description: 'The current letter in the award language (verificationCode, sha256 once issued)',
  })
  letter: LetterSummary | null;
  @ApiProperty({ description: 'For amendments (optimistic locking)' }) version: number;
  @ApiProperty() createdAt: string;
}

export class CloseAwardDto {
  @ApiProperty({ description: 'The award version you read (409 if it changed since)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ minLength: 5, description: 'Why the award will be paid no further (the case ended, the NGO returned the rest, ...)' })
  @IsString()
  @MinLength(5)
  @MaxLength(1000)
  note: string;
}

export class AmendAwardDto {
  @ApiProperty({ description: 'The award version you read (409 if it changed since)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ minLength: 10, description: 'Why the award changes; printed on the new letter' })
  @IsString()
  @MinLength(10, { message: 'reason must be at least 10 characters: it is printed on the new letter' })
  @MaxLength(1000)
  reason: string;

  @ApprovedItemsField('New amounts of the items named (at most what was requested); items not named keep their amount')
  items?: ApprovedItemDto[];

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Replaces the conditions; null removes them' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(4000)
  conditions?: string | null;
}

export class LetterList {
  @ApiProperty({ type: [LetterSummary] }) items: LetterSummary[];
}

export class AwardPage extends PageOf(AwardResponse) {}
