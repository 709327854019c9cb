import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FieldCipher } from '../../src/common/crypto/field-cipher.js';
import { api } from '../helpers/http.js';
import { createTestApp, testEnv, type TestApp } from '../helpers/test-app.js';

const run = promisify(execFile);
const OLD_KEY = process.env.EF_TEST_PII_KEY!;
const NEW_KEY = randomBytes(32).toString('base64');

/** `npm run pii:rotate` as an operator runs it (compiled), on the test's database. */
const rotate = (databaseUrl: string, env: Record<string, string>) =>
  run(process.execPath, ['dist/src/database/pii-rotate.cli.js'], {
    env: { ...process.env, ...testEnv({ LOG_LEVEL: 'silent', ...env }), DATABASE_URL: databaseUrl },
  });

describe('rotating the PII key', () => {
  let before: TestApp;
  let beneficiaryId: string;
  let organisationId: string;
  let applicationId: string;
  const MESSAGE = 'Айжан Нурланова придёт в понедельник.';
  const keyIds = async (t: TestApp) =>
    (
      await t.dataSource.query(
        `SELECT split_part(pii_enc, '.', 2) AS k FROM beneficiary UNION ALL SELECT split_part(bank_account_enc, '.', 2) FROM organisation WHERE bank_account_enc IS NOT NULL
         UNION ALL SELECT split_part(body_enc, '.', 2) FROM application_message`,
      )
    ).map((r: { k: string }) => r.k);

  beforeAll(async () => {
    before = await createTestApp();
    const ngo = await before.login('ngo.kz@example.org');
    const b = await api(before)
      .as(ngo)
      .post('/beneficiaries', {
        category: 'VOT',
        sex: 'female',
        birthYear: 1994,
        nationality: 'KZ',
        fullName: 'Айжан Нурланова',
        dateOfBirth: '1994-02-03',
        documentNumber: 'N7700112',
        consent: { givenAt: '2026-11-01', method: 'written' },
      });
    expect(b.status).toBe(201);
    beneficiaryId = b.body.id;
    const draft = await api(before)
      .as(ngo)
      .post('/applications', {
        beneficiaryId,
        urgency: 'standard',
        stateSupport: { requested: true, outcome: 'refused' },
        items: [{ type: 'legal', description: 'Lawyer fees', amount: '900.00' }],
      });
    applicationId = draft.body.id;
    expect((await api(before).as(ngo).post(`/applications/${applicationId}/messages`, { body: MESSAGE })).status).toBe(201);
    const admin = await before.login('admin@example.org');
    const org = await api(before)
      .as(admin)
      .post('/organisations', {
        name: 'Rotation Test NGO',
        country: 'KZ',
        registrationNumber: `RT-${randomBytes(3).toString('hex')}`,
        contactEmail: 'office@rotation.example.org',
        address: 'Almaty',
        bankAccount: { bankName: 'Halyk', iban: 'KZ86125KZT5004100100', bic: 'HSBKKZKX' },
      });
    expect(org.status).toBe(201);
    organisationId = org.body.id;
  });
  afterAll(() => before.close());

  it('re-encrypts every value with the new key, keeps what it says, and a second run finds nothing to do', async () => {
    const oldId = new FieldCipher(Buffer.from(OLD_KEY, 'base64')).keyId;
    const newId = new FieldCipher(Buffer.from(NEW_KEY, 'base64')).keyId;
    const [{ before: stored }] = await before.dataSource.query('SELECT pii_enc AS before FROM beneficiary WHERE id = $1', [beneficiaryId]);
    expect(new Set(await keyIds(before))).toEqual(new Set([oldId]));

    // without the old key the new one cannot read anything: the command says so and changes nothing
    await expect(rotate(before.databaseUrl, { PII_KEY: NEW_KEY })).rejects.toMatchObject({
      stderr: expect.stringContaining('PII_PREVIOUS_KEYS'),
    });
    expect(new Set(await keyIds(before))).toEqual(new Set([oldId]));

    const { stdout } = await rotate(before.databaseUrl, { PII_KEY: NEW_KEY, PII_PREVIOUS_KEYS: OLD_KEY });
    expect(stdout).toMatch(/beneficiary [1-9]\d*, organisation [1-9]\d*/);
    expect(new Set(await keyIds(before))).toEqual(new Set([newId]));
    const [{ after }] = await before.dataSource.query('SELECT pii_enc AS after FROM beneficiary WHERE id = $1', [beneficiaryId]);
    expect(after).not.toBe(stored);
    expect((await rotate(before.databaseUrl, { PII_KEY: NEW_KEY, PII_PREVIOUS_KEYS: OLD_KEY })).stdout).toContain(
      'beneficiary 0, organisation 0',
    );
    const audit = await before.dataSource.query(
      `SELECT entity_type, after FROM audit_event WHERE action = 'pii.rotate' ORDER BY occurred_at`,
    );
    expect(audit.map((e: { entity_type: string }) => e.entity_type)).toEqual(['beneficiary', 'organisation', 'application_message']);
    expect(JSON.stringify(audit)).not.toContain('Айжан');

    // the app with only the new key reads the same person and account
    const after2 = await createTestApp({ PII_KEY: NEW_KEY }, { databaseUrl: before.databaseUrl });
    try {
      const person = await api(after2)
        .as(await after2.login('ngo.kz@example.org'))
        .get(`/beneficiaries/${beneficiaryId}`);
      expect(person.status).toBe(200);
      expect(person.body.pii).toMatchObject({ fullName: 'Айжан Нурланова', documentNumber: 'N7700112' });
      const thread = await api(after2)
        .as(await after2.login('ngo.kz@example.org'))
        .get(`/applications/${applicationId}/messages`);
      expect(thread.body.items.map((m: { body: string }) => m.body)).toEqual([MESSAGE]);
      const org = await api(after2)
        .as(await after2.login('admin@example.org'))
        .get(`/organisations/${organisationId}`);
      expect(org.body.bankAccount).toMatchObject({ bankName: 'Halyk' });
      expect(JSON.stringify(org.body.bankAccount)).toContain('0100');
    } finally {
      await after2.close();
    }
  });
});
