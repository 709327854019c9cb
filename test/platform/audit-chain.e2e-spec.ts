import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { jsonbText } from '../../src/modules/audit/domain/audit-chain.js';
import { api } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('audit hash chain in the database', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin@example.org');
  });
  afterAll(() => t.close());

  const verify = async () => (await api(t).as(admin).get('/audit-events/verify').expect(200)).body;

  it('keeps every chain unbroken, with consecutive positions, under concurrent writes', async () => {
    const months = Array.from({ length: 20 }, (_, i) => `2031-${String((i % 12) + 1).padStart(2, '0')}`);
    const currencies = ['KZT', 'KGS'];
    const results = await Promise.all(
      months.map((month, i) =>
        api(t)
          .as(admin)
          .post('/fx-rates', { currency: currencies[Math.floor(i / 12)], month, usdRate: '0.0019' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const rows: { chain: number; chain_seq: string }[] = await t.dataSource.query(
      'SELECT chain, chain_seq FROM audit_event ORDER BY chain, chain_seq',
    );
    const byChain = new Map<number, number[]>();
    for (const r of rows) byChain.set(r.chain, [...(byChain.get(r.chain) ?? []), Number(r.chain_seq)]);
    expect(byChain.size).toBeGreaterThan(1); // concurrent transactions spread over several chains
    for (const positions of byChain.values()) expect(positions).toEqual(positions.map((_, i) => i + 1));
    expect(await verify()).toEqual({ valid: true, checked: rows.length, chains: 64, brokenAt: null });
  });

  it('links many events of one transaction (one at a time, none, hundreds in one statement, savepoints rolled back) and leaves the head at the last', async () => {
    const insert = (
      n: number,
    ) => `INSERT INTO audit_event (chain, occurred_at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id)
      SELECT 7, now(), NULL, 'finance', 'test.bulk', 'test', gen_random_uuid(), NULL, jsonb_build_object('n', g), 'bulk' FROM generate_series(1, ${n}) g`;
    const [{ start, head }] = await t.dataSource.query(
      'SELECT chain_seq::int AS start, hash AS head FROM audit_chain_head WHERE chain = 7',
    );
    const client = new pg.Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      // a value for the running head that this transaction did not write is ignored; so is the first event of a savepoint rolled back
      await client.query(`SET ef.audit_head_7 = '1 999 ${'f'.repeat(64)}'`);
      for (const sql of [
        'BEGIN',
        'SAVEPOINT first',
        insert(3),
        'ROLLBACK TO SAVEPOINT first',
        insert(1),
        insert(0),
        insert(500),
        'SAVEPOINT partial',
        insert(10),
        'ROLLBACK TO SAVEPOINT partial',
        insert(2),
        'COMMIT',
      ]) {
        await client.query(sql);
      }
    } finally {
      await client.end();
    }
    const rows: { chain_seq: number; prev_hash: string; hash: string }[] = await t.dataSource.query(
      `SELECT chain_seq::int, prev_hash, hash FROM audit_event WHERE chain = 7 AND chain_seq > $1 ORDER BY chain_seq`,
      [start],
    );
    expect(rows.map((r) => r.chain_seq)).toEqual(Array.from({ length: 503 }, (_, i) => start + i + 1)); // the rolled-back events left no gap
    expect(rows[0].prev_hash).toBe(head); // linked to the real head, not to the value set by hand
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(await t.dataSource.query('SELECT chain_seq::int, hash FROM audit_chain_head WHERE chain = 7')).toEqual([
      { chain_seq: start + 503, hash: rows.at(-1)!.hash },
    ]);
    expect((await verify()).valid).toBe(true);
  });

  it('shows tampering done behind the application’s back (triggers disabled by a superuser)', async () => {
    const [target]: { seq: string; chain: number; chain_seq: string }[] = await t.dataSource.query(
      `SELECT seq, chain, chain_seq FROM audit_event WHERE action = 'fx_rate.create' ORDER BY seq LIMIT 1`,
    );
    await t.dataSource.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
    try {
      await t.dataSource.query(`UPDATE audit_event SET after = jsonb_set(after, '{usdRate}', '"9.99"') WHERE seq = $1`, [target.seq]);
    } finally {
      await t.dataSource.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
    }
    expect(await verify()).toMatchObject({ valid: false, brokenAt: { chain: target.chain, chainSeq: target.chain_seq, seq: target.seq } });
  });

  it('writes jsonb text exactly as PostgreSQL does, so anyone can recompute the content hashes', async () => {
    const samples = [
      {
        b: 1,
        a: { dd: 2, c: [1, 'x', null, true, false] },
        aa: 'q"uo\\te\n\t\u0001 é Қ 😀',
        z: -12.5,
        e: {},
        f: [],
        ab: 0.1,
        big: 123456789012,
      },
      { é: 1, e: 2, ea: 3, Z: 4, a: 5, '\u007f': 6, ä: 7 },
      { occurredAt: '2026-11-23T10:00:00.123Z', actorId: null, after: { items: [{ amount: '1.00', description: 'Паспорт, oʻgʻil' }] } },
    ];
    for (const sample of samples) {
      const [{ t: text }]: { t: string }[] = await t.dataSource.query('SELECT $1::jsonb::text AS t', [JSON.stringify(sample)]);
      expect(jsonbText(sample)).toBe(text);
    }
  });
});
