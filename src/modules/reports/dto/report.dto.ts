import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsIsoDate } from '../../../common/validation/decorators.js';
import type { Breakdown } from '../domain/ef-results.js';

export class ReportFormatQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: the same rows, nested fields as dotted columns' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

/** A day range (UTC, both ends included) over each report's own date: the award's, the decision's, the follow-up's due day. */
export class ReportRangeQueryDto extends ReportFormatQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: "On or after this day (UTC): the award's day, the decision's, the follow-up's due day",
  })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'On or before this day (UTC), the whole day included' })
  @IsOptional()
  @IsIsoDate()
  to?: string;
}

export class EfResultsQueryDto extends ReportRangeQueryDto {
  @ApiPropertyOptional({
    enum: ['awards', 'beneficiaries'],
    default: 'awards',
    description: 'Count awards, or people with at least one award',
  })
  @IsOptional()
  @IsIn(['awards', 'beneficiaries'], { message: 'unit must be awards or beneficiaries' })
  unit?: 'awards' | 'beneficiaries';

  @ApiPropertyOptional({
    enum: ['ageGroup', 'flag'],
    description:
      'The same table for each age group at the award (under 18, 18-24, 25-34, 35-49, 50+), or for each flag (disability, gbv_survivor, foreign; a person with two counts in both)',
  })
  @IsOptional()
  @IsIn(['ageGroup', 'flag'], { message: 'breakdown must be ageGroup or flag' })
  breakdown?: Breakdown;
}

export class EfResultsRowResponse {
  @ApiPropertyOptional({ example: '18-24', description: 'The age group or flag, in a broken-down report' }) group?: string;
  @ApiProperty({ example: 'KZ', description: 'A country, or ALL for the grand total' }) country: string;
  @ApiProperty({ example: 'VOT', description: 'VOT, VM, OTHER, or ALL for the country total' }) category: string;
  @ApiProperty() female: number;
  @ApiProperty() male: number;
  @ApiProperty() other: number;
  @ApiProperty() undisclosed: number;
  @ApiProperty() total: number;
  @ApiProperty({ example: 34.9, description: 'Rounded to one decimal, half away from zero' }) femalePercent: number;
  @ApiProperty({ example: 65.1 }) malePercent: number;
  @ApiProperty({ example: 54.1, description: "Share of the country's total" }) shareOfCountryPercent: number;
}

export class EfResultsResponse {
  @ApiProperty({ enum: ['awards', 'beneficiaries'] }) unit: string;
  @ApiProperty({ enum: ['ageGroup', 'flag'], nullable: true, type: String }) breakdown: Breakdown | null;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty({ type: [EfResultsRowResponse] }) rows: EfResultsRowResponse[];
}

export class HoursResponse {
  @ApiProperty({ nullable: true, type: Number, description: 'Hours, one decimal' }) median: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '90th percentile, interpolated' }) p90: number | null;
  @ApiProperty({ nullable: true, type: Number }) max: number | null;
}

export class TurnaroundRow {
  @ApiProperty() decisions: number;
  @ApiProperty({ type: HoursResponse, description: 'First submission to final decision' }) grossHours: HoursResponse;
  @ApiProperty({ type: HoursResponse, description: 'The same, without the time waiting for the NGO' }) netHours: HoursResponse;
  @ApiProperty({ nullable: true, type: Number, description: 'Share of decisions made by their SLA due time' }) withinSlaPercent:
    number | null;
  @ApiProperty({ description: 'Applications waiting past their due time now' }) overdueNow: number;
}

export class CountryTurnaround extends TurnaroundRow {
  @ApiProperty() country: string;
}

export class OfficerTurnaround extends TurnaroundRow {
  @ApiProperty({ format: 'uuid' }) officerId: string;
  @ApiProperty() fullName: string;
}

export class TurnaroundResponse {
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty({ type: [CountryTurnaround] }) countries: CountryTurnaround[];
  @ApiProperty({ type: [OfficerTurnaround] }) officers: OfficerTurnaround[];
}

