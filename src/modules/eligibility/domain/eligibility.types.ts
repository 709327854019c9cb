import type { AssistanceType, Category } from '../../../common/domain-codes.js';
import type { Minor } from '../../../common/money/money.js';
import type { FundRules } from './fund-rules.js';
import type { RuleCode } from './rule-codes.js';

/** Everything the rules look at, gathered by the service before the pure evaluation. */
export interface EligibilityContext {
  today: string; // YYYY-MM-DD
  organisation: { status: string; country: string };
  fund: { status: string; country: string; currency: string; periodStart: string; periodEnd: string; rules: FundRules; available: Minor };
  /** `registeredAgain`: the same organisation registered what looks like the same person under another code. */
  beneficiary: { category: Category; consentGivenAt: string | null; registeredAgain: boolean };
  application: {
    items: { type: AssistanceType; amount: Minor }[];
    total: Minor;
    stateSupport: { requested: boolean; agency: string | null; requestedOn: string | null; outcome: string; note: string | null } | null;
    documentKinds: string[];
  };
  /**
   * Approvals for the same person by the applying organisation (any of its registrations of them):
   * amount and decision date. Never another organisation's: the NGO reads every finding, so a rule
   * that counted them would tell it that someone else helps the person (officers see those at review).
   */
  priorApprovals: { amount: Minor; decidedOn: string }[];
  /** The applying organisation's other applications for the same person still waiting for a decision. */
  otherOpenApplications: { reference: string | null }[];
}

export type Outcome = 'pass' | 'warn' | 'fail';

/** What a rule found: `ok` or not, a sentence for the case worker, and the values it compared. */
export interface RuleFinding {
  ok: boolean;
  message: string;
  values: Record<string, unknown>;
}

export interface RuleDefinition {
  code: RuleCode;
  /** What a finding that is not ok means unless the fund says otherwise. */
  severity: 'fail' | 'warn';
  check(ctx: EligibilityContext): RuleFinding;
}

export interface RuleResult {
  code: RuleCode;
  outcome: Outcome;
  message: string;
  values: Record<string, unknown>;
}
