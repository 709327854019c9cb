import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** Issue 16, point 5: limits count the real client, across every instance on the database. */
describe('proxy and shared limits', () => {
  let one: TestApp;
  let two: TestApp;
  let untrusting: TestApp;
  const attempt = (t: TestApp, from: string) =>
    api(t).post('/auth/login', { email: 'nobody@example.org', password: 'whatever-it-is' }).set('X-Forwarded-For', from);

  beforeAll(async () => {
    one = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    two = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' }, { databaseUrl: one.databaseUrl });
    untrusting = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '10.9.9.9' }, { databaseUrl: one.databaseUrl });
  });
  // closing one instance can break the others' driver: all at the end
  afterAll(async () => {
    await untrusting.close();
    await two.close();
    await one.close();
  });

  it('counts one client across two instances on one database', async () => {
    const from = '198.51.100.20';
    expect((await attempt(one, from)).status).toBe(401);
    expect((await attempt(two, from)).status).toBe(401);
    expect((await attempt(one, from)).status).toBe(401);
    const fourth = await attempt(two, from);
    expect(fourth.status).toBe(429);
    expect(fourth.body.code).toBe('RATE_LIMITED');
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    // another client behind the same (trusted) proxy has its own count
    expect((await attempt(one, '198.51.100.21')).status).toBe(401);
    // Nest's static logger writes through the last app created: look in every instance's log
    expect([...one.logs, ...two.logs, ...untrusting.logs].filter((l) => l.includes('rate_limit.refused'))).toHaveLength(1);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    // the test client is on loopback, which this instance does not trust: every header is ignored and
    // all attempts count against the one real address
    for (let i = 0; i < 3; i++) expect((await attempt(untrusting, `192.0.2.${i + 50}`)).status).toBe(401);
    expect((await attempt(untrusting, '192.0.2.99')).status).toBe(429);
  });
});
