import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { formatMinor, toMinor } from '../../src/common/money/money.js';
import { FundsService } from '../../src/modules/funds/funds.service.js';
import { api } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const COUNTRIES = ['KG', 'KZ', 'TJ', 'TM', 'UZ'];

interface Fund {
  id: string;
  name: string;
  country: string;
  currency: string;
  version: number;
  ledger: { budget: string; committed: string; disbursed: string; available: string };
  rules: Record<string, unknown>;
}
interface Entry {
  id: string;
  seq: string;
  kind: string;
  budgetDelta: string;
  committedDelta: string;
  disbursedDelta: string;
}

const SPEC_RULES = {
  eligibleCategories: ['VOT', 'VM'],
  allowedTypes: ['legal', 'documents', 'medical', 'business_startup'],
  maxPerApplication: '500000.00',
  typeCaps: { business_startup: '400000.00', medical: '250000.50' },
  beneficiaryCap365d: '800000.00',
  secondApprovalThreshold: '300000.00',
  slaHours: { urgent: 12, standard: 48 },
  femaleTargetPercent: 40,
  overrides: { REQUIRED_DOCUMENTS: 'off', DUPLICATE_BENEFICIARY: 'warn' },
};
const fundBody = (over: Record<string, unknown> = {}) => ({
  name: 'EF Kazakhstan 2030',
  country: 'KZ',
  currency: 'KZT',
  budget: '50000000.00',
  periodStart: '2030-01-01',
  periodEnd: '2030-12-31',
  rules: SPEC_RULES,
  ...over,
});
const fields = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field);

