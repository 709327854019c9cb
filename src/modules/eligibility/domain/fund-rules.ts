import { ASSISTANCE_TYPES, type AssistanceType, CATEGORIES, type Category } from '../../../common/domain-codes.js';
import type { RuleCode, RuleOverride } from './rule-codes.js';

/**
 * A fund's rules as stored (jsonb): the configuration of the eligibility rules (and of the approval,
 * SLA and report figures read beside them), defined here so that funds depends on eligibility and
 * not the other way round. Money values are decimal strings; `null` means no cap. */
export interface FundRules {
  eligibleCategories: Category[];
  allowedTypes: AssistanceType[];
  maxPerApplication: string | null;
  typeCaps: Partial<Record<AssistanceType, string>>;
  beneficiaryCap365d: string | null;
  secondApprovalThreshold: string | null;
  slaHours: { urgent: number; standard: number };
  femaleTargetPercent: number;
  overrides: Partial<Record<RuleCode, RuleOverride>>;
}

export const DEFAULT_RULES: FundRules = {
  eligibleCategories: [...CATEGORIES],
  allowedTypes: [...ASSISTANCE_TYPES],
  maxPerApplication: null,
  typeCaps: {},
  beneficiaryCap365d: null,
  secondApprovalThreshold: null,
  slaHours: { urgent: 24, standard: 72 },
  femaleTargetPercent: 33,
  overrides: {},
};

/** Fills omitted fields with defaults; a patch replaces the fields it names and keeps the others. */
export function mergeRules(base: FundRules, patch: Partial<FundRules> | undefined): FundRules {
  if (!patch) return { ...base };
  const merged = { ...base } as FundRules;
  for (const [key, value] of Object.entries(patch) as [keyof FundRules, unknown][]) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  return merged;
}
