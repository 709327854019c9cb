import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const IBAN = 'KZ86125KZT5004100100';
const NEW_PASSWORD = 'a-long-enough-password-42';

const fields = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field);

describe('admin: organisations, users and fx-rates', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin@example.org');
  });
  afterAll(() => t.close());

  describe('organisations', () => {
    const body = {
      name: 'Test Shelter Almaty',
      country: 'KZ',
      registrationNumber: 'REG-ADMIN-TEST-001',
      contactEmail: 'office@testshelter.example.org',
      address: 'Almaty, Kazakhstan',
      bankAccount: { bankName: 'Halyk Bank', iban: IBAN, bic: 'HSBKKZKX' },
    };
    let orgId: string;

    it('creates an organisation and returns the bank account, stored only as ciphertext', async () => {
      const res = await api(t).as(admin).post('/organisations', body);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ ...body, status: 'active', version: 1 });
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      orgId = res.body.id;

      const rows: Record<string, unknown>[] = await t.dataSource.query('SELECT * FROM organisation WHERE id = $1', [orgId]);
      expect(rows).toHaveLength(1);
      const enc = rows[0].bank_account_enc as string;
      expect(typeof enc).toBe('string');
      expect(enc.length).toBeGreaterThan(20);
      expect(enc).not.toContain(IBAN);
      expect(enc).not.toContain('Halyk');
      expect(JSON.stringify(rows[0])).not.toContain(IBAN);

      const got = await api(t).as(admin).get(`/organisations/${orgId}`);
      expect(got.status).toBe(200);
      expect(got.body.bankAccount).toEqual(body.bankAccount);
    });

    it('refuses the same country and registration number again with 409', async () => {
      const res = await api(t)
        .as(admin)
        .post('/organisations', { ...body, name: 'Another name' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'ORGANISATION_EXISTS' });
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM organisation WHERE registration_number = $1`, [
        body.registrationNumber,
      ]);
      expect(n).toBe(1);
    });

    it('answers a stale version with 409 and the current version', async () => {
      const res = await api(t).as(admin).patch(`/organisations/${orgId}`, { name: 'Stale edit', version: 7 });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'VERSION_CONFLICT', currentVersion: 1 });
      const got = await api(t).as(admin).get(`/organisations/${orgId}`);
      expect(got.body.name).toBe(body.name);
    });

    it('suspends an organisation and audits create and update without the IBAN', async () => {
      const res = await api(t).as(admin).patch(`/organisations/${orgId}`, { status: 'suspended', version: 1 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: orgId, status: 'suspended', version: 2 });

      const audit = await api(t).as(admin).get('/audit-events').query({ entityType: 'organisation', entityId: orgId });
      expect(audit.status).toBe(200);
      const actions = audit.body.items.map((e: { action: string }) => e.action);
      expect(actions).toEqual(['organisation.update', 'organisation.create']);
      const [update, create] = audit.body.items;
      expect(create.before).toBeNull();
      expect(create.after).toMatchObject({ id: orgId, name: body.name, status: 'active' });
      expect(update.before).toMatchObject({ status: 'active', version: 1 });
      expect(update.after).toMatchObject({ status: 'suspended', version: 2 });
      expect(update.actorRole).toBe('admin');
      expect(create.after.bankAccount).toBe('[redacted]');
      expect(JSON.stringify(audit.body)).not.toContain(IBAN);
      const raw: { before: unknown; after: unknown }[] = await t.dataSource.query(
        `SELECT before, after FROM audit_event WHERE entity_type = 'organisation' AND entity_id = $1`,
        [orgId],
      );
      expect(raw).toHaveLength(2);
      expect(JSON.stringify(raw)).not.toContain(IBAN);
    });

    it('lists every invalid field at once', async () => {
      const res = await api(t)
        .as(admin)
        .post('/organisations', { name: '', country: 'RU', registrationNumber: 'R-1', contactEmail: 'x', bankAccount: { iban: 'bad' } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED' });
      expect(res.body.requestId).toBeTruthy();
      expect(fields(res.body)).toEqual(
        expect.arrayContaining(['name', 'country', 'contactEmail', 'bankAccount.iban', 'bankAccount.bankName', 'bankAccount.bic']),
      );
      expect(fields(res.body)).not.toContain('registrationNumber');
    });

    it('answers a body that is not JSON with 400', async () => {
      const res = await api(t).as(admin).post('/organisations', '{"name": "Broken', { contentType: 'application/json' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        code: 'VALIDATION_FAILED',
        message: 'The request body is not valid JSON',
      });
      expect(res.body.requestId).toBeTruthy();
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM organisation WHERE name = 'Broken'`);
      expect(n).toBe(0);
    });

    it('refuses unknown fields with 400 naming them', async () => {
      const res = await api(t)
        .as(admin)
        .post('/organisations', { ...body, registrationNumber: 'REG-UNKNOWN-FIELD', isVerified: true });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'isVerified' })]));
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM organisation WHERE registration_number = 'REG-UNKNOWN-FIELD'`,
      );
      expect(n).toBe(0);
    });
  });

  describe('users', () => {
    let kzOrgId: string;
    beforeAll(async () => {
      const res = await api(t).as(admin).get('/organisations').query({ country: 'KZ', status: 'active' });
      expect(res.status).toBe(200);
      kzOrgId = res.body.items[0].id;
    });

    const noSecrets = (u: Record<string, unknown>) => {
      expect(u).not.toHaveProperty('passwordHash');
      expect(u).not.toHaveProperty('password');
      expect(JSON.stringify(u)).not.toMatch(/\$argon2/);
    };

    it('creates an officer that can log in, with no password in the response', async () => {
      const res = await api(t)
        .as(admin)
        .post('/users', {
          email: 'officer3.kz@example.org',
          password: NEW_PASSWORD,
          fullName: 'Aliya Nurlanovna',
          role: 'officer',
          countries: ['KZ'],
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        email: 'officer3.kz@example.org',
        role: 'officer',
        countries: ['KZ'],
        organisationId: null,
        status: 'active',
      });
      noSecrets(res.body);
      const token = await t.login('officer3.kz@example.org', NEW_PASSWORD);
      const me = await api(t).as(token).get('/auth/me');
      expect(me.status).toBe(200);
      expect(JSON.stringify(me.body)).toContain('officer3.kz@example.org');
      const funds = await api(t).as(token).get('/funds');
      expect(funds.status).toBe(200);
      expect(funds.body.items.map((f: { country: string }) => f.country)).toEqual(['KZ']);
    });

    it('creates an ngo user of an organisation that can log in', async () => {
      const res = await api(t).as(admin).post('/users', {
        email: 'ngo3.kz@example.org',
        password: NEW_PASSWORD,
        fullName: 'Case Worker Three',
        role: 'ngo',
        organisationId: kzOrgId,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ role: 'ngo', organisationId: kzOrgId, countries: [] });
      noSecrets(res.body);
      await expect(t.login('ngo3.kz@example.org', NEW_PASSWORD)).resolves.toEqual(expect.any(String));
      await expect(t.login('ngo3.kz@example.org', 'wrong-password-123')).rejects.toThrow(/401/);
    });

    it('never returns password hashes in lists or reads', async () => {
      const list = await api(t).as(admin).get('/users').query({ limit: 100 });
      expect(list.status).toBe(200);
      expect(list.body.items.length).toBeGreaterThan(20);
      for (const u of list.body.items) noSecrets(u);
      const one = await api(t).as(admin).get(`/users/${list.body.items[0].id}`);
      expect(one.status).toBe(200);
      noSecrets(one.body);
    });

    it.each([
      ['an ngo user without organisationId', { role: 'ngo' }, 'organisationId'],
      ['an officer without countries', { role: 'officer' }, 'countries'],
      ['an officer with empty countries', { role: 'officer', countries: [] }, 'countries'],
      ['a finance user with countries', { role: 'finance', countries: ['KZ'] }, 'countries'],
      ['an officer with a non-program country', { role: 'officer', countries: ['RU'] }, 'countries'],
      ['an ngo user of an unknown organisation', { role: 'ngo', organisationId: '00000000-0000-4000-8000-000000000000' }, 'organisationId'],
    ])('refuses %s with 400 naming the field', async (_label, shape, field) => {
      const email = `shape-${field}-${Math.random().toString(36).slice(2)}@example.org`;
      const res = await api(t)
        .as(admin)
        .post('/users', { email, password: NEW_PASSWORD, fullName: 'Shape Test', ...shape });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(fields(res.body)).toContain(field);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE email_normalised = $1`, [email]);
      expect(n).toBe(0);
    });

    it('refuses a duplicate e-mail in another case with 409', async () => {
      const res = await api(t)
        .as(admin)
        .post('/users', {
          email: 'Officer.KZ@Example.org',
          password: NEW_PASSWORD,
          fullName: 'Duplicate',
          role: 'officer',
          countries: ['KG'],
        });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'EMAIL_TAKEN' });
    });
  });

  describe('access', () => {
    it.each(['ngo.kz@example.org', 'officer.kz@example.org', 'finance@example.org', 'auditor@example.org'])(
      '%s gets 403 on organisations and users',
      async (email) => {
        const token = await t.login(email);
        const attempts = [
          api(t).as(token).get('/organisations'),
          api(t)
            .as(token)
            .post('/organisations', { name: 'Nope', country: 'KZ', registrationNumber: `X-${email}`, contactEmail: 'a@b.org' }),
          api(t).as(token).get('/users'),
          api(t)
            .as(token)
            .post('/users', { email: `x-${email}`, password: NEW_PASSWORD, fullName: 'Nope', role: 'admin' }),
        ];
        for (const res of await Promise.all(attempts)) {
          expect(res.status).toBe(403);
          expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
        }
        const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE email_normalised = $1`, [`x-${email}`]);
        expect(n).toBe(0);
      },
    );
  });

  describe('fx-rates', () => {
    it('records a rate once per currency and month', async () => {
      const res = await api(t).as(admin).post('/fx-rates', { currency: 'KZT', month: '2026-11', usdRate: '0.001950' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ currency: 'KZT', month: '2026-11' });
      expect(Number(res.body.usdRate)).toBe(0.00195);
      expect(res.body.usdRate).toMatch(/^0\.00195/);

      const again = await api(t).as(admin).post('/fx-rates', { currency: 'KZT', month: '2026-11', usdRate: '0.002000' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ statusCode: 409, code: 'FX_RATE_EXISTS' });
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM fx_rate WHERE currency = 'KZT' AND month = '2026-11'`);
      expect(n).toBe(1);
    });

    it.each([
      [{ currency: 'KZT', month: '2026-13', usdRate: '0.001950' }, ['month']],
      [{ currency: 'KZT', month: '2026-10', usdRate: '-1' }, ['usdRate']],
      [{ currency: 'KZT', month: '2026-10', usdRate: '0' }, ['usdRate']],
      [{ currency: 'USD', month: '2026-10', usdRate: '1' }, ['currency']],
      [{ currency: 'USD', month: '26-1', usdRate: 'abc' }, ['currency', 'month', 'usdRate']],
    ])('refuses %j with 400 listing %j', async (payload, expected) => {
      const res = await api(t).as(admin).post('/fx-rates', payload);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect([...new Set(fields(res.body))].sort()).toEqual([...expected].sort());
    });

    it('lets every staff role read rates and answers 403 to ngo users and to non-admin writers', async () => {
      for (const email of ['officer.kz@example.org', 'finance@example.org', 'auditor@example.org', 'admin@example.org']) {
        const res = await api(t)
          .as(await t.login(email))
          .get('/fx-rates');
        expect(res.status).toBe(200);
        expect(res.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ currency: 'KZT', month: '2026-11' })]));
        expect(res.body).toHaveProperty('nextCursor');
      }
      const ngo = await api(t)
        .as(await t.login('ngo.kz@example.org'))
        .get('/fx-rates');
      expect(ngo.status).toBe(403);
      const officerWrite = await api(t)
        .as(await t.login('officer.kz@example.org'))
        .post('/fx-rates', { currency: 'KGS', month: '2026-11', usdRate: '0.011' });
      expect(officerWrite.status).toBe(403);
    });
  });
});
