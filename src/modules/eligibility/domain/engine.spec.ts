import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RULES } from './fund-rules.js';
import { blockingFailures, evaluate, RULE_SET_VERSION } from './engine.js';
import type { EligibilityContext } from './eligibility.types.js';
import { RULE_CODES } from './rule-codes.js';

/** A context every rule passes (KZ fund in KZT, 2026, caps set); `patch` edits a copy. */
function ctx(patch: (c: EligibilityContext) => void = () => {}): EligibilityContext {
  const c: EligibilityContext = {
    today: '2026-11-23',
    organisation: { status: 'active', country: 'KZ' },
    fund: {
      status: 'open',
      country: 'KZ',
      currency: 'KZT',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      available: 100_000_000n,
      rules: { ...DEFAULT_RULES, maxPerApplication: '250000.00', typeCaps: { medical: '100000.00' }, beneficiaryCap365d: '500000.00' },
    },
    beneficiary: { category: 'VOT', consentGivenAt: '2026-05-01', registeredAgain: false },
    application: {
      items: [{ type: 'medical', amount: 8_000_000n }],
      total: 8_000_000n,
      stateSupport: { requested: true, agency: 'Akimat', requestedOn: '2026-10-01', outcome: 'refused', note: null },
      documentKinds: ['cost_estimate'],
    },
    priorApprovals: [],
    otherOpenApplications: [],
  };
  patch(c);
  return c;
}

const outcomes = (e: ReturnType<typeof evaluate>) => Object.fromEntries(e.results.map((r) => [r.code, r.outcome]));

describe('eligibility engine', () => {
  it('runs every rule once, in order, and returns the rule-set version', () => {
    const e = evaluate(ctx());
    expect(e.ruleSetVersion).toBe(RULE_SET_VERSION);
    expect(e.results.map((r) => r.code)).toEqual([...RULE_CODES]);
    expect(e.results.every((r) => r.outcome === 'pass' && r.message.length > 0)).toBe(true);
    expect(e.disabledRules).toEqual([]);
  });

  it('uses the default severities: fail rules fail, warn rules warn', () => {
    const e = evaluate(
      ctx((c) => {
        c.organisation.status = 'suspended';
        c.beneficiary.registeredAgain = true;
        c.application.documentKinds = [];
        c.fund.available = 0n;
      }),
    );
    expect(outcomes(e)).toMatchObject({
      ORG_ACTIVE: 'fail',
      DUPLICATE_BENEFICIARY: 'warn',
      REQUIRED_DOCUMENTS: 'warn',
      FUND_BALANCE: 'warn',
      FUND_OPEN: 'pass',
    });
    const org = e.results.find((r) => r.code === 'ORG_ACTIVE');
    expect(org?.values).toEqual({ status: 'suspended' });
    expect(blockingFailures(e.results, [])).toEqual(['ORG_ACTIVE']);
  });

  it('reports all failures at once', () => {
    const e = evaluate(
      ctx((c) => {
        c.organisation.status = 'suspended';
        c.organisation.country = 'KG';
        c.beneficiary.consentGivenAt = null;
        c.application.stateSupport = null;
        c.application.total = 30_000_000n;
      }),
    );
    const fails = e.results.filter((r) => r.outcome === 'fail').map((r) => r.code);
    expect(fails).toEqual(['ORG_ACTIVE', 'COUNTRY_MATCH', 'CONSENT_RECORDED', 'STATE_SUPPORT_SOUGHT', 'APPLICATION_CAP']);
    expect(e.results).toHaveLength(RULE_CODES.length);
  });

  it("'off' removes a rule from the results and lists it as disabled", () => {
    const e = evaluate(
      ctx((c) => (c.organisation.status = 'suspended')),
      { ORG_ACTIVE: 'off', FUND_BALANCE: 'off' },
    );
    expect(e.results.map((r) => r.code)).toEqual(RULE_CODES.filter((c) => c !== 'ORG_ACTIVE' && c !== 'FUND_BALANCE'));
    expect(e.disabledRules).toEqual(['ORG_ACTIVE', 'FUND_BALANCE']);
    expect(blockingFailures(e.results, [])).toEqual([]);
  });

  it("'warn' downgrades a failing fail-rule; 'fail' upgrades a warn-rule finding", () => {
    const broken = ctx((c) => {
      c.organisation.country = 'KG';
      c.beneficiary.registeredAgain = true;
    });
    const e = evaluate(broken, { COUNTRY_MATCH: 'warn', DUPLICATE_BENEFICIARY: 'fail' });
    expect(outcomes(e)).toMatchObject({ COUNTRY_MATCH: 'warn', DUPLICATE_BENEFICIARY: 'fail' });
    expect(blockingFailures(e.results, [])).toEqual(['DUPLICATE_BENEFICIARY']);
    // an override never turns a passing rule into a problem
    expect(outcomes(evaluate(ctx(), { ORG_ACTIVE: 'fail', FUND_BALANCE: 'warn' }))).toMatchObject({
      ORG_ACTIVE: 'pass',
      FUND_BALANCE: 'pass',
    });
  });

  it('blockingFailures drops waived codes and warnings', () => {
    const results = [
      { code: 'ORG_ACTIVE' as const, outcome: 'fail' as const },
      { code: 'APPLICATION_CAP' as const, outcome: 'fail' as const },
      { code: 'FUND_BALANCE' as const, outcome: 'warn' as const },
      { code: 'FUND_OPEN' as const, outcome: 'pass' as const },
    ];
    expect(blockingFailures(results, [])).toEqual(['ORG_ACTIVE', 'APPLICATION_CAP']);
    expect(blockingFailures(results, new Set(['APPLICATION_CAP', 'FUND_BALANCE']))).toEqual(['ORG_ACTIVE']);
    expect(blockingFailures(results, ['ORG_ACTIVE', 'APPLICATION_CAP'])).toEqual([]);
  });
});
