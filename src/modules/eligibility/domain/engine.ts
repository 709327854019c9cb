import type { FundRules } from './fund-rules.js';
import type { EligibilityContext, Outcome, RuleResult } from './eligibility.types.js';
import type { RuleCode } from './rule-codes.js';
import { RULES } from './rules.js';

/** Bump when a rule's logic or wording changes: stored results say which version produced them. */
export const RULE_SET_VERSION = '2026.1';

export interface Evaluation {
  ruleSetVersion: string;
  results: RuleResult[];
  disabledRules: RuleCode[];
}

/** Runs every rule the fund has not switched off; a finding that is not ok is a fail or a warn as the fund configures. */
export function evaluate(ctx: EligibilityContext, overrides: FundRules['overrides'] = {}): Evaluation {
  const results: RuleResult[] = [];
  const disabledRules: RuleCode[] = [];
  for (const rule of RULES) {
    const override = overrides[rule.code];
    if (override === 'off') {
      disabledRules.push(rule.code);
      continue;
    }
    const finding = rule.check(ctx);
    const severity: Outcome = override ?? rule.severity;
    results.push({ code: rule.code, outcome: finding.ok ? 'pass' : severity, message: finding.message, values: finding.values });
  }
  return { ruleSetVersion: RULE_SET_VERSION, results, disabledRules };
}

/** Failures that still block, once waivers are taken into account. */
export function blockingFailures(results: Pick<RuleResult, 'code' | 'outcome'>[], waived: Iterable<string>): RuleCode[] {
  const waivedSet = new Set(waived);
  return results.filter((r) => r.outcome === 'fail' && !waivedSet.has(r.code)).map((r) => r.code);
}
