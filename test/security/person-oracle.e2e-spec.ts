import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Issue 16, point 2: an NGO cannot learn whether a person is registered by another organisation. */
describe('the duplicate-person check is no oracle', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => api(t).as(tok[who]);
  const person = (fullName: string, dateOfBirth: string, extra: object = {}) => ({
    category: 'VOT',
    sex: 'female',
    birthYear: Number(dateOfBirth.slice(0, 4)),
    nationality: 'UZ',
    fullName,
    dateOfBirth,
    consent: { givenAt: '2026-11-20', method: 'written' },
    ...extra,
  });
  // what an NGO sees of an answer, without what differs for every registration anyway
  const shape = (body: Record<string, unknown>) => {
    const { id: _i, code: _c, createdAt: _t, pii: _p, ...rest } = body;
    return rest;
  };
  const REFUSED = { requested: true, agency: 'Akimat', requestedOn: '2026-11-18', outcome: 'refused', note: 'No budget' };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['ngo.kz', 'ngo2.kz', 'officer.kz', 'officer.kg', 'admin'], tok);
  });
  afterAll(() => t.close());

  it('registering and correcting a person known to another NGO answers as for an unknown person', async () => {
    const known = await as('ngo.kz').post('/beneficiaries', person('Zarina Yusupova', '1993-07-07', { documentNumber: 'FA 7788990' }));
    expect(known.status).toBe(201);

    const probe = await as('ngo2.kz').post('/beneficiaries', person('ЮСУПОВА Зарина', '1993-07-07'));
    const unknown = await as('ngo2.kz').post('/beneficiaries', person('Unknown Person', '1993-07-08'));
    expect([probe.status, unknown.status]).toEqual([201, 201]);
    expect(probe.body.possibleDuplicate).toBe(false);
    expect(shape(probe.body)).toEqual(shape({ ...unknown.body }));

    // correcting to the known document number or to the known name tells nothing either
    const byDoc = await as('ngo2.kz').patch(`/beneficiaries/${unknown.body.id}`, {
      version: unknown.body.version,
      documentNumber: 'fa7788990',
    });
    expect(byDoc.status).toBe(200);
    expect(byDoc.body.possibleDuplicate).toBe(false);
    const list = await as('ngo2.kz').get('/beneficiaries?limit=100');
    expect(list.body.items.every((b: { possibleDuplicate: boolean }) => !b.possibleDuplicate)).toBe(true);

    // the same eligibility answer as for an unknown person
    const outcomes = async (beneficiaryId: string) => {
      const draft = await as('ngo2.kz').post('/applications', {
        beneficiaryId,
        urgency: 'standard',
        items: [{ type: 'legal', description: 'Lawyer fees for the labour case', amount: '45000.00' }],
        stateSupport: REFUSED,
      });
      expect(draft.status).toBe(201);
      const preview = await as('ngo2.kz').get(`/applications/${draft.body.id}/eligibility/preview`);
      const submitted = await as('ngo2.kz').post(`/applications/${draft.body.id}/submit`, {});
      const stored = await as('ngo2.kz').get(`/applications/${draft.body.id}/eligibility`);
      const detail = await as('ngo2.kz').get(`/applications/${draft.body.id}`);
      expect(detail.body).not.toHaveProperty('crossOrganisationMatch');
      const strip = (results: { ruleCode: string; outcome: string; message: string; values: unknown }[]) =>
        results.map((r) => [r.ruleCode, r.outcome, r.message, JSON.stringify(r.values)]);
      return {
        preview: preview.status === 200 ? strip(preview.body.results) : preview.status,
        status: submitted.body.status,
        eligibility: submitted.body.eligibility && { ...submitted.body.eligibility, evaluatedAt: undefined },
        stored: strip(stored.body.results),
      };
    };
    const a = await outcomes(probe.body.id);
    const b = await outcomes(unknown.body.id);
    expect(JSON.stringify(a)).not.toMatch(/another organisation|registeredElsewhere|Elsewhere/);
    expect(a).toEqual(b);
  });

  it('NGO A sees its own duplicate', async () => {
    const first = await as('ngo.kz').post('/beneficiaries', person('Madina Aliyeva', '1988-02-14'));
    const again = await as('ngo.kz').post('/beneficiaries', person('АЛИЕВА Мадина', '1988-02-14'));
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.possibleDuplicate).toBe(true);
    expect((await as('ngo.kz').get(`/beneficiaries/${first.body.id}`)).body.possibleDuplicate).toBe(true);
  });

  it('the officer of the country sees the cross-organisation match at review; an officer of another country does not see it at all', async () => {
    await as('ngo.kz').post('/beneficiaries', person('Shahnoza Karimova', '1990-10-10'));
    const theirs = await as('ngo2.kz').post('/beneficiaries', person('Karimova Shahnoza', '1990-10-10'));
    const draft = await as('ngo2.kz').post('/applications', {
      beneficiaryId: theirs.body.id,
      urgency: 'standard',
      items: [{ type: 'legal', description: 'Lawyer fees for the labour case', amount: '45000.00' }],
      stateSupport: REFUSED,
    });
    expect((await as('ngo2.kz').post(`/applications/${draft.body.id}/submit`, {})).body.status).toBe('submitted');
    const seen = await as('officer.kz').get(`/applications/${draft.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.crossOrganisationMatch).toMatchObject({ registeredElsewhere: true, otherOrganisations: 1 });
    expect((await as('officer.kz').get(`/beneficiaries/${theirs.body.id}`)).body.possibleDuplicate).toBe(true);
    expect((await as('officer.kg').get(`/applications/${draft.body.id}`)).status).toBe(404);
  });

  it('admins see registrations no application used, without personal data', async () => {
    const probe = await as('ngo2.kz').post('/beneficiaries', person('Probe Person', '1970-01-01', { documentNumber: 'PX 1234567' }));
    expect((await as('ngo2.kz').get('/admin/unused-registrations')).status).toBe(403);
    const res = await as('admin').get('/admin/unused-registrations?olderThanDays=0&limit=100');
    expect(res.status).toBe(200);
    const row = res.body.items.find((r: { beneficiaryId: string }) => r.beneficiaryId === probe.body.id);
    expect(row).toMatchObject({ code: probe.body.code, organisationId: probe.body.organisationId, createdByEmail: 'ngo2.kz@example.org' });
    expect(row.organisationName).toBeTruthy();
    expect(JSON.stringify(res.body)).not.toMatch(/Probe Person|1970-01-01|1234567/);
    const old = await as('admin').get('/admin/unused-registrations');
    expect(old.body.items.map((r: { beneficiaryId: string }) => r.beneficiaryId)).not.toContain(probe.body.id); // younger than 30 days
  });
});
