import { describe, expect, it } from '@jest/globals';
import { DEFAULT_RULES, type FundRules } from './fund-rules.js';
import type { EligibilityContext, RuleFinding } from './eligibility.types.js';
import { RULE_CODES, type RuleCode } from './rule-codes.js';
import { daysBetween, RULES, within365Days } from './rules.js';

type Ctx = EligibilityContext;
interface Over {
  today?: string;
  organisation?: Partial<Ctx['organisation']>;
  fund?: Partial<Omit<Ctx['fund'], 'rules'>> & { rules?: Partial<FundRules> };
  beneficiary?: Partial<Ctx['beneficiary']>;
  application?: Partial<Ctx['application']>;
  priorApprovals?: Ctx['priorApprovals'];
  otherOpenApplications?: Ctx['otherOpenApplications'];
}

/** A context every rule passes: KZ NGO, open KZ fund in KZT for 2026, caps set. */
function ctx(o: Over = {}): Ctx {
  return {
    today: o.today ?? '2026-11-23',
    organisation: { status: 'active', country: 'KZ', ...o.organisation },
    fund: {
      status: 'open',
      country: 'KZ',
      currency: 'KZT',
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      available: 100_000_000n,
      ...o.fund,
      rules: {
        ...DEFAULT_RULES,
        maxPerApplication: '250000.00',
        typeCaps: { medical: '100000.00' },
        beneficiaryCap365d: '500000.00',
        ...o.fund?.rules,
      },
    },
    beneficiary: { category: 'VOT', consentGivenAt: '2026-05-01', registeredAgain: false, ...o.beneficiary },
    application: {
      items: [
        { type: 'legal', amount: 5_000_000n },
        { type: 'medical', amount: 8_000_000n },
      ],
      total: 13_000_000n,
      stateSupport: { requested: true, agency: 'Akimat of Almaty', requestedOn: '2026-10-01', outcome: 'refused', note: null },
      documentKinds: ['cost_estimate'],
      ...o.application,
    },
    priorApprovals: o.priorApprovals ?? [],
    otherOpenApplications: o.otherOpenApplications ?? [],
  };
}

function run(code: RuleCode, o: Over = {}): RuleFinding {
  const rule = RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`no rule ${code}`);
  return rule.check(ctx(o));
}

/** Shifts an ISO date by n days. */
const shift = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const stateSupport = (s: Partial<NonNullable<Ctx['application']['stateSupport']>>) => ({
  application: { stateSupport: { requested: true, agency: null, requestedOn: null, outcome: 'refused', note: null, ...s } },
});

