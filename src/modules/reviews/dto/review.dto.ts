import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageOf, PageQueryDto } from '../../../common/pagination/pagination.js';
import { ApiMoney, IsProgramCountry, PROGRAM_COUNTRIES } from '../../../common/validation/decorators.js';
import { ApprovedItemDto, ApprovedItemsField } from '../../awards/dto/approved-item.dto.js';

export class ReviewQueueQueryDto extends PageQueryDto {
  @ApiProperty({ enum: PROGRAM_COUNTRIES })
  @IsProgramCountry()
  country: string;
}

export class ClaimDto {
  @ApiPropertyOptional({ description: 'A note kept with the history' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409 VERSION_CONFLICT with the current version' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class QueueItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'EF-KZ-2026-000123' }) reference: string;
  @ApiProperty({ enum: ['urgent', 'standard'] }) urgency: string;
  @ApiProperty() country: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiMoney() total: string;
  @ApiProperty() currency: string;
  @ApiProperty() firstSubmittedAt: string;
  @ApiProperty() lastSubmittedAt: string;
  @ApiProperty({ description: 'When a decision is due (SLA)' }) slaDueAt: string;
  @ApiProperty() overdue: boolean;
}

export class ReviewQueuePage extends PageOf(QueueItemResponse) {}

export const DECISIONS = ['approve', 'reject', 'request_info'] as const;

export class DecisionDto {
  @ApiProperty({ enum: DECISIONS })
  @IsIn([...DECISIONS], { message: `decision must be one of ${DECISIONS.join(', ')}` })
  decision: (typeof DECISIONS)[number];

  @ApprovedItemsField('approve: items not named are approved as requested')
  items?: ApprovedItemDto[];

  @ApiPropertyOptional({ example: 'NOT_ELIGIBLE_CATEGORY', description: 'reject: required' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9_]{1,59}$/, { message: 'reasonCode must be a code in capitals such as NOT_ELIGIBLE_CATEGORY' })
  reasonCode?: string;

  @ApiPropertyOptional({ description: 'reject and request_info: required; shown to the NGO' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;

  @ApiPropertyOptional({ description: 'approve: conditions the NGO must meet' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  conditions?: string;

  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409 VERSION_CONFLICT with the current version' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class WorkloadQueryDto {
  @ApiProperty({ enum: PROGRAM_COUNTRIES })
  @IsProgramCountry()
  country: string;
}

export class OfficerWorkload {
  @ApiProperty({ format: 'uuid' }) officerId: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ description: 'Applications claimed now' }) claimed: number;
  @ApiProperty({ description: 'Decisions since Monday 00:00 UTC' }) decidedThisWeek: number;
  @ApiProperty({ description: 'Claimed applications past their SLA due time' }) overdue: number;
}

export class WorkloadResponse {
  @ApiProperty() country: string;
  @ApiProperty() weekStartsAt: string;
  @ApiProperty({ type: [OfficerWorkload] }) items: OfficerWorkload[];
}

export class ReassignDto {
  @ApiProperty({ format: 'uuid', description: "An active officer of the application's country" })
  @IsUUID('all', { message: 'officerId must be a UUID' })
  officerId: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;

  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409 VERSION_CONFLICT with the current version' })
  @IsOptional()
  @IsInt()
  version?: number;
}
