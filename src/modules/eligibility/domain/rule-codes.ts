/** Eligibility rule codes (SPEC section 3). The rules themselves arrive with the applications issue. */
export const RULE_CODES = [
  'ORG_ACTIVE',
  'FUND_OPEN',
  'COUNTRY_MATCH',
  'CATEGORY_ELIGIBLE',
  'CONSENT_RECORDED',
  'STATE_SUPPORT_SOUGHT',
  'TYPE_ALLOWED',
  'APPLICATION_CAP',
  'TYPE_CAP',
  'BENEFICIARY_CAP_365D',
  'DUPLICATE_BENEFICIARY',
  'REQUIRED_DOCUMENTS',
  'FUND_BALANCE',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];
export const RULE_OVERRIDES = ['off', 'warn', 'fail'] as const;
export type RuleOverride = (typeof RULE_OVERRIDES)[number];
