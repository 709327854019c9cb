import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { approvedAward } from '../helpers/flows.js';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Optimistic locking on the update routes that took no `version` before (review steps, waivers,
 * disbursement cancel and fail, marking a batch sent): optional, so old clients keep working, but a
 * stale one answers 409 VERSION_CONFLICT with the current version and changes nothing.
 */
describe('version checks on every update route of a versioned record', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => api(t).as(tok[who]);
  let person = 0;

  const expectConflict = (res: Response, currentVersion: number) => {
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion });
  };

  /** A submitted application of ngo.kz, for `amount` (an amount over the cap makes it ineligible). */
  const submitted = async (amount = '100.00') => {
    const n = ++person;
    const b = await as('ngo.kz').post('/beneficiaries', {
      category: 'VM',
      sex: 'female',
      birthYear: 1990,
      nationality: 'KG',
      fullName: `Version Person ${'abcdefghij'[n % 10]}${'abcdefghij'[Math.floor(n / 10) % 10]}`,
      dateOfBirth: `1990-0${1 + (n % 9)}-1${n % 10}`,
      documentNumber: `VP${n}`,
      consent: { givenAt: '2026-11-01', method: 'verbal' },
    });
    expect(b.status).toBe(201);
    const d = await as('ngo.kz').post('/applications', {
      beneficiaryId: b.body.id,
      urgency: 'standard',
      items: [{ type: 'legal', description: 'Lawyer fees', amount }],
      stateSupport: { requested: true, outcome: 'refused' },
    });
    expect(d.status).toBe(201);
    const s = await as('ngo.kz').post(`/applications/${d.body.id}/submit`);
    expect(s.status).toBe(200);
    return s.body as { id: string; version: number; status: string };
  };
  const application = async (id: string) => (await as('admin').get(`/applications/${id}`)).body as { version: number; status: string };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['ngo.kz', 'officer.kz', 'officer2.kz', 'finance', 'admin'], tok);
  });
  afterAll(() => t.close());

  it('claim and release: a stale version is refused, the current one or none works', async () => {
    const a = await submitted();
    expectConflict(await as('officer.kz').post(`/applications/${a.id}/claim`, { version: a.version - 1 }), a.version);
    expect((await application(a.id)).status).toBe('submitted');
    const claimed = await as('officer.kz').post(`/applications/${a.id}/claim`, { version: a.version });
    expect(claimed.status).toBe(200);
    expect(claimed.body.version).toBe(a.version + 1);
    expectConflict(await as('officer.kz').post(`/applications/${a.id}/release`, { version: a.version }), a.version + 1);
    expect((await application(a.id)).status).toBe('in_review');
    const released = await as('officer.kz').post(`/applications/${a.id}/release`, { version: a.version + 1 });
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('submitted');
    // without a version, as before
    expect((await as('officer.kz').post(`/applications/${a.id}/claim`)).status).toBe(200);
  });

  it('decisions: each kind checks the version it is given', async () => {
    for (const [decision, rest] of [
      ['approve', {}],
      ['reject', { reasonCode: 'OUT_OF_SCOPE', comment: 'Not our mandate.' }],
      ['request_info', { comment: 'Which clinic?' }],
    ] as const) {
      const a = await submitted();
      const claimed = (await as('officer.kz').post(`/applications/${a.id}/claim`).expect(200)).body as { version: number };
      const stale = await as('officer.kz').post(`/applications/${a.id}/decisions`, { decision, ...rest, version: claimed.version - 1 });
      expectConflict(stale, claimed.version);
      expect(await application(a.id)).toMatchObject({ status: 'in_review', version: claimed.version });
      const done = await as('officer.kz').post(`/applications/${a.id}/decisions`, { decision, ...rest, version: claimed.version });
      expect(done.status).toBe(200);
      expect(done.body.version).toBeGreaterThan(claimed.version);
    }
  });

  it('reassign checks the version', async () => {
    const a = await submitted();
    const [{ id: officer2 }] = await t.dataSource.query(`SELECT id FROM app_user WHERE email = 'officer2.kz@example.org'`);
    expectConflict(await as('admin').post(`/applications/${a.id}/reassign`, { officerId: officer2, version: a.version + 5 }), a.version);
    expect((await application(a.id)).status).toBe('submitted');
    const done = await as('admin').post(`/applications/${a.id}/reassign`, { officerId: officer2, version: a.version });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('in_review');
  });

  it('a waiver checks the version of the application', async () => {
    const a = await submitted('99999999.00');
    expect(a.status).toBe('ineligible');
    const [{ rule_code: rule }] = await t.dataSource.query(
      `SELECT r.rule_code FROM eligibility_result r JOIN eligibility_run e ON e.id = r.run_id
        WHERE e.application_id = $1 AND r.outcome = 'fail' ORDER BY r.rule_code LIMIT 1`,
      [a.id],
    );
    const reason = 'Approved by the program manager in writing.';
    expectConflict(await as('admin').post(`/applications/${a.id}/waivers`, { ruleCode: rule, reason, version: a.version - 1 }), a.version);
    const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM eligibility_waiver WHERE application_id = $1', [a.id]);
    expect(n).toBe(0);
    expect((await as('admin').post(`/applications/${a.id}/waivers`, { ruleCode: rule, reason, version: a.version })).status).toBe(201);
  });

  it('disbursement cancel and fail, and marking a batch sent, check the version', async () => {
    const { award } = await approvedAward(t);
    const pay = async (amount: string) => {
      const res = await as('finance').post(
        '/disbursements',
        { awardId: award.id, amount, method: 'bank_transfer', payee: null },
        { idempotencyKey: randomUUID() },
      );
      expect(res.status).toBe(201);
      return res.body as { id: string; version: number };
    };
    const status = async (id: string) => (await as('finance').get(`/disbursements/${id}`)).body as { status: string; version: number };

    const toCancel = await pay('1000.00');
    expectConflict(
      await as('finance').post(`/disbursements/${toCancel.id}/cancel`, { note: 'paid twice', version: toCancel.version + 1 }),
      toCancel.version,
    );
    expect(await status(toCancel.id)).toMatchObject({ status: 'scheduled', version: toCancel.version });
    const cancelled = await as('finance').post(`/disbursements/${toCancel.id}/cancel`, { note: 'paid twice', version: toCancel.version });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', version: toCancel.version + 1 });

    const toFail = await pay('2000.00');
    const batch = await as('finance').post('/payment-batches', { disbursementIds: [toFail.id] });
    expect(batch.status).toBe(201);
    expectConflict(
      await as('finance').post(`/payment-batches/${batch.body.id}/sent`, { version: batch.body.version - 1 }),
      batch.body.version,
    );
    expect((await as('finance').get(`/payment-batches/${batch.body.id}`)).body.status).toBe('open');
    const sent = await as('finance').post(`/payment-batches/${batch.body.id}/sent`, { version: batch.body.version });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ status: 'sent', version: batch.body.version + 1 });

    const before = await status(toFail.id);
    expect(before.status).toBe('sent');
    expectConflict(
      await as('finance').post(`/disbursements/${toFail.id}/fail`, { note: 'account closed', version: before.version - 1 }),
      before.version,
    );
    expect((await status(toFail.id)).status).toBe('sent');
    const failed = await as('finance').post(`/disbursements/${toFail.id}/fail`, { note: 'account closed', version: before.version });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'failed', version: before.version + 1 });

    // no version, as before
    const third = await pay('500.00');
    expect((await as('finance').post(`/disbursements/${third.id}/cancel`, { note: 'not needed' })).status).toBe(200);
  });

  it('refuses a version that is not an integer with 400 naming the field', async () => {
    const a = await submitted();
    const res = await as('officer.kz').post(`/applications/${a.id}/claim`, { version: 'one' });
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('version');
  });
});
