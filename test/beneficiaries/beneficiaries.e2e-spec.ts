import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { BeneficiariesRepository } from '../../src/modules/beneficiaries/beneficiaries.repository.js';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const CODE = /^BEN-KZ-[0-9A-Z]{5}$/;

// The main person: PII values distinctive enough to search for in rows, audit events and logs.
const MAIN = {
  fullName: 'Zulfiya Qobiljonova',
  dateOfBirth: '1991-04-02',
  documentNumber: 'FA7730921',
  phone: '+998 90 555 12 34',
  address: 'Tashkent, Chilonzor 9, kv 14',
};

function body(pii: { fullName: string; dateOfBirth: string; documentNumber?: string; phone?: string; address?: string }) {
  return {
    category: 'VOT',
    flags: ['foreign', 'stranded'],
    sex: 'female',
    birthYear: Number(pii.dateOfBirth.slice(0, 4)),
    nationality: 'UZ',
    ...pii,
    consent: { givenAt: '2026-11-20', method: 'written' },
  };
}

describe('beneficiaries', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let main: { id: string; code: string; organisationId: string };
  const as = (who: string) => api(t).as(tok[who]);

  const register = (who: string, payload: object) => as(who).post('/beneficiaries', payload);
  const get = (who: string, id: string) => as(who).get(`/beneficiaries/${id}`);
  const list = (who: string, query = '') => as(who).get(`/beneficiaries${query}`);
  const auditEvents = async (id: string, action: string) => {
    const res = await as('admin').get(`/audit-events?entityType=beneficiary&entityId=${id}&action=${action}&limit=100`);
    expect(res.status).toBe(200);
    return res.body.items as { action: string; entityId: string; before: unknown; after: unknown }[];
  };
  const rowCount = async () => Number((await t.dataSource.query('SELECT count(*)::int AS n FROM beneficiary'))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['ngo.kz', 'ngo2.kz', 'ngo.kg', 'ngo.tj', 'officer.kz', 'officer.kg', 'auditor', 'finance', 'admin'], tok);
  });
  afterAll(() => t.close());

  describe('registration and scope', () => {
    beforeAll(async () => {
      const res = await register('ngo.kz', body(MAIN));
      expect(res.status).toBe(201);
      main = res.body;
    });

    it('registers with a pseudonymous code, the public part and the PII for the owner', async () => {
      const res = await get('ngo.kz', main.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: main.id,
        category: 'VOT',
        flags: ['foreign', 'stranded'],
        sex: 'female',
        birthYear: 1991,
        nationality: 'UZ',
        possibleDuplicate: false,
        consent: { givenAt: '2026-11-20', method: 'written' },
        pii: MAIN,
      });
      expect(res.body.code).toMatch(CODE);
      expect(main.code).toBe(res.body.code);
      const own = await list('ngo.kz');
      expect(own.status).toBe(200);
      expect(own.body.items.find((b: { id: string }) => b.id === main.id)).toMatchObject({ pii: MAIN });
    });

    it('the create response itself carries the PII and no duplicate flag', async () => {
      const res = await register(
        'ngo.kz',
        body({ fullName: 'Ainur Bekmukhambetova', dateOfBirth: '1988-07-15', phone: '+7 701 000 11 22' }),
      );
      expect(res.status).toBe(201);
      expect(res.body.code).toMatch(CODE);
      expect(res.body.possibleDuplicate).toBe(false);
      expect(res.body.pii).toEqual({
        fullName: 'Ainur Bekmukhambetova',
        dateOfBirth: '1988-07-15',
        documentNumber: null,
        phone: '+7 701 000 11 22',
        address: null,
      });
    });

    it('hides it from other NGOs, same country or not (404, not in their list)', async () => {
      for (const who of ['ngo2.kz', 'ngo.kg']) {
        const res = await get(who, main.id);
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
        expect(JSON.stringify(res.body)).not.toContain(MAIN.fullName);
        const l = await list(who);
        expect(l.status).toBe(200);
        expect(l.body.items.map((b: { id: string }) => b.id)).not.toContain(main.id);
      }
    });

    it('officers of the country and auditors see it without PII; other countries get 404; finance 403', async () => {
      for (const who of ['officer.kz', 'auditor']) {
        const res = await get(who, main.id);
        expect(res.status).toBe(200);
        expect(res.body.code).toBe(main.code);
        expect(res.body).not.toHaveProperty('pii');
        expect(JSON.stringify(res.body)).not.toContain(MAIN.fullName);
        const l = await list(who);
        const item = l.body.items.find((b: { id: string }) => b.id === main.id);
        expect(item).toBeDefined();
        expect(item).not.toHaveProperty('pii');
      }
      expect((await get('officer.kg', main.id)).status).toBe(404);
      expect((await list('officer.kg')).body.items.map((b: { id: string }) => b.id)).not.toContain(main.id);
      expect((await get('finance', main.id)).status).toBe(403);
      expect((await list('finance')).status).toBe(403);
    });

    it('audits each admin PII read, not the owner read; the admin list has no PII', async () => {
      const before = (await auditEvents(main.id, 'beneficiary.pii_read')).length;
      expect((await get('ngo.kz', main.id)).status).toBe(200);
      expect(await auditEvents(main.id, 'beneficiary.pii_read')).toHaveLength(before);
      const res = await get('admin', main.id);
      expect(res.status).toBe(200);
      expect(res.body.pii).toEqual(MAIN);
      const after1 = await auditEvents(main.id, 'beneficiary.pii_read');
      expect(after1).toHaveLength(before + 1);
      expect(after1[0]).toMatchObject({ action: 'beneficiary.pii_read', entityId: main.id });
      await get('admin', main.id);
      expect(await auditEvents(main.id, 'beneficiary.pii_read')).toHaveLength(before + 2);
      const l = await list('admin', '?limit=100');
      expect(l.status).toBe(200);
      expect(l.body.items.some((b: { id: string }) => b.id === main.id)).toBe(true);
      for (const item of l.body.items) expect(item).not.toHaveProperty('pii');
    });

    it('writes a create audit event without PII', async () => {
      const [event] = await auditEvents(main.id, 'beneficiary.create');
      expect(event).toBeDefined();
      // the answer to the registration, all but the personal data
      const { pii, ...answer } = main as typeof main & { pii?: unknown };
      expect(pii).toBeDefined();
      expect(event.after).toEqual(answer);
      const text = JSON.stringify([event.before, event.after]);
      expect(text).not.toContain(MAIN.fullName);
      expect(text).not.toContain(MAIN.documentNumber);
      expect(text).not.toContain(MAIN.phone);
    });

    it('draws another code when the one drawn is taken, and writes nothing for the taken one', async () => {
      const repository = t.app.get(BeneficiariesRepository);
      const register1 = repository.register.bind(repository);
      const answers: unknown[] = [];
      const spy = jest.spyOn(repository, 'register').mockImplementation(async (m, row, audit) => {
        // the first code drawn collides with the main person's
        const answer = await register1(m, answers.length === 0 ? { ...row, code: main.code } : row, audit);
        answers.push(answer);
        return answer;
      });
      try {
        const rows = await rowCount();
        const res = await register('ngo.kz', body({ fullName: 'Dilnoza Collision', dateOfBirth: '1990-01-05' }));
        expect(res.status).toBe(201);
        expect(answers).toHaveLength(2);
        expect(answers[0]).toBeNull();
        expect(res.body.code).toMatch(CODE);
        expect(res.body.code).not.toBe(main.code);
        expect(await rowCount()).toBe(rows + 1);
        const events = await auditEvents(res.body.id, 'beneficiary.create');
        expect(events).toHaveLength(1);
        expect(events[0].after).toMatchObject({ code: res.body.code });
      } finally {
        spy.mockRestore();
      }
    });

    it('stores the PII only encrypted', async () => {
      const rows: Record<string, unknown>[] = await t.dataSource.query('SELECT * FROM beneficiary');
      expect(rows.length).toBeGreaterThan(0);
      const text = JSON.stringify(rows);
      for (const v of [MAIN.fullName, 'Qobiljonova', MAIN.documentNumber, MAIN.phone, MAIN.address]) expect(text).not.toContain(v);
      const row = rows.find((r) => r.id === main.id)!;
      expect(String(row.pii_enc)).toMatch(/^v1\./);
    });
  });

  describe('duplicates across NGOs', () => {
    let orgs: { id: string; name: string }[];
    beforeAll(async () => {
      const res = await as('admin').get('/organisations?country=KZ');
      expect(res.status).toBe(200);
      orgs = res.body.items;
    });

    it('flags the same person written in another script by another NGO to admins only, without saying who; the NGOs see nothing', async () => {
      const first = await register('ngo.kz', body({ fullName: 'Каримова Нодира', dateOfBirth: '1990-03-12' }));
      expect(first.status).toBe(201);
      expect(first.body.possibleDuplicate).toBe(false);
      const second = await register('ngo2.kz', body({ fullName: 'Nodira Karimova', dateOfBirth: '1990-03-12' }));
      expect(second.status).toBe(201);
      expect(second.body.possibleDuplicate).toBe(false);
      const again = await get('ngo.kz', first.body.id);
      expect(again.body.possibleDuplicate).toBe(false);
      expect((await get('ngo2.kz', second.body.id)).body.possibleDuplicate).toBe(false);
      expect((await get('admin', second.body.id)).body.possibleDuplicate).toBe(true);
      expect((await get('officer.kz', first.body.id)).body.possibleDuplicate).toBe(true);

      const mine = orgs.find((o) => o.id === first.body.organisationId)!;
      const theirs = orgs.find((o) => o.id === second.body.organisationId)!;
      expect(mine).toBeDefined();
      expect(theirs).toBeDefined();
      expect(mine.id).not.toBe(theirs.id);
      expect([mine.name, theirs.name].join('|')).toMatch(/Sana Sezim/);
      expect([mine.name, theirs.name].join('|')).toMatch(/Damytu/);
      const secondText = JSON.stringify(second.body) + JSON.stringify((await get('ngo2.kz', second.body.id)).body);
      expect(secondText).not.toContain(mine.id);
      expect(secondText).not.toContain(mine.name);
      expect(secondText).not.toContain(first.body.id);
      const firstText = JSON.stringify(again.body) + JSON.stringify((await list('ngo.kz', '?limit=100')).body);
      expect(firstText).not.toContain(theirs.id);
      expect(firstText).not.toContain(theirs.name);
      expect(firstText).not.toContain(second.body.id);
    });

    it('flags the same document number under a different name', async () => {
      const a = await register('ngo.kz', body({ fullName: 'Malika Tursunova', dateOfBirth: '1985-01-20', documentNumber: 'AB 4455667' }));
      expect(a.body.possibleDuplicate).toBe(false);
      const b = await register('ngo2.kz', body({ fullName: 'Malohat Rustamova', dateOfBirth: '1986-05-05', documentNumber: 'ab4455667' }));
      expect(b.status).toBe(201);
      expect(b.body.possibleDuplicate).toBe(false);
      expect((await get('ngo.kz', a.body.id)).body.possibleDuplicate).toBe(false);
      expect((await get('admin', a.body.id)).body.possibleDuplicate).toBe(true);
    });

    it('flags a person registered twice by the same NGO to that NGO', async () => {
      const p = { fullName: 'Gulnora Saidova', dateOfBirth: '1979-09-09', documentNumber: 'K1234567' };
      const a = await register('ngo.kz', body(p));
      const b = await register('ngo.kz', body(p));
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body.possibleDuplicate).toBe(true);
      expect((await get('ngo.kz', a.body.id)).body.possibleDuplicate).toBe(true);
      expect(a.body.code).not.toBe(b.body.code);
    });

    it('leaves unrelated people unflagged', async () => {
      expect((await get('ngo.kz', main.id)).body.possibleDuplicate).toBe(false);
    });
  });

  describe('validation and scope errors', () => {
    it('lists every bad field and stores nothing', async () => {
      const before = await rowCount();
      const res = await register('ngo.kz', {
        category: 'X',
        flags: ['foreign'],
        sex: 'unknown',
        birthYear: 'abc',
        nationality: 'Uzbekistan',
        fullName: 'Dilnoza Ergasheva',
        dateOfBirth: '1991-02-30',
        favouriteColour: 'blue',
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.requestId).toBeTruthy();
      const fields = (res.body.details as { field: string; message: string }[]).map((d) => d.field);
      for (const f of ['category', 'sex', 'birthYear', 'nationality', 'dateOfBirth', 'consent', 'favouriteColour']) {
        expect(fields).toContain(f);
      }
      expect(fields).not.toContain('fullName');
      const { consent: _c, ...noConsent } = body({ fullName: 'No Consent Person', dateOfBirth: '1990-01-01' });
      const missing = await register('ngo.kz', noConsent);
      expect(missing.status).toBe(400);
      expect(missing.body.details).toEqual([expect.objectContaining({ field: 'consent' })]);
      expect(await rowCount()).toBe(before);
    });

    it('rejects a birth date in the future and a birth year that does not match', async () => {
      const before = await rowCount();
      const future = await register('ngo.kz', body({ fullName: 'Future Person', dateOfBirth: '2099-01-01' }));
      expect(future.status).toBe(400);
      expect(future.body.details.map((d: { field: string }) => d.field)).toContain('dateOfBirth');
      const mismatch = await register('ngo.kz', { ...body({ fullName: 'Year Mismatch', dateOfBirth: '1990-06-01' }), birthYear: 1992 });
      expect(mismatch.status).toBe(400);
      expect(mismatch.body.details.map((d: { field: string }) => d.field)).toContain('birthYear');
      expect(await rowCount()).toBe(before);
    });

    it('only NGO users register', async () => {
      expect((await register('officer.kz', body({ fullName: 'Officer Made', dateOfBirth: '1990-01-01' }))).status).toBe(403);
    });

    it('answers 404 for an unknown id and 400 for a malformed one', async () => {
      const missing = await get('ngo.kz', randomUUID());
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      const bad = await get('ngo.kz', 'not-a-uuid');
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('id');
    });
  });

  describe('pagination', () => {
    it('pages with nextCursor without overlap and rejects a garbage cursor', async () => {
      const ids: string[] = [];
      for (const n of ['Aziz Rahimov', 'Bahrom Nazarov', 'Dilshod Karimov']) {
        const res = await register('ngo.tj', { ...body({ fullName: n, dateOfBirth: '1995-02-02' }), sex: 'male' });
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }
      const p1 = await list('ngo.tj', '?limit=2');
      expect(p1.status).toBe(200);
      expect(p1.body.items).toHaveLength(2);
      expect(typeof p1.body.nextCursor).toBe('string');
      const p2 = await list('ngo.tj', `?limit=2&cursor=${encodeURIComponent(p1.body.nextCursor)}`);
      expect(p2.status).toBe(200);
      expect(p2.body.items).toHaveLength(1);
      expect(p2.body.nextCursor).toBeNull();
      const seen = [...p1.body.items, ...p2.body.items].map((b: { id: string }) => b.id);
      expect(new Set(seen).size).toBe(3);
      expect([...seen].sort()).toEqual([...ids].sort());
      const garbage = await list('ngo.tj', '?cursor=garbage!!');
      expect(garbage.status).toBe(400);
      expect(garbage.body.details.map((d: { field: string }) => d.field)).toContain('cursor');
      expect((await list('ngo.tj', '?limit=1000')).status).toBe(400);
    });
  });

  describe('logs', () => {
    it('never contain the PII sent or returned', () => {
      expect(t.logs.length).toBeGreaterThan(0);
      const all = t.logs.join('\n');
      for (const v of [MAIN.fullName, 'Qobiljonova', MAIN.documentNumber, MAIN.phone, 'Каримова', 'Nodira Karimova', 'AB 4455667']) {
        expect(all).not.toContain(v);
      }
    });
  });
});
