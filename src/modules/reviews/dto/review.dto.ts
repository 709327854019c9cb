import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageOf, PageQueryDto } from '../../../common/pagination/pagination.js';
import { ApiMoney, IsProgramCountry, PROGRAM_COUNTRIES } from '../../../common/validation/decorators.js';

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
