import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { approvedAward } from '../helpers/flows.js';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Issue 16, point 8: dates that cannot be, and nationalities that are no country, are refused with every bad field. */
describe('impossible dates', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => api(t).as(tok[who]);
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const person = (extra: object = {}) => ({
    category: 'VOT',
    sex: 'female',
    birthYear: 1990,
    nationality: 'UZ',
    fullName: 'Date Check Person',
    dateOfBirth: '1990-05-05',
    consent: { givenAt: '2026-11-20', method: 'written' },
    ...extra,
  });
  const fields = (res: { body: { details?: { field: string }[] } }) => (res.body.details ?? []).map((d) => d.field).sort();

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['ngo.kz', 'finance'], tok);
  });
  afterAll(() => t.close());

  it('refuses a birth date more than 120 years ago and consent before birth or in the future, listing each field', async () => {
    const old = await as('ngo.kz').post('/beneficiaries', person({ dateOfBirth: '1901-01-01', birthYear: 1901 }));
    expect(old.status).toBe(400);
    expect(fields(old)).toEqual(['dateOfBirth']);
    const before = await as('ngo.kz').post('/beneficiaries', person({ consent: { givenAt: '1989-01-01', method: 'written' } }));
    expect(before.status).toBe(400);
    expect(fields(before)).toEqual(['consent.givenAt']);
    const both = await as('ngo.kz').post(
      '/beneficiaries',
      person({ dateOfBirth: '1901-01-01', birthYear: 1901, consent: { givenAt: day(2), method: 'written' } }),
    );
    expect(both.status).toBe(400);
    expect(fields(both)).toEqual(['consent.givenAt', 'dateOfBirth']);

    const ok = await as('ngo.kz').post('/beneficiaries', person());
    expect(ok.status).toBe(201);
    const corrected = await as('ngo.kz').patch(`/beneficiaries/${ok.body.id}`, {
      version: ok.body.version,
      dateOfBirth: '2026-11-25',
      birthYear: 2026,
    });
    expect(corrected.status).toBe(400);
    expect(fields(corrected)).toEqual(['consent.givenAt']);
  });

  it('refuses a nationality that is no ISO 3166-1 country', async () => {
    for (const nationality of ['XY', 'UK', 'ZZ']) {
      const res = await as('ngo.kz').post('/beneficiaries', person({ nationality }));
      expect(res.status).toBe(400);
      expect(fields(res)).toEqual(['nationality']);
    }
    expect((await as('ngo.kz').post('/beneficiaries', person({ nationality: 'XK' }))).status).toBe(201);
  });

  it('refuses State support requested in the future, on create and on edit', async () => {
    const b = await as('ngo.kz').post('/beneficiaries', person({ fullName: 'State Support Person' }));
    const body = (requestedOn: string) => ({
      beneficiaryId: b.body.id,
      urgency: 'standard',
      items: [{ type: 'legal', description: 'Lawyer fees for the labour case', amount: '45000.00' }],
      stateSupport: { requested: true, agency: 'Akimat', requestedOn, outcome: 'refused', note: 'No budget' },
    });
    const future = await as('ngo.kz').post('/applications', body(day(1)));
    expect(future.status).toBe(400);
    expect(fields(future)).toEqual(['stateSupport.requestedOn']);
    const draft = await as('ngo.kz').post('/applications', body(day(0)));
    expect(draft.status).toBe(201);
    const edit = await as('ngo.kz').patch(`/applications/${draft.body.id}`, {
      version: draft.body.version,
      stateSupport: body(day(30)).stateSupport,
    });
    expect(edit.status).toBe(400);
    expect(fields(edit)).toEqual(['stateSupport.requestedOn']);
  });

  it('refuses a tranche scheduled more than 366 days ahead', async () => {
    const { award } = await approvedAward(t);
    const create = (scheduledFor: string, key: string) =>
      as('finance')
        .post('/disbursements', { awardId: award.id, amount: '1000.00', method: 'bank_transfer', scheduledFor })
        .set('Idempotency-Key', key);
    const far = await create(day(367), 'far-away-tranche-0001');
    expect(far.status).toBe(400);
    expect(fields(far)).toEqual(['scheduledFor']);
    expect((await create(day(366), 'within-a-year-tranche-01')).status).toBe(201);
  });
});
