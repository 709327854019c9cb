import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { RULE_CODES } from '../domain/rule-codes.js';
import type { EligibilityResult } from '../entities/eligibility-result.entity.js';
import type { EligibilityRun } from '../entities/eligibility-run.entity.js';

export class CreateWaiverDto {
  @ApiProperty({ enum: RULE_CODES })
  @IsIn([...RULE_CODES], { message: `ruleCode must be one of ${RULE_CODES.join(', ')}` })
  ruleCode: string;

  @ApiProperty({ example: 'Cap exceeded because the clinic raised its price after the estimate; approved by the program manager.' })
  @IsString()
  @MinLength(10, { message: 'reason must say why, in at least 10 characters' })
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({
    description: "The application's version you read; a stale one answers 409 VERSION_CONFLICT with the current version",
  })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class RuleResultResponse {
  @ApiProperty() ruleCode: string;
  @ApiProperty({ enum: ['pass', 'warn', 'fail'] }) outcome: string;
  @ApiProperty({ description: 'Written for the NGO case worker' }) message: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The values the rule compared' }) values: Record<string, unknown>;
  @ApiProperty({ description: 'A failed rule an admin waived for this application' }) waived: boolean;
}

export class EligibilityResponse {
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ example: '2026.1' }) ruleSetVersion: string;
  @ApiProperty({ enum: ['eligible', 'ineligible'] }) outcome: string;
  @ApiProperty() evaluatedAt: string;
  @ApiProperty({ type: [String], description: 'Rules the fund switched off' }) disabledRules: string[];
  @ApiProperty({ type: [RuleResultResponse] }) results: RuleResultResponse[];
}

/** What submitting now would find: the same rules on the application as it stands, recorded nowhere. */
export class EligibilityPreviewResponse {
  @ApiProperty({ example: '2026.1' }) ruleSetVersion: string;
  @ApiProperty({ enum: ['eligible', 'ineligible'], description: 'ineligible: submitting now would land in ineligible' }) outcome: string;
  @ApiProperty() evaluatedAt: string;
  @ApiProperty({ type: [String], description: 'Rules the fund switched off' }) disabledRules: string[];
  @ApiProperty({ type: [RuleResultResponse] }) results: RuleResultResponse[];
}

/** An application's latest eligibility run as its answer shows it (`EligibilityRepository.latestOfApplication`). */
export interface LatestRun {
  run: Pick<EligibilityRun, 'id' | 'ruleSetVersion' | 'outcome' | 'disabledRules' | 'evaluatedAt'>;
  /** By position. */
  results: Pick<EligibilityResult, 'ruleCode' | 'outcome' | 'message' | 'values'>[];
  /** The rules waived for the application. */
  waivedRules: string[];
}

export function toEligibilityResponse({ run, results, waivedRules }: LatestRun): EligibilityResponse {
  const waived = new Set(waivedRules);
  return {
    runId: run.id,
    ruleSetVersion: run.ruleSetVersion,
    outcome: run.outcome,
    evaluatedAt: run.evaluatedAt.toISOString(),
    disabledRules: run.disabledRules,
    results: results.map((r) => ({
      ruleCode: r.ruleCode,
      outcome: r.outcome,
      message: r.message,
      values: r.values,
      waived: r.outcome === 'fail' && waived.has(r.ruleCode),
    })),
  };
}
