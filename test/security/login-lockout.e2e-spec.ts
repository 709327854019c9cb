import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api } from '../helpers/http.js';
import { createTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';

const ATTACKER = '203.0.113.9';
const OWNER = '198.51.100.7';

/** Issue 16, point 4: lock-out by account and address, one answer for every refusal. */
describe('login lock-out', () => {
  let t: TestApp;
  const login = (email: string, password: string, from: string) =>
    api(t).post('/auth/login', { email, password }).set('X-Forwarded-For', from);
  const answer = (res: { status: number; body: Record<string, unknown> }) => {
    const { requestId: _requestId, ...rest } = res.body;
    return { status: res.status, body: rest };
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('failures from one address lock only that address out: the owner elsewhere still signs in', async () => {
    for (let i = 1; i <= 7; i++) expect((await login('finance@example.org', `guess-${i}`, ATTACKER)).status).toBe(401);
    expect((await login('finance@example.org', PASSWORD(), ATTACKER)).status).toBe(401);
    expect((await login('finance@example.org', PASSWORD(), OWNER)).status).toBe(200);
    const warnings = t.logs.filter((l) => l.includes('auth.login_locked'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain(ATTACKER);
  });

  it('answers a wrong password, an unknown, a disabled and a locked account identically', async () => {
    const wrong = answer(await login('auditor@example.org', 'not-the-password', OWNER));
    const unknown = answer(await login('nobody.here@example.org', 'not-the-password', OWNER));
    await t.dataSource.query(`UPDATE app_user SET status = 'disabled' WHERE email_normalised = 'ngo.kz@example.org'`);
    const disabled = answer(await login('ngo.kz@example.org', PASSWORD(), OWNER));
    const locked = answer(await login('finance@example.org', PASSWORD(), ATTACKER));
    expect(wrong).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
    for (const other of [unknown, disabled, locked]) expect(other).toEqual(wrong);
  });
});
