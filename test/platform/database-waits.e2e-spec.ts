import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { approvedAward } from '../helpers/flows.js';
import { api } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * DATABASE_WAIT_SECONDS: a request never waits for the database without end. A row held by someone
 * else, or a pool with no free connection, makes it answer 503 DATABASE_BUSY with Retry-After; its
 * transaction is rolled back, so the retry (same Idempotency-Key) goes through once the way is clear.
 */
describe('database waits', () => {
  let t: TestApp;
  let finance: string;

  beforeAll(async () => {
    t = await createTestApp({ DATABASE_WAIT_SECONDS: '1', DATABASE_POOL_SIZE: '3' });
    finance = await t.login('finance@example.org');
  });
  afterAll(() => t.close());

  const pay = (awardId: string, key: string) =>
    api(t).as(finance).post('/disbursements', { awardId, amount: '100.00', method: 'bank_transfer', payee: null }, { idempotencyKey: key });
  const tranches = async (awardId: string) =>
    Number((await t.dataSource.query('SELECT count(*)::int AS n FROM disbursement WHERE award_id = $1', [awardId]))[0].n);

  it('answers 503 with Retry-After when a row it needs stays locked, writes nothing, and the retry succeeds', async () => {
    const { award } = await approvedAward(t);
    const holder = new pg.Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM award WHERE id = $1 FOR UPDATE', [award.id]);
      const key = randomUUID();
      const started = Date.now();
      const busy = await pay(award.id, key);
      expect(busy.status).toBe(503);
      expect(busy.headers['retry-after']).toBe('1');
      expect(busy.body).toMatchObject({ code: 'DATABASE_BUSY', error: 'Service Unavailable' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900); // it waited for the lock, then gave up
      expect(await tranches(award.id)).toBe(0);
      expect((await t.dataSource.query('SELECT count(*)::int AS n FROM idempotency_key WHERE key = $1', [key]))[0].n).toBe(0);
      await holder.query('COMMIT');
      const retried = await pay(award.id, key);
      expect(retried.status).toBe(201);
      expect(await tranches(award.id)).toBe(1);
    } finally {
      await holder.end();
    }
  });

  it('answers 503 when no pool connection becomes free in time, and serves again once one does', async () => {
    const { award } = await approvedAward(t);
    const held = await Promise.all(
      [1, 2, 3].map(async () => {
        const runner = t.dataSource.createQueryRunner();
        await runner.connect();
        return runner;
      }),
    );
    try {
      const busy = await pay(award.id, randomUUID());
      expect(busy.status).toBe(503);
      expect(busy.body.code).toBe('DATABASE_BUSY');
    } finally {
      await Promise.all(held.map((r) => r.release()));
    }
    expect(await tranches(award.id)).toBe(0);
    expect((await pay(award.id, randomUUID())).status).toBe(201);
  });
});
