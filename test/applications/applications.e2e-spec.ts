import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const YEAR = new Date().getUTCFullYear();
const REF = /^EF-KZ-\d{4}-\d{6}$/;
// Every rule of SPEC section 3, in the order of the table; the seeded funds switch none off.
const ALL_RULES = [
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
];
const REFUSED = {
  requested: true,
  agency: 'Akimat of Shymkent',
  requestedOn: '2026-11-18',
  outcome: 'refused',
  note: 'No budget this year',
};
const item = (amount: string, type = 'legal', description = 'Lawyer fees for the labour case') => ({ type, description, amount });

type App = {
  id: string;
  reference: string | null;
  status: string;
  version: number;
  total: string;
  organisationId: string;
  fundId: string;
  [k: string]: unknown;
};
type Result = { ruleCode: string; outcome: string; message: string; values: Record<string, unknown>; waived: boolean };

describe('applications', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const userId: Record<string, string> = {};
  const funds: Record<string, { id: string; currency: string }> = {};
  let personNo = 0;

  const as = (who: string) => api(t).as(tok[who]);
  const register = async (
    who: string,
    fullName = `Test Person ${++personNo}`,
    dateOfBirth = `19${60 + (personNo % 39)}-0${1 + (personNo % 9)}-1${personNo % 10}`,
  ) => {
    const res = await as(who).post('/beneficiaries', {
      category: 'VOT',
      sex: 'female',
      birthYear: Number(dateOfBirth.slice(0, 4)),
      nationality: 'UZ',
      fullName,
      dateOfBirth,
      consent: { givenAt: '2026-11-20', method: 'written' },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; possibleDuplicate: boolean };
  };
  const create = (who: string, payload: object) => as(who).post('/applications', payload);
  const draft = async (who: string, overrides: object = {}, beneficiaryId?: string): Promise<App> => {
    const res = await create(who, {
      beneficiaryId: beneficiaryId ?? (await register(who)).id,
      urgency: 'standard',
      items: [item('45000.00')],
      stateSupport: REFUSED,
      ...overrides,
    });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('draft');
    return res.body;
  };
  const get = (who: string, id: string) => as(who).get(`/applications/${id}`);
  const patch = (who: string, id: string, body: object) => as(who).patch(`/applications/${id}`, body);
  const submit = (who: string, id: string, body: object = {}) => as(who).post(`/applications/${id}/submit`, body);
  const withdraw = (who: string, id: string) => as(who).post(`/applications/${id}/withdraw`, {});
  const waive = (who: string, id: string, ruleCode: string, reason = 'Approved by the program manager after review of the case') =>
    as(who).post(`/applications/${id}/waivers`, { ruleCode, reason });
  const eligibility = async (who: string, id: string) => {
    const res = await as(who).get(`/applications/${id}/eligibility`);
    expect(res.status).toBe(200);
    return res.body as {
      runId: string;
      ruleSetVersion: string;
      outcome: string;
      evaluatedAt: string;
      disabledRules: string[];
      results: Result[];
    };
  };
  const events = async (who: string, id: string) => {
    const res = await as(who).get(`/applications/${id}/events`);
    expect(res.status).toBe(200);
    return res.body.items as {
      action: string;
      from: string | null;
      to: string;
      comment: string | null;
      actorId: string;
      actorRole: string;
    }[];
  };
  const rule = (results: Result[], code: string) => results.find((r) => r.ruleCode === code)!;
  const submitted = async (who: string, overrides: object = {}, beneficiaryId?: string) => {
    const a = await draft(who, overrides, beneficiaryId);
    const res = await submit(who, a.id);
    expect(res.status).toBe(200);
    return res.body as App;
  };

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['ngo.kz', 'ngo2.kz', 'ngo.kg', 'officer.kz', 'officer.kg', 'auditor', 'finance', 'admin']) {
      tok[u] = await t.login(`${u}@example.org`);
      userId[u] = (await as(u).get('/auth/me')).body.id;
    }
    for (const c of ['KZ', 'KG']) {
      const res = await as('admin').get(`/funds?country=${c}`);
      expect(res.status).toBe(200);
      const open = res.body.items.filter((f: { status: string }) => f.status === 'open');
      expect(open).toHaveLength(1);
      funds[c] = open[0];
    }
    expect(funds.KZ.currency).toBe('KZT');
  });
  afterAll(() => t.close());

  it('draft → ineligible with every reason → fix → resubmit → submitted, keeping the reference and the history', async () => {
    const a = await draft('ngo.kz', {
      items: [item('350000.00'), item('250000.00', 'documents', 'Passport restoration fees')],
      stateSupport: { requested: false, outcome: 'refused' },
    });
    expect(a.total).toBe('600000.00');
    expect(a.reference).toBeNull();

    const first = await submit('ngo.kz', a.id, { version: a.version });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('ineligible');
    expect(first.body.reference).toMatch(REF);
    expect(first.body.reference.startsWith(`EF-KZ-${YEAR}-`)).toBe(true);
    expect([...first.body.eligibility.failures].sort()).toEqual(['APPLICATION_CAP', 'STATE_SUPPORT_SOUGHT']);

    const e1 = await eligibility('ngo.kz', a.id);
    expect(e1.outcome).toBe('ineligible');
    expect(typeof e1.ruleSetVersion).toBe('string');
    expect(e1.ruleSetVersion.length).toBeGreaterThan(0);
    expect(e1.results.map((r) => r.ruleCode)).toEqual(ALL_RULES);
    for (const r of e1.results) {
      expect(['pass', 'warn', 'fail']).toContain(r.outcome);
      expect(r.message.length).toBeGreaterThan(10);
      expect(typeof r.values).toBe('object');
      expect(r.waived).toBe(false);
    }
    expect(
      e1.results
        .filter((r) => r.outcome === 'fail')
        .map((r) => r.ruleCode)
        .sort(),
    ).toEqual(['APPLICATION_CAP', 'STATE_SUPPORT_SOUGHT']);
    const cap = rule(e1.results, 'APPLICATION_CAP');
    expect(cap.message).toContain('500,000.00 KZT');
    expect(cap.message).toContain('600,000.00 KZT');
    expect(cap.values).toMatchObject({ total: '600000.00', cap: '500000.00', currency: 'KZT' });
    const state = rule(e1.results, 'STATE_SUPPORT_SOUGHT');
    expect(state.message).toMatch(/State/);
    expect(state.message).toMatch(/ask|request/i);
    expect(state.values).toMatchObject({ stateSupport: { requested: false } });

    const fixed = await patch('ngo.kz', a.id, {
      version: first.body.version,
      items: [item('300000.00'), item('150000.00', 'documents', 'Passport restoration fees')],
      stateSupport: REFUSED,
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ status: 'ineligible', total: '450000.00', reference: first.body.reference });
    expect(fixed.body.version).toBeGreaterThan(first.body.version);

    const second = await submit('ngo.kz', a.id, { version: fixed.body.version });
    expect(second.status).toBe(200);
    expect(second.body.status).toBe('submitted');
    expect(second.body.reference).toBe(first.body.reference);
    expect(second.body.eligibility.failures).toEqual([]);
    const e2 = await eligibility('ngo.kz', a.id);
    expect(e2.runId).not.toBe(e1.runId);
    expect(e2.outcome).toBe('eligible');
    expect(e2.results.map((r) => r.ruleCode)).toEqual(ALL_RULES);
    expect(e2.results.filter((r) => r.outcome === 'fail')).toEqual([]);
    expect(rule(e2.results, 'APPLICATION_CAP')).toMatchObject({ outcome: 'pass', values: { total: '450000.00' } });

    const history = await events('ngo.kz', a.id);
    expect(history.map((e) => [e.action, e.from, e.to])).toEqual([
      ['create', null, 'draft'],
      ['submit', 'draft', 'ineligible'],
      ['edit', 'ineligible', 'ineligible'],
      ['resubmit', 'ineligible', 'submitted'],
    ]);
    for (const e of history) expect(e).toMatchObject({ actorId: userId['ngo.kz'], actorRole: 'ngo' });
    expect(history[1].comment).toContain('APPLICATION_CAP');
    expect(history[1].comment).toContain('STATE_SUPPORT_SOUGHT');
  });

  it('checks eligibility before submitting: the rules submitting would run, recorded nowhere; only while it can be submitted', async () => {
    const a = await draft('ngo.kz', { items: [item('600000.00')], stateSupport: { requested: false, outcome: 'refused' } });
    const audit = async () => (await as('admin').get(`/audit-events?entityType=application&entityId=${a.id}`)).body.items.length as number;
    const auditBefore = await audit();

    const preview = await as('ngo.kz').get(`/applications/${a.id}/eligibility/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.outcome).toBe('ineligible');
    expect(preview.body.results.map((r: Result) => r.ruleCode)).toEqual(ALL_RULES);
    const failed = preview.body.results.filter((r: Result) => r.outcome === 'fail').map((r: Result) => r.ruleCode);
    expect(failed.sort()).toEqual(['APPLICATION_CAP', 'STATE_SUPPORT_SOUGHT']);
    expect(rule(preview.body.results, 'APPLICATION_CAP').values).toMatchObject({ total: '600000.00', cap: '500000.00', currency: 'KZT' });
    expect(preview.body).not.toHaveProperty('runId');

    // nothing recorded: no run, no status change, no version change, no audit event
    expect((await eligibility('ngo.kz', a.id))?.runId).toBeUndefined();
    const after = (await as('ngo.kz').get(`/applications/${a.id}`)).body;
    expect(after).toMatchObject({ status: 'draft', version: a.version, reference: null });
    expect(await audit()).toBe(auditBefore);

    // fixed, the check passes; submitting finds the same
    const fixed = await patch('ngo.kz', a.id, { version: a.version, items: [item('300000.00')], stateSupport: REFUSED });
    const again = await as('ngo.kz').get(`/applications/${a.id}/eligibility/preview`);
    expect(again.body.outcome).toBe('eligible');
    const sent = await submit('ngo.kz', a.id, { version: fixed.body.version });
    expect(sent.body.status).toBe('submitted');

    // submitted: nothing to check before sending any more; other organisations and countries see nothing
    expect((await as('ngo.kz').get(`/applications/${a.id}/eligibility/preview`)).body.code).toBe('ILLEGAL_TRANSITION');
    const other = await draft('ngo.kz');
    for (const who of ['ngo2.kz', 'ngo.kg']) expect((await as(who).get(`/applications/${other.id}/eligibility/preview`)).status).toBe(404);
    expect((await as('officer.kz').get(`/applications/${other.id}/eligibility/preview`)).status).toBe(403);
  });

  it('edits only the fields given, replaces the items, and records the history and one audit event with the people blanked out', async () => {
    const first = await register('ngo.kz', 'Gulnara Editova', '1988-03-14');
    const second = await register('ngo.kz', 'Madina Secondova', '1990-07-21');
    const theirs = await register('ngo2.kz');
    const a = await draft('ngo.kz', { justification: 'As first written', language: 'ru' }, first.id);

    const foreign = await patch('ngo.kz', a.id, { version: a.version, beneficiaryId: theirs.id });
    expect(foreign.status).toBe(400);
    const unchanged = (await get('ngo.kz', a.id)).body;
    expect(unchanged).toMatchObject({ version: a.version, beneficiaryId: first.id });

    const res = await patch('ngo.kz', a.id, {
      version: a.version,
      beneficiaryId: second.id,
      justification: null,
      items: [item('1000.00', 'repatriation', 'Taxi for Gulnara Editova'), item('2500.50', 'medical', 'Medicines for Madina Secondova')],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      version: a.version + 1,
      beneficiaryId: second.id,
      justification: null,
      language: 'ru',
      urgency: 'standard',
      total: '3500.50',
      stateSupport: a.stateSupport,
    });
    expect(res.body.items.map((i: { description: string; amount: string }) => [i.description, i.amount])).toEqual([
      ['Taxi for Gulnara Editova', '1000.00'],
      ['Medicines for Madina Secondova', '2500.50'],
    ]);
    expect(await get('ngo.kz', a.id).then((r) => r.body)).toEqual(res.body);
    expect((await events('ngo.kz', a.id)).map((e) => [e.action, e.from, e.to, e.actorId])).toEqual([
      ['create', null, 'draft', userId['ngo.kz']],
      ['edit', 'draft', 'draft', userId['ngo.kz']],
    ]);

    const audit = await as('auditor').get(`/audit-events?entityType=application&entityId=${a.id}&action=application.update`);
    expect(audit.status).toBe(200);
    expect(audit.body.items).toHaveLength(1);
    const [event] = audit.body.items;
    expect(event.before).toMatchObject({ beneficiaryId: first.id, total: '45000.00', version: a.version, items: [{ amount: '45000.00' }] });
    expect(event.after).toMatchObject({ beneficiaryId: second.id, total: '3500.50', version: a.version + 1 });
    expect(event.after.items.map((i: { amount: string }) => i.amount)).toEqual(['1000.00', '2500.50']);
    expect(JSON.stringify(event)).not.toMatch(/Gulnara|Editova|Madina|Secondova/);
  });

  it('refuses a stale version with 409 and the current version, changing nothing', async () => {
    const a = await draft('ngo.kz');
    const ok = await patch('ngo.kz', a.id, { version: a.version, justification: 'First edit' });
    expect(ok.status).toBe(200);
    const stale = await patch('ngo.kz', a.id, { version: a.version, justification: 'Lost update', items: [item('99.00')] });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ statusCode: 409, code: 'VERSION_CONFLICT', currentVersion: ok.body.version });
    expect(stale.body.requestId).toBeTruthy();
    const now = (await get('ngo.kz', a.id)).body;
    expect(now).toMatchObject({ version: ok.body.version, justification: 'First edit', total: '45000.00' });
    expect(now.items).toHaveLength(1);
    expect((await events('ngo.kz', a.id)).map((e) => e.action)).toEqual(['create', 'edit']);
    const staleSubmit = await submit('ngo.kz', a.id, { version: a.version });
    expect(staleSubmit.status).toBe(409);
    expect(staleSubmit.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: ok.body.version });
    expect((await get('ngo.kz', a.id)).body).toMatchObject({ status: 'draft', reference: null });
  });

  it('answers 409 ILLEGAL_TRANSITION with the current status; withdraw works from submitted and draft', async () => {
    const s = await submitted('ngo.kz');
    expect(s.status).toBe('submitted');
    const again = await submit('ngo.kz', s.id);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ statusCode: 409, code: 'ILLEGAL_TRANSITION', currentStatus: 'submitted' });
    const edit = await patch('ngo.kz', s.id, { version: s.version, justification: 'Too late' });
    expect(edit.status).toBe(409);
    expect(edit.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'submitted' });
    expect((await get('ngo.kz', s.id)).body).toMatchObject({ version: s.version, status: 'submitted' });

    const w = await withdraw('ngo.kz', s.id);
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ status: 'withdrawn', reference: s.reference });
    const last = (await events('ngo.kz', s.id)).at(-1)!;
    expect(last).toMatchObject({ action: 'withdraw', from: 'submitted', to: 'withdrawn', actorId: userId['ngo.kz'] });
    const twice = await withdraw('ngo.kz', s.id);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'withdrawn' });
    expect((await submit('ngo.kz', s.id)).status).toBe(409);

    const d = await draft('ngo.kz');
    const wd = await withdraw('ngo.kz', d.id);
    expect(wd.status).toBe(200);
    expect(wd.body).toMatchObject({ status: 'withdrawn', reference: null });
    expect((await events('ngo.kz', d.id)).map((e) => [e.action, e.from, e.to])).toEqual([
      ['create', null, 'draft'],
      ['withdraw', 'draft', 'withdrawn'],
    ]);
  });

  it('keeps a duplicate person across NGOs from both NGOs; officers of the country and admins see it on the application', async () => {
    const orgs = (await as('admin').get('/organisations?country=KZ')).body.items as { id: string; name: string }[];
    expect(orgs).toHaveLength(2);
    const mine = await register('ngo.kz', 'Nodira Karimova', '1991-04-02');
    const theirs = await register('ngo2.kz', 'КАРИМОВА Нодира', '1991-04-02');
    expect(theirs.possibleDuplicate).toBe(false); // another organisation's registration: no oracle

    const leaks = async (who: string, app: App, hidden: string[]) => {
      const text =
        JSON.stringify(await eligibility(who, app.id)) +
        JSON.stringify((await get(who, app.id)).body) +
        JSON.stringify((await as(who).get('/applications?limit=100')).body) +
        JSON.stringify(await events(who, app.id));
      for (const h of hidden) expect(text).not.toContain(h);
      expect(text).not.toMatch(/another organisation|registeredElsewhere|crossOrganisationMatch/);
    };
    const orgOf = (a: App) => orgs.find((o) => o.id === a.organisationId)!;

    // ngo2 first: only the other organisation's registration exists, and the rule passes as for anyone
    const a = await submitted('ngo2.kz', {}, theirs.id);
    expect(a.status).toBe('submitted');
    expect(a.eligibility).toMatchObject({ failures: [], warnings: expect.not.arrayContaining(['DUPLICATE_BENEFICIARY']) });
    expect(rule((await eligibility('ngo2.kz', a.id)).results, 'DUPLICATE_BENEFICIARY').outcome).toBe('pass');

    // ngo.kz now applies for the same person while ngo2's application is open: still nothing
    const b = await submitted('ngo.kz', {}, mine.id);
    expect(b.status).toBe('submitted');
    const sana = orgOf(b);
    const damytu = orgOf(a);
    expect(sana.name).toBe('Sana Sezim');
    expect(damytu.name).toBe('Damytu');
    expect(rule((await eligibility('ngo.kz', b.id)).results, 'DUPLICATE_BENEFICIARY').outcome).toBe('pass');
    await leaks('ngo.kz', b, [damytu.id, damytu.name, a.reference!, a.id, theirs.id]);

    // ngo2 applies again: it learns of its own open application, never of the other organisation's
    const c = await submitted('ngo2.kz', {}, theirs.id);
    expect(c.status).toBe('submitted');
    const dupC = rule((await eligibility('ngo2.kz', c.id)).results, 'DUPLICATE_BENEFICIARY');
    expect(dupC.outcome).toBe('warn');
    expect(dupC.message).toMatch(/your organisation has another open application/);
    expect(dupC.values).toEqual({ registeredAgain: false, ownOpenReferences: [a.reference] });
    for (const app of [a, c]) await leaks('ngo2.kz', app, [sana.id, sana.name, b.reference!, b.id, mine.id]);

    // the officer of the country (and an admin) sees the match at review, without which organisation
    for (const who of ['officer.kz', 'admin']) {
      const seen = await get(who, b.id);
      expect(seen.status).toBe(200);
      expect(seen.body.crossOrganisationMatch).toEqual({
        registeredElsewhere: true,
        otherOrganisations: 1,
        openApplicationsElsewhere: 2,
        approvalsElsewhereLast365Days: 0,
      });
      expect(JSON.stringify(seen.body)).not.toContain(damytu.id);
    }
    expect((await get('auditor', b.id)).body).not.toHaveProperty('crossOrganisationMatch');
  });

  it("counts the person's approvals of the last 365 days, also under the NGO's second registration of the person, and names that registration", async () => {
    const first = await register('ngo.kz', 'Saule Twiceregistered', '1987-09-09');
    const a = await submitted('ngo.kz', { items: [item('45000.00')] }, first.id);
    expect((await as('officer.kz').post(`/applications/${a.id}/claim`)).status).toBe(200);
    expect((await as('officer.kz').post(`/applications/${a.id}/decisions`, { decision: 'approve' })).status).toBe(200);

    const second = await register('ngo.kz', 'Saule Twiceregistered', '1987-09-09');
    expect(second.possibleDuplicate).toBe(true);
    const b = await submitted('ngo.kz', { items: [item('1000.00')] }, second.id);
    const results = (await eligibility('ngo.kz', b.id)).results;
    expect(rule(results, 'BENEFICIARY_CAP_365D').values).toMatchObject({
      approvalsCounted: 1,
      approvedLast365Days: '45000.00',
      thisApplication: '1000.00',
    });
    expect(rule(results, 'DUPLICATE_BENEFICIARY')).toMatchObject({
      outcome: 'warn',
      values: { registeredAgain: true, ownOpenReferences: [] },
    });
    // a person with neither: nothing counted, nothing found
    const alone = await submitted('ngo.kz', { items: [item('1000.00')] });
    const own = (await eligibility('ngo.kz', alone.id)).results;
    expect(rule(own, 'BENEFICIARY_CAP_365D').values).toMatchObject({ approvalsCounted: 0, approvedLast365Days: '0.00' });
    expect(rule(own, 'DUPLICATE_BENEFICIARY')).toMatchObject({
      outcome: 'pass',
      values: { registeredAgain: false, ownOpenReferences: [] },
    });
  });

  it('numbers 20 concurrent submissions in one fund with 20 consecutive references', async () => {
    const drafts: App[] = [];
    for (let i = 0; i < 20; i++) drafts.push(await draft('ngo.kg', { items: [item('5000.00')] }));
    expect(drafts.every((d) => d.fundId === funds.KG.id && d.currency === 'KGS')).toBe(true);
    const results = await Promise.all(drafts.map((d) => submit('ngo.kg', d.id, { version: d.version })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(results.map((r) => r.body.status)).toEqual(Array(20).fill('submitted'));
    const refs = results.map((r) => r.body.reference as string);
    for (const ref of refs) expect(ref).toMatch(new RegExp(`^EF-KG-${YEAR}-\\d{6}$`));
    expect(new Set(refs).size).toBe(20);
    const numbers = refs.map((r) => Number(r.slice(-6))).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => numbers[0] + i));
  });

  describe('waivers', () => {
    it('moves an application whose only failure is waived to submitted, visibly and audited', async () => {
      const a = await submitted('ngo.kz', { items: [item('600000.00')] });
      expect(a.status).toBe('ineligible');
      expect(a.eligibility).toMatchObject({ failures: ['APPLICATION_CAP'] });

      expect((await waive('ngo.kz', a.id, 'APPLICATION_CAP')).status).toBe(403);
      expect((await waive('officer.kz', a.id, 'APPLICATION_CAP')).status).toBe(403);
      const short = await waive('admin', a.id, 'APPLICATION_CAP', 'ok');
      expect(short.status).toBe(400);
      expect(short.body.details.map((d: { field: string }) => d.field)).toContain('reason');
      const notFailed = await waive('admin', a.id, 'COUNTRY_MATCH');
      expect(notFailed.status).toBe(409);
      expect(notFailed.body.code).toBe('RULE_NOT_FAILED');
      expect((await get('admin', a.id)).body.status).toBe('ineligible');

      const res = await waive('admin', a.id, 'APPLICATION_CAP', 'Clinic raised its price; approved by the program manager');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'submitted', reference: a.reference });
      expect(res.body.eligibility.failures).toEqual([]);

      const seen = await get('officer.kz', a.id);
      expect(seen.status).toBe(200);
      expect(seen.body.status).toBe('submitted');
      expect(seen.body.waivers).toEqual([
        expect.objectContaining({
          ruleCode: 'APPLICATION_CAP',
          reason: 'Clinic raised its price; approved by the program manager',
          createdBy: userId.admin,
        }),
      ]);
      const e = await eligibility('officer.kz', a.id);
      // the check as the application's own answer summarises it: the same run, to the millisecond
      expect(e).toMatchObject({ outcome: seen.body.eligibility.outcome, evaluatedAt: seen.body.eligibility.evaluatedAt });
      expect(e.results.filter((r) => r.outcome === 'warn').map((r) => r.ruleCode)).toEqual(seen.body.eligibility.warnings);
      expect(rule(e.results, 'APPLICATION_CAP')).toMatchObject({ outcome: 'fail', waived: true });
      expect(e.results.filter((r) => r.ruleCode !== 'APPLICATION_CAP').every((r) => !r.waived)).toBe(true);
      expect((await events('officer.kz', a.id)).at(-1)).toMatchObject({
        action: 'waive',
        from: 'ineligible',
        to: 'submitted',
        actorId: userId.admin,
      });

      const audit = await as('admin').get(`/audit-events?entityType=application&entityId=${a.id}&action=eligibility.waive`);
      expect(audit.status).toBe(200);
      expect(audit.body.items).toHaveLength(1);
      expect(audit.body.items[0]).toMatchObject({
        action: 'eligibility.waive',
        entityId: a.id,
        after: { ruleCode: 'APPLICATION_CAP', status: 'submitted' },
      });

      const again = await waive('admin', a.id, 'APPLICATION_CAP');
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_WAIVED');
      expect((await get('officer.kz', a.id)).body.waivers).toHaveLength(1);
    });

    it('keeps an application with another failure ineligible after one waiver', async () => {
      const a = await submitted('ngo.kz', { items: [item('600000.00')], stateSupport: { requested: false, outcome: 'refused' } });
      expect(a.status).toBe('ineligible');
      const res = await waive('admin', a.id, 'APPLICATION_CAP');
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('ineligible');
      expect(res.body.eligibility.failures).toEqual(['STATE_SUPPORT_SOUGHT']);
      expect(res.body.waivers.map((w: { ruleCode: string }) => w.ruleCode)).toEqual(['APPLICATION_CAP']);
      // the waiver still counts when the NGO fixes the other failure and resubmits
      const fixed = await patch('ngo.kz', a.id, { version: res.body.version, stateSupport: REFUSED });
      expect(fixed.status).toBe(200);
      const again = await submit('ngo.kz', a.id, { version: fixed.body.version });
      expect(again.status).toBe(200);
      expect(again.body.status).toBe('submitted');
    });
  });

  it('hides an application from other NGOs and countries (404) and from finance (403)', async () => {
    const a = await submitted('ngo.kz');
    const d = await draft('ngo.kz');
    for (const id of [a.id, d.id]) {
      const res = await get('ngo2.kz', id);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect((await as('ngo2.kz').get(`/applications/${id}/eligibility`)).status).toBe(404);
      expect((await as('ngo2.kz').get(`/applications/${id}/events`)).status).toBe(404);
      expect((await patch('ngo2.kz', id, { version: 1, justification: 'Not mine' })).status).toBe(404);
      expect((await submit('ngo2.kz', id)).status).toBe(404);
      expect((await withdraw('ngo2.kz', id)).status).toBe(404);
      expect((await get('officer.kg', id)).status).toBe(404);
      expect((await get('finance', id)).status).toBe(403);
      for (const who of ['officer.kz', 'auditor', 'admin', 'ngo.kz']) expect((await get(who, id)).status).toBe(200);
    }
    expect((await get('ngo.kz', d.id)).body).toMatchObject({ status: 'draft', version: d.version });
    expect((await get('ngo.kz', a.id)).body).toMatchObject({ status: 'submitted', version: a.version });
    const ids = async (who: string) => (await as(who).get('/applications?limit=100')).body.items.map((x: App) => x.id);
    expect(await ids('ngo2.kz')).not.toContain(a.id);
    expect(await ids('officer.kg')).not.toContain(a.id);
    expect(await ids('officer.kz')).toContain(a.id);
    expect(await ids('auditor')).toContain(a.id);
    expect((await as('finance').get('/applications')).status).toBe(403);
    expect((await create('officer.kz', { beneficiaryId: a.beneficiaryId, urgency: 'standard', items: [item('1.00')] })).status).toBe(403);
  });

  it('computes the total on the server and refuses a client total', async () => {
    const benId = (await register('ngo.kz')).id;
    const a = await draft('ngo.kz', { items: [item('0.10'), item('0.20', 'documents', 'Copy of birth certificate')] }, benId);
    expect(a.total).toBe('0.30');
    expect((a.items as { amount: string }[]).map((i) => i.amount)).toEqual(['0.10', '0.20']);
    const sent = await create('ngo.kz', { beneficiaryId: benId, urgency: 'standard', items: [item('10.00')], total: '1.00' });
    expect(sent.status).toBe(400);
    expect(sent.body.details.map((x: { field: string }) => x.field)).toContain('total');
    const patched = await patch('ngo.kz', a.id, { version: a.version, total: '999.00' });
    expect(patched.status).toBe(400);
    expect(patched.body.details.map((x: { field: string }) => x.field)).toContain('total');
    const bad = await create('ngo.kz', { beneficiaryId: benId, urgency: 'soon', items: [item('1.005'), item('-5.00')] });
    expect(bad.status).toBe(400);
    const fields = bad.body.details.map((x: { field: string }) => x.field).join(' ');
    expect(fields).toMatch(/urgency/);
    expect(fields).toMatch(/items\.0\.amount/);
    expect(fields).toMatch(/items\.1\.amount/);
    expect((await get('ngo.kz', a.id)).body).toMatchObject({ total: '0.30', version: a.version });
  });

  it("defaults to the open fund of the NGO's country; another country's fund fails COUNTRY_MATCH", async () => {
    const a = await draft('ngo.kz');
    expect(a).toMatchObject({ fundId: funds.KZ.id, country: 'KZ', currency: 'KZT' });
    const k = await draft('ngo.kz', { fundId: funds.KG.id, items: [item('5000.00')] });
    expect(k).toMatchObject({ fundId: funds.KG.id, country: 'KG', currency: 'KGS' });
    const res = await submit('ngo.kz', k.id);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ineligible');
    expect(res.body.eligibility.failures).toEqual(['COUNTRY_MATCH']);
    const m = rule((await eligibility('ngo.kz', k.id)).results, 'COUNTRY_MATCH');
    expect(m).toMatchObject({ outcome: 'fail', values: { organisationCountry: 'KZ', fundCountry: 'KG' } });
    expect(m.message).toContain('KG');
  });

  it("applies the fund's rule configuration: a rule switched off is not evaluated, a fail rule set to warn does not block", async () => {
    const created = await as('admin').post('/funds', {
      name: 'EF Kazakhstan next period',
      country: 'KZ',
      currency: 'KZT',
      budget: '1000000.00',
      periodStart: '2031-01-01',
      periodEnd: '2031-12-31',
      rules: { maxPerApplication: '100000.00', overrides: { FUND_OPEN: 'off', APPLICATION_CAP: 'warn', DUPLICATE_BENEFICIARY: 'fail' } },
    });
    expect(created.status).toBe(201);
    const a = await draft('ngo.kz', { fundId: created.body.id, items: [item('150000.00')] });
    const res = await submit('ngo.kz', a.id);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('submitted'); // over the cap, but the cap only warns here; FUND_OPEN (not open until 2031) is off
    const e = await eligibility('ngo.kz', a.id);
    expect(e.disabledRules).toEqual(['FUND_OPEN']);
    expect(e.results.map((r: Result) => r.ruleCode)).not.toContain('FUND_OPEN');
    expect(rule(e.results, 'APPLICATION_CAP')).toMatchObject({ outcome: 'warn' });
    expect(rule(e.results, 'APPLICATION_CAP').message).toContain('100,000.00 KZT');
    expect(rule(e.results, 'DUPLICATE_BENEFICIARY')).toMatchObject({ outcome: 'pass' });
  });

  it('submits an application once when the same submission arrives five times at once, and spends one reference', async () => {
    const a = await draft('ngo.kg', { fundId: funds.KG.id });
    const b = await draft('ngo.kg', { fundId: funds.KG.id });
    const results = await Promise.all(Array.from({ length: 5 }, () => submit('ngo.kg', a.id)));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(['ILLEGAL_TRANSITION', 'VERSION_CONFLICT']).toContain(r.body.code);
    }
    const history = await events('ngo.kg', a.id);
    expect(history.filter((e: { action: string }) => e.action === 'submit')).toHaveLength(1);
    // the next submission in the country gets the very next number: the losers took none
    const next = await submit('ngo.kg', b.id);
    const n = (ref: string) => Number(ref.slice(-6));
    expect(n(next.body.reference)).toBe(n(ok[0].body.reference) + 1);
  });
});