describe('eligibility rules', () => {
  it('defines every rule code once, in order, with the SPEC severities', () => {
    expect(RULES.map((r) => r.code)).toEqual([...RULE_CODES]);
    const warns = RULES.filter((r) => r.severity === 'warn').map((r) => r.code);
    expect(warns).toEqual(['DUPLICATE_BENEFICIARY', 'REQUIRED_DOCUMENTS', 'FUND_BALANCE']);
  });

  it('the base context passes every rule', () => {
    for (const rule of RULES) expect([rule.code, rule.check(ctx()).ok]).toEqual([rule.code, true]);
  });

  it('ORG_ACTIVE: active passes, suspended fails', () => {
    expect(run('ORG_ACTIVE').values).toEqual({ status: 'active' });
    const f = run('ORG_ACTIVE', { organisation: { status: 'suspended' } });
    expect(f.ok).toBe(false);
    expect(f.message).toMatch(/suspended/);
    expect(f.values).toEqual({ status: 'suspended' });
  });

  describe('FUND_OPEN', () => {
    it('first and last day of the period pass; the day before and after fail', () => {
      expect(run('FUND_OPEN', { today: '2026-01-01' }).ok).toBe(true);
      expect(run('FUND_OPEN', { today: '2026-12-31' }).ok).toBe(true);
      const before = run('FUND_OPEN', { today: '2025-12-31' });
      expect(before.ok).toBe(false);
      expect(before.message).toBe('This fund opens on 2026-01-01; it takes applications from that day.');
      const after = run('FUND_OPEN', { today: '2027-01-01' });
      expect(after.ok).toBe(false);
      expect(after.message).toContain('ended on 2026-12-31');
      expect(after.values).toEqual({ status: 'open', periodStart: '2026-01-01', periodEnd: '2026-12-31', today: '2027-01-01' });
    });
    it('a closed fund fails even within its period', () => {
      const f = run('FUND_OPEN', { fund: { status: 'closed' } });
      expect(f.ok).toBe(false);
      expect(f.message).toMatch(/closed/);
    });
  });

  it('COUNTRY_MATCH: same country passes, another fails naming both', () => {
    expect(run('COUNTRY_MATCH').ok).toBe(true);
    const f = run('COUNTRY_MATCH', { organisation: { country: 'KG' } });
    expect(f.ok).toBe(false);
    expect(f.message).toBe('This fund serves KZ; your organisation works in KG. Apply to the fund of KG.');
    expect(f.values).toEqual({ organisationCountry: 'KG', fundCountry: 'KZ' });
  });

  it('CATEGORY_ELIGIBLE: listed category passes, unlisted fails', () => {
    expect(run('CATEGORY_ELIGIBLE', { fund: { rules: { eligibleCategories: ['VOT'] } } }).ok).toBe(true);
    const f = run('CATEGORY_ELIGIBLE', { beneficiary: { category: 'OTHER' }, fund: { rules: { eligibleCategories: ['VOT', 'VM'] } } });
    expect(f.ok).toBe(false);
    expect(f.message).toContain('victims of trafficking (VOT) and vulnerable migrants (VM)');
    expect(f.message).toContain('registered as family members and people at risk (OTHER)');
    expect(f.values).toEqual({ category: 'OTHER', eligibleCategories: ['VOT', 'VM'] });
  });

  it('CONSENT_RECORDED: null fails, a future date fails, today passes', () => {
    expect(run('CONSENT_RECORDED', { beneficiary: { consentGivenAt: null } }).ok).toBe(false);
    const future = run('CONSENT_RECORDED', { beneficiary: { consentGivenAt: '2026-11-24' } });
    expect(future.ok).toBe(false);
    expect(future.message).toContain('2026-11-24, in the future');
    const today = run('CONSENT_RECORDED', { beneficiary: { consentGivenAt: '2026-11-23' } });
    expect(today.ok).toBe(true);
    expect(today.values).toEqual({ consentGivenAt: '2026-11-23' });
  });

  describe('STATE_SUPPORT_SOUGHT', () => {
    it('refused, partial and no response after a request pass', () => {
      for (const outcome of ['refused', 'partial', 'no_response'])
        expect(run('STATE_SUPPORT_SOUGHT', stateSupport({ outcome })).ok).toBe(true);
      expect(run('STATE_SUPPORT_SOUGHT').message).toBe(
        'State support was requested from Akimat of Almaty on 2026-10-01 and the agency refused.',
      );
    });
    it('not requested fails', () => {
      const f = run('STATE_SUPPORT_SOUGHT', stateSupport({ requested: false, outcome: 'no_response' }));
      expect(f.ok).toBe(false);
      expect(f.message).toMatch(/ask the responsible agency first/);
    });
    it('not_applicable needs a note that is not blank', () => {
      const ok = run(
        'STATE_SUPPORT_SOUGHT',
        stateSupport({ requested: false, outcome: 'not_applicable', note: ' foreign VOT: no State shelter ' }),
      );
      expect(ok.ok).toBe(true);
      expect(ok.message).toBe('State support does not apply: foreign VOT: no State shelter');
      expect(run('STATE_SUPPORT_SOUGHT', stateSupport({ outcome: 'not_applicable', note: null })).ok).toBe(false);
      expect(run('STATE_SUPPORT_SOUGHT', stateSupport({ outcome: 'not_applicable', note: '  \t ' })).ok).toBe(false);
    });
    it('a missing block fails', () => {
      const f = run('STATE_SUPPORT_SOUGHT', { application: { stateSupport: null } });
      expect(f.ok).toBe(false);
      expect(f.values).toEqual({ stateSupport: null });
    });
  });

  it('TYPE_ALLOWED: refuses types the fund does not pay for, listing each once', () => {
    const o: Over = { fund: { rules: { allowedTypes: ['legal', 'medical'] } } };
    expect(run('TYPE_ALLOWED', o).ok).toBe(true);
    const items = [
      { type: 'legal' as const, amount: 100n },
      { type: 'shelter' as const, amount: 100n },
      { type: 'shelter' as const, amount: 100n },
    ];
    const f = run('TYPE_ALLOWED', { ...o, application: { items, total: 300n } });
    expect(f.ok).toBe(false);
    expect(f.message).toContain('does not pay for shelter.');
    expect(f.values).toEqual({ requestedTypes: ['legal', 'shelter'], allowedTypes: ['legal', 'medical'], refusedTypes: ['shelter'] });
  });

  describe('APPLICATION_CAP', () => {
    it('exactly at the cap passes; one tiyn over fails', () => {
      expect(run('APPLICATION_CAP', { application: { total: 25_000_000n } }).ok).toBe(true);
      expect(run('APPLICATION_CAP', { application: { total: 25_000_001n } }).ok).toBe(false);
    });
    it('says the cap and the total in words a case worker reads', () => {
      const f = run('APPLICATION_CAP', { application: { total: 31_000_000n } });
      expect(f.message).toBe('The fund pays at most 250,000.00 KZT per application; this one asks for 310,000.00 KZT.');
      expect(f.values).toEqual({ total: '310000.00', cap: '250000.00', currency: 'KZT' });
    });
    it('no cap passes', () => {
      expect(run('APPLICATION_CAP', { application: { total: 10n ** 15n }, fund: { rules: { maxPerApplication: null } } }).ok).toBe(true);
    });
  });

  describe('TYPE_CAP', () => {
    const medical = (...amounts: bigint[]): Over => ({
      application: {
        items: [{ type: 'legal', amount: 99_000_000n }, ...amounts.map((amount) => ({ type: 'medical' as const, amount }))],
        total: 0n,
      },
    });
    it('adds items of the same type; exactly at the cap passes', () => {
      const f = run('TYPE_CAP', medical(6_000_000n, 4_000_000n));
      expect(f.ok).toBe(true);
      expect(f.values).toEqual({ byType: { medical: { requested: '100000.00', cap: '100000.00' } }, currency: 'KZT' });
    });
    it('over the cap fails naming the type', () => {
      const f = run('TYPE_CAP', medical(6_000_000n, 4_000_001n));
      expect(f.ok).toBe(false);
      expect(f.message).toBe(
        'The fund limits some types of assistance per application — medical care: at most 100,000.00 KZT, this application asks for 100,000.01 KZT.',
      );
    });
    it('ignores types without caps', () => {
      const f = run('TYPE_CAP', { application: { items: [{ type: 'legal', amount: 99_000_000n }], total: 99_000_000n } });
      expect(f.ok).toBe(true);
      expect(f.message).toBe('No type of assistance requested here has its own limit.');
      expect(run('TYPE_CAP', { fund: { rules: { typeCaps: {} } }, ...medical(10n ** 12n) }).ok).toBe(true);
    });
  });

  describe('BENEFICIARY_CAP_365D', () => {
    const today = '2026-11-23';
    it('within365Days counts 0..364 days back, not 365 days nor future dates', () => {
      expect(daysBetween('2025-11-23', today)).toBe(365);
      const a = (decidedOn: string) => ({ amount: 1n, decidedOn });
      const all = [a(shift(today, -364)), a(shift(today, -365)), a(today), a(shift(today, 1))];
      expect(within365Days(all, today).map((x) => x.decidedOn)).toEqual(['2025-11-24', '2026-11-23']);
    });
    it('an approval 364 days old counts, one 365 days old does not', () => {
      const prior = (days: number) => ({ priorApprovals: [{ amount: 40_000_000n, decidedOn: shift(today, -days) }] });
      expect(run('BENEFICIARY_CAP_365D', prior(364)).ok).toBe(false);
      expect(run('BENEFICIARY_CAP_365D', prior(365)).ok).toBe(true);
      expect(run('BENEFICIARY_CAP_365D', { priorApprovals: [{ amount: 40_000_000n, decidedOn: shift(today, 3) }] }).ok).toBe(true);
    });
    it('prior + this exactly at the cap passes; over fails saying what can still be asked', () => {
      const o = (total: bigint): Over => ({
        application: { total },
        priorApprovals: [
          { amount: 20_000_000n, decidedOn: '2026-03-01' },
          { amount: 10_000_000n, decidedOn: '2025-12-01' },
        ],
      });
      expect(run('BENEFICIARY_CAP_365D', o(20_000_000n)).ok).toBe(true);
      const f = run('BENEFICIARY_CAP_365D', o(20_000_001n));
      expect(f.ok).toBe(false);
      expect(f.message).toBe(
        'The fund pays at most 500,000.00 KZT per person in 365 days. This person was already granted 300,000.00 KZT; with this application it would be 500,000.01 KZT. At most 200,000.00 KZT can be requested now.',
      );
      expect(f.values).toEqual({
        approvedLast365Days: '300000.00',
        thisApplication: '200000.01',
        cap: '500000.00',
        approvalsCounted: 2,
        currency: 'KZT',
      });
    });
    it('says 0.00 can be requested once the cap is used up; no cap passes', () => {
      const over = { priorApprovals: [{ amount: 60_000_000n, decidedOn: '2026-06-01' }] };
      expect(run('BENEFICIARY_CAP_365D', over).message).toContain('At most 0.00 KZT can be requested now.');
      expect(run('BENEFICIARY_CAP_365D', { ...over, fund: { rules: { beneficiaryCap365d: null } } }).ok).toBe(true);
    });
  });

  describe('DUPLICATE_BENEFICIARY', () => {
    it('registered again by the same organisation is not ok', () => {
      const f = run('DUPLICATE_BENEFICIARY', { beneficiary: { registeredAgain: true } });
      expect(f.ok).toBe(false);
      expect(f.message).toMatch(/your organisation registered/);
      expect(f.message).not.toMatch(/another organisation/);
      expect(f.values).toEqual({ registeredAgain: true, ownOpenReferences: [] });
    });
    it("shows the own organisation's open references", () => {
      const f = run('DUPLICATE_BENEFICIARY', { otherOpenApplications: [{ reference: 'EF-KZ-2026-000001' }] });
      expect(f.ok).toBe(false);
      expect(f.message).toContain('EF-KZ-2026-000001');
      expect(f.values).toEqual({ registeredAgain: false, ownOpenReferences: ['EF-KZ-2026-000001'] });
    });
  });

  describe('REQUIRED_DOCUMENTS', () => {
    const items = (type: 'medical' | 'business_startup' | 'legal') => [{ type, amount: 100n }];
    it('medical needs a cost estimate', () => {
      const f = run('REQUIRED_DOCUMENTS', { application: { items: items('medical'), total: 100n, documentKinds: [] } });
      expect(f.ok).toBe(false);
      expect(f.values).toEqual({ required: ['cost_estimate'], attached: [] });
      expect(
        run('REQUIRED_DOCUMENTS', { application: { items: items('medical'), total: 100n, documentKinds: ['cost_estimate'] } }).ok,
      ).toBe(true);
    });
    it('business start-up needs a quote', () => {
      const f = run('REQUIRED_DOCUMENTS', {
        application: { items: items('business_startup'), total: 100n, documentKinds: ['cost_estimate'] },
      });
      expect(f.ok).toBe(false);
      expect(f.message).toContain('a supplier quote');
      expect(
        run('REQUIRED_DOCUMENTS', { application: { items: items('business_startup'), total: 100n, documentKinds: ['quote'] } }).ok,
      ).toBe(true);
    });
    it('other types need nothing', () => {
      const f = run('REQUIRED_DOCUMENTS', { application: { items: items('legal'), total: 100n, documentKinds: [] } });
      expect(f.ok).toBe(true);
      expect(f.values).toEqual({ required: [], attached: [] });
    });
  });

  it('FUND_BALANCE: available equal to the total is ok, one tiyn less is not', () => {
    expect(run('FUND_BALANCE', { fund: { available: 13_000_000n } }).ok).toBe(true);
    const f = run('FUND_BALANCE', { fund: { available: 12_999_999n } });
    expect(f.ok).toBe(false);
    expect(f.message).toContain('129,999.99 KZT available, less than the 130,000.00 KZT requested');
    expect(f.values).toEqual({ available: '129999.99', requested: '130000.00', currency: 'KZT' });
    expect(run('FUND_BALANCE', { fund: { available: -5n } }).message).toContain('has 0.00 KZT available');
  });

  it('no message ever mentions police or prosecutors', () => {
    const contexts: Over[] = [
      {},
      { organisation: { status: 'suspended', country: 'KG' }, fund: { status: 'closed', available: 0n } },
      {
        beneficiary: { consentGivenAt: null, registeredAgain: true, category: 'OTHER' },
        fund: { rules: { eligibleCategories: ['VOT'] } },
      },
      { application: { stateSupport: null } },
      stateSupport({ requested: false }),
      stateSupport({ outcome: 'not_applicable', note: null }),
      stateSupport({ outcome: 'not_applicable', note: 'foreign VOT' }),
      { application: { total: 10n ** 12n, documentKinds: [] }, priorApprovals: [{ amount: 10n ** 10n, decidedOn: '2026-01-01' }] },
    ];
    for (const o of contexts) for (const rule of RULES) expect(rule.check(ctx(o)).message).not.toMatch(/police|prosecut|law enforcement/i);
  });
});