export class MoneyFigures {
  @ApiProperty({ example: '50000000.00' }) budget: string;
  @ApiProperty() committed: string;
  @ApiProperty() disbursed: string;
  @ApiProperty() available: string;
}

export class FundReportRow {
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty() name: string;
  @ApiProperty() country: string;
  @ApiProperty() currency: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: MoneyFigures, description: 'In the fund currency, from the ledger' }) local: MoneyFigures;
  @ApiProperty({
    type: MoneyFigures,
    nullable: true,
    description:
      "Each ledger entry at the rate of its award's month (an entry without an award, such as the budget, at its own month's); null when a month it needs has no rate",
  })
  usd: MoneyFigures | null;
  @ApiProperty({ type: [String], example: ['2026-11'], description: 'Months whose rate an entry needs but which have no recorded rate' })
  missingRates: string[];
}

export class FundReport {
  @ApiProperty({ type: [FundReportRow] }) items: FundReportRow[];
}

export class GenderTargetRow {
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty() name: string;
  @ApiProperty() country: string;
  @ApiProperty() awards: number;
  @ApiProperty() femaleAwards: number;
  @ApiProperty({ nullable: true, type: Number, description: 'One decimal, half away from zero' }) femalePercent: number | null;
  @ApiProperty({ example: 33 }) targetPercent: number;
  @ApiProperty({ nullable: true, type: Boolean, description: 'null while the fund has no awards' }) met: boolean | null;
}

export class GenderTargetReport {
  @ApiProperty({ type: [GenderTargetRow] }) items: GenderTargetRow[];
}

export class YesNoCounts {
  @ApiProperty() yes: number;
  @ApiProperty() no: number;
  @ApiProperty({ description: 'Completed follow-ups without this answer' }) notAnswered: number;
}

export class IncomeChangeCounts {
  @ApiProperty() lower: number;
  @ApiProperty() same: number;
  @ApiProperty() higher: number;
  @ApiProperty() notAnswered: number;
}

export class LivingStandardCounts {
  @ApiProperty() worse: number;
  @ApiProperty() same: number;
  @ApiProperty() better: number;
  @ApiProperty() notAnswered: number;
}

export class ReferralCounts {
  @ApiProperty({ description: 'Completed follow-ups in which the person referred somebody' }) followUps: number;
  @ApiProperty({ description: 'People referred, in all' }) people: number;
}

export class FollowUpReportRow {
  @ApiProperty({ example: 'KZ', description: 'A country, or ALL for the grand total' }) country: string;
  @ApiProperty({ enum: ['3m', '6m', 'ALL'], description: 'The milestone, or ALL for both' }) milestone: string;
  @ApiProperty({ description: 'Follow-ups whose due day has come' }) fallenDue: number;
  @ApiProperty() completed: number;
  @ApiProperty({ nullable: true, type: Number, description: 'completed ÷ fallenDue, one decimal; null while none fell due' })
  completionPercent: number | null;
  @ApiProperty({ description: 'Not completed more than 30 days after due' }) overdue: number;
  @ApiProperty({ description: 'Not due yet' }) upcoming: number;
  @ApiProperty({ type: YesNoCounts, description: 'Could the NGO reach the person? (always answered)' }) contactMade: YesNoCounts;
  @ApiProperty({ type: YesNoCounts, description: 'Business or job operating' }) livelihoodOperating: YesNoCounts;
  @ApiProperty({ type: IncomeChangeCounts, description: 'Income compared with before' }) incomeChange: IncomeChangeCounts;
  @ApiProperty({ type: LivingStandardCounts }) livingStandard: LivingStandardCounts;
  @ApiProperty({ type: YesNoCounts }) intendsToMigrate: YesNoCounts;
  @ApiProperty({ type: ReferralCounts }) referredOthers: ReferralCounts;
}

export class FollowUpReport {
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty({ nullable: true, type: String }) to: string | null;
  @ApiProperty({ type: [FollowUpReportRow] }) rows: FollowUpReportRow[];
}
