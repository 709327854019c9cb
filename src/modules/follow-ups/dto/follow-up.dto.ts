import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { PageOf, PageQueryDto } from '../../../common/pagination/pagination.js';

export const FOLLOW_UP_STATES = ['due', 'overdue', 'upcoming', 'completed'] as const;

export class FollowUpQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: FOLLOW_UP_STATES,
    description: 'due: due now (overdue ones too); overdue: more than 30 days past due; upcoming; completed',
  })
  @IsOptional()
  @IsIn([...FOLLOW_UP_STATES], { message: `status must be one of ${FOLLOW_UP_STATES.join(', ')}` })
  status?: (typeof FOLLOW_UP_STATES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'The follow-ups of this award' })
  @IsOptional()
  @IsUUID('all', { message: 'awardId must be a UUID' })
  awardId?: string;
}

export class RecordFollowUpDto {
  @ApiPropertyOptional({ description: 'The follow-up version you read: 409 if someone recorded it since' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiProperty({ description: 'Could the NGO reach the person?' })
  @IsBoolean()
  contactMade: boolean;

  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'Is the business or job operating?' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsBoolean()
  livelihoodOperating?: boolean | null;

  @ApiPropertyOptional({ nullable: true, enum: ['lower', 'same', 'higher'], description: 'Income compared with before' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(['lower', 'same', 'higher'], { message: 'incomeChange must be lower, same or higher' })
  incomeChange?: 'lower' | 'same' | 'higher' | null;

  @ApiPropertyOptional({ nullable: true, enum: ['worse', 'same', 'better'] })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsIn(['worse', 'same', 'better'], { message: 'livingStandard must be worse, same or better' })
  livingStandard?: 'worse' | 'same' | 'better' | null;

  @ApiPropertyOptional({ nullable: true, type: Boolean })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsBoolean()
  intendsToMigrate?: boolean | null;

  @ApiPropertyOptional({ nullable: true, type: Number, minimum: 0 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(1000)
  referredOthers?: number | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(4000)
  note?: string | null;
}

export class FollowUpResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) awardId: string;
  @ApiProperty() awardNumber: string;
  @ApiProperty({ enum: ['3m', '6m'] }) milestone: string;
  @ApiProperty() dueOn: string;
  @ApiProperty({ enum: FOLLOW_UP_STATES }) status: string;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) contactMade: boolean | null;
  @ApiProperty({ nullable: true, type: Boolean }) livelihoodOperating: boolean | null;
  @ApiProperty({ nullable: true, type: String }) incomeChange: string | null;
  @ApiProperty({ nullable: true, type: String }) livingStandard: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) intendsToMigrate: boolean | null;
  @ApiProperty({ nullable: true, type: Number }) referredOthers: number | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() version: number;
}

export class FollowUpPage extends PageOf(FollowUpResponse) {}
