import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('awards', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const me: Record<string, string> = {};
  let person = 0;
  const as = (who: string) => api(t).as(tok[who]);

  const approved = async (amount: string, approvers: string[]) => {
    const b = await as('ngo.kz').post('/beneficiaries', {
      category: 'VOT',
      sex: 'female',
      birthYear: 1992,
      nationality: 'UZ',
      fullName: `Award Person ${++person}`,
      dateOfBirth: `1992-05-${String(person).padStart(2, '0')}`,
      documentNumber: `AW${person}X`,
      consent: { givenAt: '2026-11-01', method: 'written' },
    });
    const d = await as('ngo.kz').post('/applications', {
      beneficiaryId: b.body.id,
      urgency: 'urgent',
      stateSupport: { requested: true, outcome: 'refused' },
      items: [
        { type: 'documents', description: 'Passport fees', amount },
        { type: 'social', description: 'Food kit', amount: '1000.00' },
      ],
    });
    await as('ngo.kz').post(`/applications/${d.body.id}/submit`).expect(200);
    await as(approvers[0]).post(`/applications/${d.body.id}/claim`).expect(200);
    const items = [{ itemId: d.body.items[1].id, approvedAmount: '0' }];
    for (const who of approvers) {
      const r = await as(who).post(`/applications/${d.body.id}/decisions`, {
        decision: 'approve',
        items,
        conditions: 'Receipts within 30 days.',
      });
      expect(r.status).toBe(200);
    }
    return d.body.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['ngo.kz', 'ngo2.kz', 'officer.kz', 'officer2.kz', 'officer.kg', 'finance', 'auditor', 'admin']) {
      tok[u] = await t.login(`${u}@example.org`);
      me[u] = (await as(u).get('/auth/me')).body.id;
    }
  });
  afterAll(() => t.close());

  it('creates a numbered award with the approved items, conditions and approvers when an application is approved', async () => {
    const id = await approved('50000.00', ['officer.kz']);
    const list = await as('ngo.kz').get('/awards');
    const award = list.body.items.find((a: { applicationId: string }) => a.applicationId === id);
    expect(award.number).toMatch(new RegExp(`^AWD-KZ-${new Date().getUTCFullYear()}-\\d{5}$`));
    expect(award).toMatchObject({ amount: '50000.00', currency: 'KZT', status: 'active', conditions: 'Receipts within 30 days.' });
    expect(award.items).toEqual([expect.objectContaining({ type: 'documents', amount: '50000.00' })]); // the item approved at 0 is not granted
    expect(award.approvers.map((a: { officerId: string }) => a.officerId)).toEqual([me['officer.kz']]);
    expect(award.beneficiaryCode).toMatch(/^BEN-KZ-/);
    expect(JSON.stringify(award)).not.toMatch(/Award Person|AW\dX/);
  });

  it('numbers awards consecutively and lists both approvers after a second approval', async () => {
    const first = await approved('10000.00', ['officer.kz']);
    const second = await approved('400000.00', ['officer.kz', 'officer2.kz']); // above the KZ threshold
    const all = (await as('admin').get('/awards?country=KZ')).body.items;
    const a = all.find((x: { applicationId: string }) => x.applicationId === first);
    const b = all.find((x: { applicationId: string }) => x.applicationId === second);
    expect(Number(b.number.slice(-5))).toBe(Number(a.number.slice(-5)) + 1);
    expect(b.approvers.map((x: { officerId: string }) => x.officerId)).toEqual([me['officer.kz'], me['officer2.kz']]);
  });

  it('keeps awards in scope: other NGOs and countries get 404, finance and auditors read them', async () => {
    const id = await approved('20000.00', ['officer.kz']);
    const award = (await as('admin').get('/awards')).body.items.find((a: { applicationId: string }) => a.applicationId === id);
    expect((await as('ngo.kz').get(`/awards/${award.id}`)).status).toBe(200);
    expect((await as('ngo2.kz').get(`/awards/${award.id}`)).status).toBe(404);
    expect((await as('officer.kg').get(`/awards/${award.id}`)).status).toBe(404);
    for (const who of ['finance', 'auditor', 'officer.kz']) expect((await as(who).get(`/awards/${award.id}`)).status).toBe(200);
    expect((await as('ngo2.kz').get('/awards')).body.items.some((a: { id: string }) => a.id === award.id)).toBe(false);
  });
  it("finds the award of an application (applicationId), within the caller's scope only", async () => {
    const id = await approved('30000.00', ['officer.kz']);
    await approved('31000.00', ['officer.kz']);
    const mine = await as('ngo.kz').get(`/awards?applicationId=${id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((a: { applicationId: string }) => a.applicationId)).toEqual([id]);
    expect(mine.body.items[0].amount).toBe('30000.00');
    // another NGO and another country see nothing; an application without an award gives an empty list
    expect((await as('ngo2.kz').get(`/awards?applicationId=${id}`)).body.items).toEqual([]);
    expect((await as('officer.kg').get(`/awards?applicationId=${id}`)).body.items).toEqual([]);
    expect((await as('ngo.kz').get(`/awards?applicationId=00000000-0000-4000-8000-000000000000`)).body.items).toEqual([]);
    const bad = await as('ngo.kz').get('/awards?applicationId=not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'applicationId' })]);
  });

  // last in the file: it moves the Kazakh counters past their padding
  it('keeps every digit once a count outgrows its padding (award 100000, reference 1000000)', async () => {
    const year = new Date().getUTCFullYear();
    for (const [scope, last] of [
      ['AWD', 99999],
      ['EF', 999999],
    ]) {
      await t.dataSource.query(
        `INSERT INTO reference_counter (scope, country, year, last_number) VALUES ($1, 'KZ', $2, $3) ON CONFLICT (scope, country, year) DO UPDATE SET last_number = $3`,
        [scope, year, last],
      );
    }
    const id = await approved('1000.00', ['officer.kz']);
    const next = await approved('1000.00', ['officer.kz']);
    const numbers = (await t.dataSource.query(
      'SELECT a.number, p.reference FROM award a JOIN application p ON p.id = a.application_id WHERE a.application_id = ANY($1) ORDER BY a.number',
      [[id, next]],
    )) as { number: string; reference: string }[];
    expect(numbers.map((n) => n.number)).toEqual([`AWD-KZ-${year}-100000`, `AWD-KZ-${year}-100001`]);
    expect(numbers.map((n) => n.reference)).toEqual([`EF-KZ-${year}-1000000`, `EF-KZ-${year}-1000001`]);
  });
});
