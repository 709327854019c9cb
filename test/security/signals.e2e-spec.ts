import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { approvedAward } from '../helpers/flows.js';
import { api } from '../helpers/http.js';
import { createTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';

const METRICS_TOKEN = 'prometheus-scraper-token-4d9f0b7e2a61c8';

interface LogLine {
  level?: number | string;
  msg?: string;
  path?: string;
  context?: string;
  event?: string;
  userId?: string;
}

/** Issue 16, point 9: secrets stay out of logs, metrics need a token, warnings reach the log, logout-all is immediate. */
describe('secrets and signals', () => {
  let t: TestApp;
  const lines = () => t.logs.map((l) => JSON.parse(l) as LogLine);
  const signIn = async (email: string) => {
    const res = await api(t).post('/auth/login', { email, password: PASSWORD() });
    expect(res.status).toBe(200);
    return res.body as { accessToken: string; refreshToken: string; user: { id: string } };
  };

  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN });
  });
  afterAll(() => t.close());

  it('never writes a letter verification code to the log, in any spelling: the route template is logged', async () => {
    const { award } = await approvedAward(t);
    const officer = await t.login('officer.kz@example.org');
    const letters = await api(t).as(officer).get(`/awards/${award.id}/letters`);
    expect(letters.status).toBe(200);
    const code = (letters.body.items ?? letters.body)[0].verificationCode as string;
    expect(code).toMatch(/^[A-Za-z0-9]{16,}$/);
    const spellings = [code, code.toLowerCase(), code.replace(/(.{4})/g, '$1-').replace(/-$/, '')];
    for (const spelling of spellings) {
      expect((await api(t).get(`/letters/verify/${spelling}`)).status).toBe(200);
      expect((await api(t).get(`/letters/verify/${spelling}`).set('Accept', 'text/html')).status).toBe(200);
    }
    // a wrong code, a doubled slash and upper-case path: still the template
    expect((await api(t).get(`/letters/verify/${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`)).status).toBe(404);
    await t.http.get(`/API/v1/letters//verify/${code}`);
    const logged = t.logs.join('\n');
    for (const spelling of [...spellings, code.toUpperCase()]) expect([spelling, logged.includes(spelling)]).toEqual([spelling, false]);
    const verifyLines = lines().filter((l) => l.msg === 'request' && l.path?.toLowerCase().includes('verify'));
    expect(verifyLines.length).toBeGreaterThanOrEqual(7);
    for (const l of verifyLines) expect(['/api/v1/letters/verify/:code', '/api/v1/letters/verify/[redacted]']).toContain(l.path);
  });

  it('serves /metrics only to the scraper that sends METRICS_TOKEN', async () => {
    const none = await api(t).get('/metrics');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('METRICS_TOKEN_REQUIRED');
    expect(none.text).not.toContain('http_request_duration_seconds');
    const wrong = await api(t)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN.slice(0, -1)}X`);
    expect(wrong.status).toBe(401);
    // a user's access token is not the scraper's token
    const admin = await t.login('admin@example.org');
    expect((await api(t).get('/metrics').set('Authorization', `Bearer ${admin}`)).status).toBe(401);
    const right = await api(t).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(right.status).toBe(200);
    expect(right.text).toContain('http_request_duration_seconds_bucket');
    expect(t.logs.join('\n')).not.toContain(METRICS_TOKEN);
  });

  it('logs a replayed refresh token as a warning as well as auditing it, without the token', async () => {
    const session = await signIn('auditor@example.org');
    const rotated = await api(t).post('/auth/refresh', { refreshToken: session.refreshToken });
    expect(rotated.status).toBe(200);
    const replay = await api(t).post('/auth/refresh', { refreshToken: session.refreshToken });
    expect(replay.status).toBe(401);
    const warning = lines().find((l) => l.event === 'auth.refresh_reuse_detected');
    expect(warning).toMatchObject({ level: 40, context: 'Security', msg: 'auth.refresh_reuse_detected', userId: session.user.id });
    const audited: { n: number }[] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE action = 'auth.refresh_reuse_detected' AND entity_id = $1`,
      [session.user.id],
    );
    expect(audited[0].n).toBe(1);
    const logged = t.logs.join('\n');
    for (const secret of [session.refreshToken, session.refreshToken.split('.')[1], rotated.body.refreshToken])
      expect(logged).not.toContain(secret);
  });

  it('signing out of every session ends every access token at once, not when they expire', async () => {
    const phone = await signIn('ngo2.kg@example.org');
    const laptop = await signIn('ngo2.kg@example.org');
    expect((await api(t).as(phone.accessToken).get('/auth/me')).status).toBe(200);
    expect((await api(t).as(laptop.accessToken).get('/auth/me')).status).toBe(200);
    expect((await api(t).as(laptop.accessToken).post('/auth/logout', {})).status).toBe(204);
    for (const s of [phone, laptop]) {
      expect((await api(t).as(s.accessToken).get('/auth/me')).status).toBe(401);
      expect((await api(t).post('/auth/refresh', { refreshToken: s.refreshToken })).status).toBe(401);
    }
    // a new sign-in works as before
    const again = await signIn('ngo2.kg@example.org');
    expect((await api(t).as(again.accessToken).get('/auth/me')).status).toBe(200);
  });

  it('signing out of one session keeps the others', async () => {
    const phone = await signIn('finance@example.org');
    const laptop = await signIn('finance@example.org');
    expect((await api(t).as(laptop.accessToken).post('/auth/logout', { refreshToken: laptop.refreshToken })).status).toBe(204);
    expect((await api(t).as(phone.accessToken).get('/auth/me')).status).toBe(200);
    expect((await api(t).post('/auth/refresh', { refreshToken: phone.refreshToken })).status).toBe(200);
    expect((await api(t).post('/auth/refresh', { refreshToken: laptop.refreshToken })).status).toBe(401);
  });
});

describe('metrics without METRICS_TOKEN', () => {
  it('are off: 404 to everyone, whatever they send', async () => {
    const t = await createTestApp();
    try {
      for (const auth of [undefined, `Bearer ${METRICS_TOKEN}`]) {
        const req = api(t).get('/metrics');
        const res = await (auth ? req.set('Authorization', auth) : req);
        expect(res.status).toBe(404);
        expect(res.text).not.toContain('process_cpu');
      }
    } finally {
      await t.close();
    }
  });
});
