import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api } from '../helpers/http.js';
import { createTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';

const b64url = (value: string) => Buffer.from(value).toString('base64url');
/** A JWT built by hand: HS256 when a secret is given, otherwise an unsigned "none" token. */
function makeJwt(header: object, payload: object, secret?: string): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = secret ? createHmac('sha256', secret).update(input).digest('base64url') : '';
  return `${input}.${signature}`;
}
const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
const secretOf = (refreshToken: string) => refreshToken.split('.')[1];

describe('auth', () => {
  let t: TestApp;
  let admin: string;
  /** Every secret this file sends or receives: none may show up in the logs. */
  const secrets = new Set<string>();

  const login = async (email: string, password = PASSWORD()) => {
    secrets.add(password);
    const res = await api(t).post('/auth/login', { email, password });
    if (res.body.refreshToken) {
      secrets.add(res.body.refreshToken);
      secrets.add(secretOf(res.body.refreshToken));
    }
    return res;
  };
  const refresh = async (refreshToken: string) => {
    const res = await api(t).post('/auth/refresh', { refreshToken });
    if (res.body.refreshToken) {
      secrets.add(res.body.refreshToken);
      secrets.add(secretOf(res.body.refreshToken));
    }
    return res;
  };
  const me = (token: string) => api(t).as(token).get('/auth/me');
  const patchUser = (id: string, body: object) => api(t).as(admin).patch(`/users/${id}`, body);
  const auditCount = async (action: string, entityId: string) => {
    const rows: { n: number }[] = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM audit_event WHERE action = $1 AND entity_id = $2',
      [action, entityId],
    );
    return rows[0].n;
  };
  /** A user of its own for tests that lock, disable or re-password an account. */
  const newUser = async (label: string) => {
    const email = `${label}.${randomBytes(3).toString('hex')}@example.org`;
    const password = `pw-${label}-${randomBytes(8).toString('hex')}`;
    secrets.add(password);
    const res = await api(t)
      .as(admin)
      .post('/users', { email, password, fullName: `Test ${label}`, role: 'auditor' });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, email, password };
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin@example.org');
  });
  afterAll(() => t.close());

  describe('login and access tokens', () => {
    it('returns tokens and the user without any password field; /auth/me answers with that user', async () => {
      const res = await login('Officer.KZ@example.org');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken', 'user']);
      expect(res.body.expiresIn).toBe(900);
      expect(res.body.refreshToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{20,}$/);
      expect(res.body.user).toMatchObject({ email: 'officer.kz@example.org', role: 'officer', status: 'active' });
      expect(JSON.stringify(res.body.user)).not.toMatch(/password|hash/i);
      expect(payloadOf(res.body.accessToken)).toMatchObject({ sub: res.body.user.id, role: 'officer' });

      const who = await me(res.body.accessToken);
      expect(who.status).toBe(200);
      expect(who.body).toMatchObject({ id: res.body.user.id, email: 'officer.kz@example.org', role: 'officer' });
      expect(JSON.stringify(who.body)).not.toMatch(/password|hash/i);
    });

    it('refuses /auth/me without a token, with garbage and with forged tokens', async () => {
      const noToken = await api(t).get('/auth/me');
      expect(noToken.status).toBe(401);
      expect(noToken.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'UNAUTHENTICATED' });
      expect(noToken.body.requestId).toBeTruthy();
      expect((await me('garbage')).status).toBe(401);
      expect((await me('a.b.c')).status).toBe(401);

      const real = payloadOf(admin);
      const none = makeJwt({ alg: 'none', typ: 'JWT' }, real);
      const otherSecret = makeJwt({ alg: 'HS256', typ: 'JWT' }, real, randomBytes(48).toString('base64url'));
      const tampered = `${admin.split('.')[0]}.${b64url(JSON.stringify({ ...real, tv: real.tv + 1 }))}.${admin.split('.')[2]}`;
      // the right secret with another algorithm: the algorithm is pinned to HS256
      const hs512Input = `${b64url(JSON.stringify({ alg: 'HS512', typ: 'JWT' }))}.${b64url(JSON.stringify(real))}`;
      const hs512 = `${hs512Input}.${createHmac('sha512', process.env.EF_TEST_JWT_SECRET!).update(hs512Input).digest('base64url')}`;
      for (const forged of [none, otherSecret, tampered, hs512]) {
        const res = await me(forged);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
      // control: the same hand-built HS256 with the app's secret is accepted, so the refusals above are about the signature
      const genuine = makeJwt({ alg: 'HS256', typ: 'JWT' }, real, process.env.EF_TEST_JWT_SECRET!);
      expect((await me(genuine)).status).toBe(200);
    });

    it('refuses a token once it expires, even one accepted a moment before', async () => {
      const real = payloadOf(admin);
      const secret = process.env.EF_TEST_JWT_SECRET!;
      const now = Math.floor(Date.now() / 1000);
      const expired = makeJwt({ alg: 'HS256', typ: 'JWT' }, { ...real, iat: now - 60, exp: now - 1 }, secret);
      expect((await me(expired)).status).toBe(401);
      // accepted (and its check remembered) while valid; the same text is refused after its exp second
      const exp = now + 2;
      const shortLived = makeJwt({ alg: 'HS256', typ: 'JWT' }, { ...real, iat: now, exp }, secret);
      expect((await me(shortLived)).status).toBe(200);
      expect((await me(shortLived)).status).toBe(200);
      await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 50));
      const late = await me(shortLived);
      expect(late.status).toBe(401);
      expect(late.body.code).toBe('UNAUTHENTICATED');
    });

    it('takes the token only as "Bearer <token>", the scheme in any case', async () => {
      const as = (authorization: string) => api(t).get('/auth/me').set('Authorization', authorization);
      expect((await as(`bearer ${admin}`)).status).toBe(200);
      expect((await as(`BEARER  ${admin}`)).status).toBe(200);
      for (const wrong of [admin, `Basic ${admin}`, `Bearer ${admin} extra`, `Bearer`, `Token ${admin}`]) {
        const res = await as(wrong);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
    });

    it('answers a wrong password and an unknown e-mail alike', async () => {
      const wrong = await login('finance@example.org', 'not-the-password-1');
      const unknown = await login('nobody-here@example.org', 'not-the-password-2');
      for (const res of [wrong, unknown]) {
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
      }
      expect(unknown.body.message).toBe(wrong.body.message);
      expect(wrong.body.accessToken).toBeUndefined();
    });

    it('lists every bad field of a malformed login body with 400', async () => {
      const res = await api(t).post('/auth/login', { email: 'not-an-email' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      const fields = (res.body.details as { field: string }[]).map((d) => d.field).sort();
      expect(fields).toEqual(['email', 'password']);
      const empty = await api(t).post('/auth/login', {});
      expect(empty.status).toBe(400);
      expect((empty.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['email', 'password']);
    });
  });

  describe('lockout', () => {
    it('locks the address after 5 failures with the same answer as a wrong password, audits it, and an admin unlock or the lock running out lets the user in', async () => {
      const u = await newUser('lockout');
      for (let i = 1; i <= 5; i++) {
        const res = await login(u.email, `wrong-password-${i}`);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('INVALID_CREDENTIALS');
      }
      const refused = await login(u.email, u.password);
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('INVALID_CREDENTIALS');
      expect(refused.body.accessToken).toBeUndefined();
      expect(await auditCount('auth.login_failed', u.id)).toBe(5);
      expect(await auditCount('auth.locked', u.id)).toBe(1);
      expect((await api(t).as(admin).get(`/users/${u.id}`)).body.lockedUntil).not.toBeNull();

      const unlocked = await patchUser(u.id, { unlock: true });
      expect(unlocked.status).toBe(200);
      expect(unlocked.body.lockedUntil).toBeNull();
      expect((await login(u.email, u.password)).status).toBe(200);

      // lock again, then let the lock run out (moved into the past) instead of waiting 15 minutes
      for (let i = 1; i <= 5; i++) await login(u.email, `wrong-again-${i}`);
      expect((await login(u.email, u.password)).status).toBe(401);
      expect(await auditCount('auth.locked', u.id)).toBe(2);
      await t.dataSource.query(`UPDATE request_counter SET expires_at = now() - interval '1 second' WHERE key LIKE $1`, [
        `login-fail:${u.id}:%`,
      ]);
      expect((await login(u.email, u.password)).status).toBe(200);
    });
  });

  describe('refresh tokens', () => {
    it('rotates, refuses the old token, and a reuse revokes the whole family', async () => {
      const first = await login('auditor@example.org');
      const r0 = first.body.refreshToken as string;
      const second = await refresh(r0);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ expiresIn: 900, user: { email: 'auditor@example.org' } });
      const r1 = second.body.refreshToken as string;
      expect(r1).not.toBe(r0);
      expect((await me(second.body.accessToken)).status).toBe(200);

      const reused = await refresh(r0);
      expect(reused.status).toBe(401);
      expect(reused.body.code).toBe('INVALID_REFRESH_TOKEN');
      const afterReuse = await refresh(r1);
      expect(afterReuse.status).toBe(401);
      expect(afterReuse.body.code).toBe('INVALID_REFRESH_TOKEN');
      expect(await auditCount('auth.refresh_reuse_detected', first.body.user.id)).toBe(1);
      // a token of another family (another login) is unaffected
      const other = await login('auditor@example.org');
      expect((await refresh(other.body.refreshToken)).status).toBe(200);
    });

    it('refuses malformed, unknown and tampered refresh tokens', async () => {
      const { refreshToken } = (await login('auditor@example.org')).body as { refreshToken: string };
      const [id] = refreshToken.split('.');
      for (const bad of [
        `${id}.${randomBytes(32).toString('base64url')}`,
        `00000000-0000-4000-8000-000000000000.${secretOf(refreshToken)}`,
        'no-dot-at-all-here',
      ]) {
        const res = await refresh(bad);
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('INVALID_REFRESH_TOKEN');
      }
      expect((await api(t).post('/auth/refresh', {})).status).toBe(400);
      expect((await refresh(refreshToken)).status).toBe(200); // the failed guesses did not burn the genuine token
    });

    it('stores only a hash of the secret', async () => {
      const { refreshToken } = (await login('finance@example.org')).body as { refreshToken: string };
      const [id, secret] = refreshToken.split('.');
      const containing: { n: number }[] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM refresh_token r WHERE r::text LIKE '%' || $1 || '%'`,
        [secret],
      );
      expect(containing[0].n).toBe(0);
      const rows: { secret_hash: string }[] = await t.dataSource.query('SELECT secret_hash FROM refresh_token WHERE id = $1', [id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    });
  });

  describe('logout', () => {
    it('revokes the presented refresh token and answers 204', async () => {
      const { accessToken, refreshToken } = (await login('ngo.kz@example.org')).body as Record<string, string>;
      const kept = (await login('ngo.kz@example.org')).body.refreshToken as string;
      const res = await api(t).as(accessToken).post('/auth/logout', { refreshToken });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect((await refresh(refreshToken)).status).toBe(401);
      expect((await refresh(kept)).status).toBe(200); // another session of the same user is kept
    });

    it('without a refresh token ends every session of the user; needs an access token', async () => {
      const a = (await login('ngo2.kz@example.org')).body as Record<string, string>;
      const b = (await login('ngo2.kz@example.org')).body as Record<string, string>;
      expect((await api(t).post('/auth/logout', { refreshToken: a.refreshToken })).status).toBe(401);
      expect((await api(t).as(a.accessToken).post('/auth/logout', {})).status).toBe(204);
      expect((await refresh(a.refreshToken)).status).toBe(401);
      expect((await refresh(b.refreshToken)).status).toBe(401);
    });
  });

  describe('credential changes end sessions', () => {
    it('a password change by an admin invalidates access and refresh tokens', async () => {
      const u = await newUser('repassword');
      const s = (await login(u.email, u.password)).body as Record<string, string>;
      expect((await me(s.accessToken)).status).toBe(200);
      const newPassword = `pw-new-${randomBytes(8).toString('hex')}`;
      secrets.add(newPassword);
      expect((await patchUser(u.id, { password: newPassword })).status).toBe(200);
      expect((await me(s.accessToken)).status).toBe(401);
      expect((await refresh(s.refreshToken)).status).toBe(401);
      expect((await login(u.email, u.password)).status).toBe(401);
      const fresh = await login(u.email, newPassword);
      expect(fresh.status).toBe(200);
      expect((await me(fresh.body.accessToken)).status).toBe(200);
    });

    it('disabling a user invalidates their tokens and refuses their login', async () => {
      const u = await newUser('disabled');
      const s = (await login(u.email, u.password)).body as Record<string, string>;
      const res = await patchUser(u.id, { status: 'disabled' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('disabled');
      expect((await me(s.accessToken)).status).toBe(401);
      expect((await refresh(s.refreshToken)).status).toBe(401);
      const denied = await login(u.email, u.password);
      expect(denied.status).toBe(401);
      expect(denied.body.code).toBe('INVALID_CREDENTIALS');
      expect(denied.body.accessToken).toBeUndefined();
    });
  });

  describe('audit and logs', () => {
    it('audits successful and failed logins', async () => {
      const ok = await login('officer2.kz@example.org');
      const id = ok.body.user.id as string;
      const before = await auditCount('auth.login', id);
      expect(before).toBeGreaterThanOrEqual(1);
      await login('officer2.kz@example.org');
      expect(await auditCount('auth.login', id)).toBe(before + 1);
      await login('officer2.kz@example.org', 'a-wrong-password');
      const failed: { actor_id: string | null; after: { reason: string } }[] = await t.dataSource.query(
        `SELECT actor_id, after FROM audit_event WHERE action = 'auth.login_failed' AND entity_id = $1`,
        [id],
      );
      expect(failed).toHaveLength(1);
      expect(failed[0].after.reason).toBe('wrong_password');
      expect(JSON.stringify(failed)).not.toContain('a-wrong-password');

      const ghost = `ghost-${randomBytes(3).toString('hex')}@example.org`;
      await login(ghost, 'ghost-password');
      const unknown: { after: Record<string, unknown> }[] = await t.dataSource.query(
        `SELECT after FROM audit_event WHERE action = 'auth.login_failed' AND entity_id IS NULL AND after->>'email' = $1`,
        [ghost],
      );
      expect(unknown).toHaveLength(1);
      expect(unknown[0].after.reason).toBe('unknown_email');
      expect(JSON.stringify(unknown)).not.toContain('ghost-password');
    });

    it('never logs a password or a refresh token', async () => {
      expect(t.logs.length).toBeGreaterThan(20);
      expect(t.logs.some((l) => l.includes('/api/v1/auth/login'))).toBe(true);
      expect(secrets.size).toBeGreaterThan(20);
      const all = t.logs.join('\n');
      for (const secret of secrets) expect(all.includes(secret) ? secret : null).toBeNull();
    });
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After on the 4th attempt within a minute', async () => {
    const statuses: number[] = [];
    for (const password of [PASSWORD(), 'wrong-password', PASSWORD()]) {
      statuses.push((await api(t).post('/auth/login', { email: 'finance@example.org', password })).status);
    }
    expect(statuses).toEqual([200, 401, 200]);
    const limited = await api(t).post('/auth/login', { email: 'finance@example.org', password: PASSWORD() });
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(limited.body.accessToken).toBeUndefined();
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // still limited for another account from the same address
    expect((await api(t).post('/auth/login', { email: 'auditor@example.org', password: PASSWORD() })).status).toBe(429);
  });
});

describe('write rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(() => t.close());

  it('limits writes per user to the configured number per minute, but not reads', async () => {
    const admin = await t.login('admin@example.org');
    const post = (month: string) => api(t).as(admin).post('/fx-rates', { currency: 'KZT', month, usdRate: '0.00195' });
    expect((await post('2031-01')).status).toBe(201);
    expect((await post('2031-02')).status).toBe(201);
    const third = await post('2031-03');
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('RATE_LIMITED');
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    expect((await api(t).as(admin).post('/auth/logout', {})).status).toBe(429);
    const rows: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM fx_rate WHERE month = '2031-03'`);
    expect(rows[0].n).toBe(0);

    for (let i = 0; i < 4; i++) {
      const res = await api(t).as(admin).get('/fx-rates?currency=KZT');
      expect(res.status).toBe(200);
    }
    // the count is per user: another user still has their own allowance
    const finance = await t.login('finance@example.org');
    expect((await api(t).as(finance).post('/auth/logout', {})).status).toBe(204);
  });
});