describe('funds and the fund ledger', () => {
  let t: TestApp;
  let admin: string;
  let seeded: Fund[];
  let fund: Fund;

  const getFund = async (id: string): Promise<Fund> => {
    const res = await api(t).as(admin).get(`/funds/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const entries = async (id: string): Promise<Entry[]> => {
    const res = await api(t).as(admin).get(`/funds/${id}/ledger-entries`).query({ limit: 100 });
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    return res.body.items;
  };
  const sum = (list: Entry[], key: 'budgetDelta' | 'committedDelta' | 'disbursedDelta') =>
    formatMinor(list.reduce((acc, e) => acc + toMinor(e[key]), 0n));
  const count = async (table: string): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin@example.org');
  });
  afterAll(() => t.close());

  describe('reading', () => {
    it('lists the five seeded funds to admin with untouched ledgers', async () => {
      const res = await api(t).as(admin).get('/funds');
      expect(res.status).toBe(200);
      seeded = res.body.items;
      expect(seeded).toHaveLength(5);
      expect(seeded.map((f) => f.country).sort()).toEqual(COUNTRIES);
      for (const f of seeded) {
        expect(f.ledger.budget).toMatch(/^[1-9]\d*\.\d{2}$/);
        expect(f.ledger).toEqual({ budget: f.ledger.budget, committed: '0.00', disbursed: '0.00', available: f.ledger.budget });
      }
      expect(seeded.find((f) => f.country === 'KZ')!.currency).toBe('KZT');
    });

    it('scopes an officer to their countries and answers 404 outside them', async () => {
      const officer = await t.login('officer.kz@example.org');
      const res = await api(t).as(officer).get('/funds');
      expect(res.status).toBe(200);
      expect(res.body.items.map((f: Fund) => f.country)).toEqual(['KZ']);
      const kg = seeded.find((f) => f.country === 'KG')!;
      const hidden = await api(t).as(officer).get(`/funds/${kg.id}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      expect((await api(t).as(officer).get(`/funds/${kg.id}/ledger-entries`)).status).toBe(404);
      const kz = seeded.find((f) => f.country === 'KZ')!;
      expect((await api(t).as(officer).get(`/funds/${kz.id}`)).body.id).toBe(kz.id);
    });

    it("shows all funds to finance and auditor, and ngo users only their own country's (no ledger)", async () => {
      for (const email of ['finance@example.org', 'auditor@example.org']) {
        const res = await api(t)
          .as(await t.login(email))
          .get('/funds');
        expect(res.status).toBe(200);
        expect(res.body.items.map((f: Fund) => f.country).sort()).toEqual(COUNTRIES);
      }
      const ngo = await t.login('ngo.kz@example.org');
      const own = await api(t).as(ngo).get('/funds');
      expect(own.body.items.map((f: Fund) => f.country)).toEqual(['KZ']);
      const kz = seeded.find((f) => f.country === 'KZ')!;
      const kg = seeded.find((f) => f.country === 'KG')!;
      expect((await api(t).as(ngo).get(`/funds/${kz.id}`)).status).toBe(200);
      expect((await api(t).as(ngo).get(`/funds/${kg.id}`)).status).toBe(404);
      expect((await api(t).as(ngo).get(`/funds/${kz.id}/ledger-entries`)).status).toBe(403);
      const officerWrite = await api(t)
        .as(await t.login('officer.kz@example.org'))
        .post('/funds', fundBody());
      expect(officerWrite.status).toBe(403);
    });
  });

  describe('creating', () => {
    it('creates a fund with the SPEC body and returns the rules as stored', async () => {
      const res = await api(t).as(admin).post('/funds', fundBody());
      expect(res.status).toBe(201);
      fund = res.body;
      expect(fund).toMatchObject({
        name: 'EF Kazakhstan 2030',
        country: 'KZ',
        currency: 'KZT',
        periodStart: '2030-01-01',
        periodEnd: '2030-12-31',
        status: 'open',
        version: 1,
      });
      expect(fund.rules).toEqual(SPEC_RULES);
      expect(fund.ledger).toEqual({ budget: '50000000.00', committed: '0.00', disbursed: '0.00', available: '50000000.00' });
      expect((await getFund(fund.id)).rules).toEqual(SPEC_RULES);
    });

    it('fills omitted rules with their defaults', async () => {
      const res = await api(t)
        .as(admin)
        .post(
          '/funds',
          fundBody({ name: 'EF Kyrgyzstan 2030', country: 'KG', currency: 'USD', budget: '0', rules: { maxPerApplication: '1000' } }),
        );
      expect(res.status).toBe(201);
      expect(res.body.rules).toEqual({
        eligibleCategories: ['VOT', 'VM', 'OTHER'],
        allowedTypes: expect.arrayContaining(['legal', 'documents', 'medical', 'business_startup', 'vocational_training', 'other']),
        maxPerApplication: '1000.00',
        typeCaps: {},
        beneficiaryCap365d: null,
        secondApprovalThreshold: null,
        slaHours: { urgent: 24, standard: 72 },
        femaleTargetPercent: 33,
        overrides: {},
      });
      expect(res.body.rules.allowedTypes).toHaveLength(10);
      expect(res.body.ledger.budget).toBe('0.00');
      const bare = await api(t)
        .as(admin)
        .post('/funds', { ...fundBody({ name: 'EF Tajikistan 2030', country: 'TJ', currency: 'TJS' }), rules: undefined });
      expect(bare.status).toBe(201);
      expect(bare.body.rules).toMatchObject({ slaHours: { urgent: 24, standard: 72 }, femaleTargetPercent: 33, maxPerApplication: null });
    });

    it('refuses an overlapping period for the same country with 409', async () => {
      const before = await count('fund');
      const res = await api(t)
        .as(admin)
        .post('/funds', fundBody({ name: 'EF KZ mid 2030', periodStart: '2030-06-01', periodEnd: '2031-05-31' }));
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'FUND_PERIOD_OVERLAP' });
      expect(await count('fund')).toBe(before);
      // another country for the same period is fine
      const uz = await api(t)
        .as(admin)
        .post('/funds', fundBody({ name: 'EF Uzbekistan 2030', country: 'UZ', currency: 'UZS', rules: undefined }));
      expect(uz.status).toBe(201);
    });

    it.each([
      ["another country's currency", { currency: 'KGS' }, ['currency']],
      ['a period ending before it starts', { periodStart: '2040-06-01', periodEnd: '2040-05-31' }, ['periodEnd']],
      ['an impossible date', { periodStart: '2040-02-30', periodEnd: '2040-12-31' }, ['periodStart']],
      ['a budget with three decimals', { budget: '1.005' }, ['budget']],
      ['a negative budget', { budget: '-5' }, ['budget']],
      ['a budget that is not a number', { budget: 'abc' }, ['budget']],
      ['a budget sent as a JSON number', { budget: 12345 }, ['budget']],
      ['a type cap for an unknown type', { rules: { typeCaps: { spaceship: '100.00' } } }, ['rules.typeCaps']],
      ['an override of an unknown rule', { rules: { overrides: { POLICE_COOPERATION: 'fail' } } }, ['rules.overrides']],
      ['an override with an unknown mode', { rules: { overrides: { REQUIRED_DOCUMENTS: 'maybe' } } }, ['rules.overrides']],
      [
        'a non-program country and an unknown category',
        { country: 'RU', rules: { eligibleCategories: ['ALIEN'] } },
        ['country', 'rules.eligibleCategories'],
      ],
    ])('refuses %s with 400 naming the field', async (_label, over, expected) => {
      const before = await count('fund');
      const res = await api(t)
        .as(admin)
        .post('/funds', fundBody({ name: 'EF Bad 2040', periodStart: '2040-01-01', periodEnd: '2040-12-31', ...over }));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fields(res.body).sort()).toEqual([...expected].sort());
      expect(await count('fund')).toBe(before);
    });
  });

  describe('budget changes and the ledger', () => {
    it('appends budget adjustments with the exact deltas', async () => {
      const up = await api(t).as(admin).patch(`/funds/${fund.id}`, { budget: '60000000.00', version: fund.version });
      expect(up.status).toBe(200);
      expect(up.body.ledger).toEqual({ budget: '60000000.00', committed: '0.00', disbursed: '0.00', available: '60000000.00' });
      expect(up.body.version).toBe(fund.version + 1);
      const down = await api(t).as(admin).patch(`/funds/${fund.id}`, { budget: '55000000.50', version: up.body.version });
      expect(down.status).toBe(200);
      expect(down.body.ledger).toEqual({ budget: '55000000.50', committed: '0.00', disbursed: '0.00', available: '55000000.50' });
      fund = down.body;

      const list = await entries(fund.id);
      expect(list.map((e) => [e.kind, e.budgetDelta])).toEqual([
        ['budget_adjustment', '-4999999.50'],
        ['budget_adjustment', '10000000.00'],
        ['budget', '50000000.00'],
      ]);
      const seqs = list.map((e) => BigInt(e.seq));
      expect(seqs[0] > seqs[1] && seqs[1] > seqs[2]).toBe(true);
      expect(sum(list, 'budgetDelta')).toBe(fund.ledger.budget);
      expect(sum(list, 'committedDelta')).toBe('0.00');
    });

    it('answers a stale version with 409 and the current version, changing nothing', async () => {
      const res = await api(t).as(admin).patch(`/funds/${fund.id}`, { name: 'Stale', budget: '1.00', version: 1 });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'VERSION_CONFLICT', currentVersion: fund.version });
      const now = await getFund(fund.id);
      expect(now.ledger.budget).toBe('55000000.50');
      expect(now.version).toBe(fund.version);
      expect(await entries(fund.id)).toHaveLength(3);
    });

    it('shows commitments and refuses a budget below what is committed', async () => {
      const funds = t.app.get(FundsService);
      await t.dataSource.transaction((m) => funds.appendEntry(m, fund.id, 'commit', 1000000n, { createdBy: null }));
      const now = await getFund(fund.id);
      expect(now.ledger).toEqual({ budget: '55000000.50', committed: '10000.00', disbursed: '0.00', available: '54990000.50' });
      const list = await entries(fund.id);
      expect(list[0]).toMatchObject({ kind: 'commit', budgetDelta: '0.00', committedDelta: '10000.00', disbursedDelta: '0.00' });
      expect(sum(list, 'budgetDelta')).toBe(now.ledger.budget);
      expect(sum(list, 'committedDelta')).toBe(now.ledger.committed);
      expect(sum(list, 'disbursedDelta')).toBe(now.ledger.disbursed);

      const auditBefore = await count('audit_event');
      const res = await api(t).as(admin).patch(`/funds/${fund.id}`, { budget: '9999.99', name: 'Too small', version: now.version });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'FUND_BUDGET_BELOW_USE' });
      expect(res.body.message).toContain('10000.00');
      const after = await getFund(fund.id);
      expect(after).toMatchObject({ name: now.name, version: now.version, ledger: now.ledger });
      expect(await entries(fund.id)).toHaveLength(list.length);
      expect(await count('audit_event')).toBe(auditBefore);

      const exact = await api(t).as(admin).patch(`/funds/${fund.id}`, { budget: '10000.00', version: now.version });
      expect(exact.status).toBe(200);
      expect(exact.body.ledger).toEqual({ budget: '10000.00', committed: '10000.00', disbursed: '0.00', available: '0.00' });
      fund = exact.body;
    });

    it('audits fund changes with before and after ledger figures', async () => {
      const res = await api(t).as(admin).get('/audit-events').query({ entityType: 'fund', entityId: fund.id });
      expect(res.status).toBe(200);
      expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(['fund.update', 'fund.update', 'fund.update', 'fund.create']);
      expect(res.body.items[0].before.ledger.budget).toBe('55000000.50');
      expect(res.body.items[0].after.ledger).toEqual(fund.ledger);
      expect(res.body.items[3].after.ledger.budget).toBe('50000000.00');
    });
  });

  describe('append-only tables', () => {
    it.each([
      `UPDATE fund_ledger_entry SET memo = 'x'`,
      `DELETE FROM fund_ledger_entry`,
      `TRUNCATE fund_ledger_entry`,
      `UPDATE audit_event SET action = 'x'`,
      `DELETE FROM audit_event`,
      `TRUNCATE audit_event`,
    ])('the database refuses: %s', async (sql) => {
      const ledgerBefore = await count('fund_ledger_entry');
      const auditBefore = await count('audit_event');
      expect(ledgerBefore).toBeGreaterThan(5);
      expect(auditBefore).toBeGreaterThan(5);
      await expect(t.dataSource.query(sql)).rejects.toThrow(/append-only/);
      expect(await count('fund_ledger_entry')).toBe(ledgerBefore);
      expect(await count('audit_event')).toBe(auditBefore);
      const changed = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'x'`);
      expect(changed[0].n).toBe(0);
    });
  });

  describe('audit log', () => {
    it('verifies the hash chain for the auditor', async () => {
      const res = await api(t)
        .as(await t.login('auditor@example.org'))
        .get('/audit-events/verify');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ valid: true, checked: await count('audit_event'), chains: expect.any(Number), brokenAt: null });
    });

    it('refuses audit reads to ngo users, officers and finance', async () => {
      for (const email of ['ngo.kz@example.org', 'officer.kz@example.org', 'finance@example.org']) {
        const token = await t.login(email);
        expect((await api(t).as(token).get('/audit-events')).status).toBe(403);
        expect((await api(t).as(token).get('/audit-events/verify')).status).toBe(403);
      }
    });

    it('pages newest first with limit and cursor', async () => {
      const auditor = await t.login('auditor@example.org');
      const seen: { id: string; seq: string }[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 3; page++) {
        const res: { status: number; body: { items: { id: string; seq: string }[]; nextCursor: string | null } } = await api(t)
          .as(auditor)
          .get('/audit-events')
          .query(cursor ? { limit: 2, cursor } : { limit: 2 });
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(2);
        expect(res.body.nextCursor).toEqual(expect.any(String));
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
      }
      const seqs = seen.map((e) => BigInt(e.seq));
      for (let i = 1; i < seqs.length; i++) expect(seqs[i] < seqs[i - 1]).toBe(true);
      expect(new Set(seen.map((e) => e.id)).size).toBe(6);
      const [{ max }] = await t.dataSource.query(`SELECT max(seq)::text AS max FROM audit_event`);
      expect(seen[0].seq).toBe(max);
      const bad = await api(t).as(auditor).get('/audit-events').query({ cursor: 'not-a-cursor' });
      expect(bad.status).toBe(400);
      expect(fields(bad.body)).toEqual(['cursor']);
    });
  });
});
