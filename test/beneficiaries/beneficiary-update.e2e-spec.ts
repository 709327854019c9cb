import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('PATCH /beneficiaries/:id: the registering NGO corrects a mistake', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => api(t).as(tok[who]);
  const person = (over: Record<string, unknown> = {}) => ({
    category: 'VOT',
    sex: 'female',
    birthYear: 1992,
    nationality: 'UZ',
    fullName: 'Dilfuza Ergasheva',
    dateOfBirth: '1992-06-17',
    documentNumber: 'FA1234567',
    phone: '+998 90 111 22 33',
    consent: { givenAt: '2026-11-01', method: 'written' },
    ...over,
  });
  const register = async (who: string, body: object) => {
    const res = await as(who).post('/beneficiaries', body);
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number; possibleDuplicate: boolean };
  };
  const hashes = async (id: string) =>
    (await t.dataSource.query('SELECT person_hash, document_hash, pii_enc::text AS pii FROM beneficiary WHERE id = $1', [id]))[0] as {
      person_hash: string;
      document_hash: string | null;
      pii: string;
    };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['ngo.kz', 'ngo2.kz', 'ngo.kg', 'officer.kz', 'admin'], tok);
  });
  afterAll(() => t.close());

  it('corrects a name: new version, PII re-encrypted, the new name returned, other fields kept', async () => {
    const b = await register('ngo.kz', person({ fullName: 'Dilfuza Ergasheav', documentNumber: 'FA0000001' }));
    const before = await hashes(b.id);
    const res = await as('ngo.kz').patch(`/beneficiaries/${b.id}`, { fullName: 'Dilfuza Ergasheva', version: b.version });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: b.id, version: b.version + 1, category: 'VOT', birthYear: 1992 });
    expect(res.body.pii).toMatchObject({ fullName: 'Dilfuza Ergasheva', dateOfBirth: '1992-06-17', documentNumber: 'FA0000001' });
    const after = await hashes(b.id);
    expect(after.pii).not.toBe(before.pii);
    expect(after.person_hash).not.toBe(before.person_hash);
    expect(after.document_hash).toBe(before.document_hash);
    expect(after.pii).not.toContain('Ergasheva');
    const read = await as('ngo.kz').get(`/beneficiaries/${b.id}`);
    expect(read.body).toMatchObject({ version: b.version + 1, pii: { fullName: 'Dilfuza Ergasheva', phone: '+998 90 111 22 33' } });
  });

  it('recomputes the duplicate-person keys: the flag follows the corrected name and document number', async () => {
    // the same organisation: an NGO only learns of its own registrations (issue 16 point 2)
    const elsewhere = await register(
      'ngo.kz',
      person({ fullName: 'Shahnoza Tursunova', dateOfBirth: '1990-01-05', birthYear: 1990, documentNumber: 'AB7654321' }),
    );
    const mine = await register(
      'ngo.kz',
      person({ fullName: 'Shahnoza Tursunov', dateOfBirth: '1990-01-05', birthYear: 1990, documentNumber: 'AB7654320' }),
    );
    expect(mine.possibleDuplicate).toBe(false);
    // the name corrected to the one of the other registration: the same person
    const named = await as('ngo.kz').patch(`/beneficiaries/${mine.id}`, { fullName: 'Shahnoza Tursunova', version: mine.version });
    expect(named.status).toBe(200);
    expect(named.body.possibleDuplicate).toBe(true);
    expect((await as('ngo.kz').get(`/beneficiaries/${elsewhere.id}`)).body.possibleDuplicate).toBe(true);
    // and back: a different date of birth, no longer the same person
    const dated = await as('ngo.kz').patch(`/beneficiaries/${mine.id}`, { dateOfBirth: '1990-01-06', version: named.body.version });
    expect(dated.body.possibleDuplicate).toBe(false);
    expect((await as('ngo.kz').get(`/beneficiaries/${elsewhere.id}`)).body.possibleDuplicate).toBe(false);
    // the document number corrected to the other's: the same document
    const doc = await as('ngo.kz').patch(`/beneficiaries/${mine.id}`, { documentNumber: 'ab 7654321', version: dated.body.version });
    expect(doc.body.possibleDuplicate).toBe(true);
    const cleared = await as('ngo.kz').patch(`/beneficiaries/${mine.id}`, { documentNumber: null, version: doc.body.version });
    expect(cleared.body.possibleDuplicate).toBe(false);
    expect(cleared.body.pii.documentNumber).toBeNull();
  });

  it('needs the current version: a stale one answers 409 and changes nothing; none is a 400', async () => {
    const b = await register('ngo.kz', person({ fullName: 'Version Check', documentNumber: 'VC1' }));
    await as('ngo.kz').patch(`/beneficiaries/${b.id}`, { phone: '+998 90 000 00 01', version: b.version }).expect(200);
    const stale = await as('ngo.kz').patch(`/beneficiaries/${b.id}`, { fullName: 'Someone Else', version: b.version });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: b.version + 1 });
    expect((await as('ngo.kz').get(`/beneficiaries/${b.id}`)).body.pii.fullName).toBe('Version Check');
    const missing = await as('ngo.kz').patch(`/beneficiaries/${b.id}`, { fullName: 'Someone Else' });
    expect(missing.status).toBe(400);
    expect(missing.body.details.map((d: { field: string }) => d.field)).toContain('version');
  });

  it('validates like registration: bad fields listed, required ones cannot be removed, dates checked', async () => {
    const b = await register('ngo.kz', person({ fullName: 'Validation Person', documentNumber: 'VP9' }));
    const bad = await as('ngo.kz').patch(`/beneficiaries/${b.id}`, { sex: 'unknown', phone: 'call me', version: b.version });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['phone', 'sex']);
    const removed = await as('ngo.kz').patch(`/beneficiaries/${b.id}`, { fullName: null, version: b.version });
    expect(removed.status).toBe(400);
    expect(removed.body.details.map((d: { field: string }) => d.field)).toEqual(['fullName']);
    const year = await as('ngo.kz').patch(`/beneficiaries/${b.id}`, { dateOfBirth: '1993-06-17', version: b.version });
    expect(year.status).toBe(400);
    expect(year.body.details.map((d: { field: string }) => d.field)).toEqual(['birthYear']);
    expect(
      (await as('ngo.kz').patch(`/beneficiaries/${b.id}`, { dateOfBirth: '1993-06-17', birthYear: 1993, version: b.version })).status,
    ).toBe(200);
  });

  it('answers 404 to another NGO (same country or not) and 403 to other roles, changing nothing', async () => {
    const b = await register('ngo.kz', person({ fullName: 'Scope Person', documentNumber: 'SP1' }));
    for (const who of ['ngo2.kz', 'ngo.kg']) {
      const res = await as(who).patch(`/beneficiaries/${b.id}`, { fullName: 'Taken Over', version: b.version });
      expect(res.status).toBe(404);
    }
    for (const who of ['officer.kz', 'admin']) {
      expect((await as(who).patch(`/beneficiaries/${b.id}`, { fullName: 'Taken Over', version: b.version })).status).toBe(403);
    }
    expect((await as('ngo.kz').get(`/beneficiaries/${b.id}`)).body).toMatchObject({
      version: b.version,
      pii: { fullName: 'Scope Person' },
    });
  });

  it('is audited with the names of the fields that changed and no personal data', async () => {
    const b = await register('ngo.kz', person({ fullName: 'Audit Person', documentNumber: 'AP4242', phone: '+998 90 555 44 33' }));
    const res = await as('ngo.kz').patch(`/beneficiaries/${b.id}`, {
      fullName: 'Audited Persona',
      documentNumber: 'AP4243',
      sex: 'male',
      version: b.version,
    });
    expect(res.status).toBe(200);
    const audit = await as('admin').get('/audit-events').query({ entityType: 'beneficiary', entityId: b.id });
    const event = audit.body.items.find((e: { action: string }) => e.action === 'beneficiary.update');
    expect(event).toMatchObject({ actorRole: 'ngo', before: { version: b.version }, after: { version: b.version + 1 } });
    expect([...event.after.changed].sort()).toEqual(['documentNumber', 'fullName', 'sex']);
    const raw = JSON.stringify(
      await t.dataSource.query(`SELECT before, after FROM audit_event WHERE entity_type = 'beneficiary' AND entity_id = $1`, [b.id]),
    );
    for (const pii of ['Audit Person', 'Audited Persona', 'AP4242', 'AP4243', '555 44 33', '1992-06-17']) expect(raw).not.toContain(pii);
  });
});
