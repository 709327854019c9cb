import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sendTogether, Transactions } from '../../src/common/database/transaction.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * `Transactions.runCommittingWith` sends the last statement with the COMMIT, its parameters written
 * in as literals: what it writes must be exactly what was given, a refusal must leave nothing
 * behind, and the connection must go back to the pool with no transaction open.
 */
describe('a transaction committed with its last statement', () => {
  let t: TestApp;
  let transactions: Transactions;

  beforeAll(async () => {
    t = await createTestApp();
    transactions = t.app.get(Transactions);
    await t.dataSource.query(
      'CREATE TABLE commit_probe (id serial PRIMARY KEY, label text, at timestamptz, tags jsonb, amount numeric(20,2))',
    );
  });
  afterAll(async () => {
    await t.dataSource.query('DROP TABLE commit_probe');
    await t.close();
  });

  /** A first statement that locks nothing. */
  const NOTHING = { text: 'SELECT 1', values: [] };

  const hostile = [
    `O'Brien`,
    `back\\slash and 'quote' and "double"`,
    `'); DROP TABLE commit_probe; --`,
    `$1 $2 $$ dollar $tag$`,
    'Айгерим Сейткали — қазақша',
    'line\nbreak\ttab',
  ];

  it('writes every value exactly as given, the statement before it in the same transaction', async () => {
    for (const label of hostile) {
      const at = new Date('2026-12-05T10:11:12.345Z');
      const { value, rows } = await transactions.runCommittingWith(
        { text: 'SELECT $1::text AS echo, $2::int AS n', values: [label, 7] },
        async (m, first) => {
          // the first statement went with the BEGIN: its literal came back as given
          expect(first).toEqual([{ echo: label, n: 7 }]);
          await m.query(`INSERT INTO commit_probe (label) VALUES ('before')`);
          return {
            value: 'done',
            last: {
              text: 'INSERT INTO commit_probe (label, at, tags, amount) VALUES ($1, $2, $3::jsonb, $4) RETURNING id, label, at, tags, amount::text AS amount',
              values: [label, at, JSON.stringify({ label, n: [1, null] }), '1234567890.05'],
            },
          };
        },
      );
      expect(value).toBe('done');
      expect(rows).toEqual([expect.objectContaining({ label, at, tags: { label, n: [1, null] }, amount: '1234567890.05' })]);
    }
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM commit_probe WHERE label = 'before'`);
    expect(n).toBe(hostile.length);
    const labels = (await t.dataSource.query('SELECT label FROM commit_probe WHERE at IS NOT NULL ORDER BY id')).map(
      (r: { label: string }) => r.label,
    );
    expect(labels).toEqual(hostile);

    // both statements ran as prepared statements, prepared once per connection whatever the values:
    // every pooled connection at once (each held by a sleep) lists what its session prepared
    const size = (t.dataSource.driver as unknown as { master: { options: { max: number } } }).master.options.max;
    const sessions: { prepared: { statement: string; runs: number }[] | null }[][] = await Promise.all(
      Array.from({ length: size }, () =>
        t.dataSource.query(
          `SELECT (SELECT json_agg(json_build_object('statement', statement, 'runs', generic_plans + custom_plans))
                     FROM pg_prepared_statements WHERE name LIKE 'ef\\_simple\\_%') AS prepared, pg_sleep(0.2)`,
        ),
      ),
    );
    const prepared = sessions.flatMap(([s]) => s.prepared ?? []);
    const runsOf = (start: string) => prepared.filter((p) => p.statement.includes(start)).reduce((n, p) => n + p.runs, 0);
    expect(runsOf('SELECT $1::text AS echo')).toBe(hostile.length);
    expect(runsOf('INSERT INTO commit_probe (label, at, tags, amount)')).toBe(hostile.length);
    for (const [s] of sessions) {
      const names = (s.prepared ?? []).map((p) => p.statement);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('a refusal of the last statement rolls back everything, and the connection comes back clean', async () => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM commit_probe'))[0].n;
    const refusal = transactions.runCommittingWith(NOTHING, async (m) => {
      await m.query(`INSERT INTO commit_probe (label) VALUES ('never')`);
      return {
        value: null,
        last: {
          text: `INSERT INTO commit_probe (label) SELECT $1 WHERE ef_refuse('NOPE', $2)`,
          values: ['never either', 'what was there'],
        },
      };
    });
    await expect(refusal).rejects.toMatchObject({ code: 'EF409', message: 'NOPE', detail: 'what was there' });
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM commit_probe'))[0].n).toBe(before);
    // every pooled connection is outside a transaction (a leaked one would answer 'active' here)
    const states = await Promise.all(Array.from({ length: 8 }, () => t.dataSource.query(`SELECT now() = statement_timestamp() AS fresh`)));
    expect(states.every(([r]) => r.fresh === true)).toBe(true);
  });

  it('without a last statement it commits as any transaction does', async () => {
    const { value, rows } = await transactions.runCommittingWith(NOTHING, async (m) => {
      await m.query(`INSERT INTO commit_probe (label) VALUES ('plain')`);
      return { value: 7, last: null };
    });
    expect({ value, rows }).toEqual({ value: 7, rows: null });
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM commit_probe WHERE label = 'plain'`))[0].n).toBe(1);
  });

  it('a failure of the first statement leaves nothing open', async () => {
    await expect(
      transactions.runCommittingWith({ text: `SELECT ef_refuse('FIRST', $1)`, values: ['x'] }, async () => ({ value: null, last: null })),
    ).rejects.toMatchObject({ code: 'EF409', message: 'FIRST' });
    const states = await Promise.all(Array.from({ length: 8 }, () => t.dataSource.query(`SELECT now() = statement_timestamp() AS fresh`)));
    expect(states.every(([r]) => r.fresh === true)).toBe(true);
  });

  it('refuses a statement that names a parameter it was not given', async () => {
    await expect(
      transactions.runCommittingWith(NOTHING, async () => ({ value: null, last: { text: 'SELECT $2', values: ['one'] } })),
    ).rejects.toThrow('no value for $2');
  });

  it('several statements per message: the first with the BEGIN, more in between, the last with the COMMIT, each seeing what came before', async () => {
    const label = `in messages: ${hostile[1]}`;
    const { value, rows } = await transactions.runInMessages(
      [
        { text: 'CREATE TEMP TABLE staged (label text) ON COMMIT DROP', values: [], inline: true },
        { text: 'INSERT INTO staged VALUES ($1), ($2)', values: [label, hostile[4]], inline: true },
        { text: 'SELECT count(*)::int AS n FROM staged', values: [], inline: true },
      ],
      async (m, first) => {
        expect(first).toEqual([[], [], [{ n: 2 }]]);
        const middle = await sendTogether(m, [
          { text: 'INSERT INTO commit_probe (label) SELECT label FROM staged RETURNING label', values: [], inline: true },
          { text: 'DROP TABLE staged', values: [], inline: true },
          { text: 'SELECT $1::int + 1 AS next', values: [41] },
        ]);
        expect(middle).toEqual([[{ label }, { label: hostile[4] }], [], [{ next: 42 }]]);
        return {
          value: 'ok',
          last: [
            { text: `UPDATE commit_probe SET amount = 1 WHERE label = $1 RETURNING label`, values: [label] },
            { text: `SELECT count(*)::int AS n FROM commit_probe WHERE amount = 1 AND label = $1`, values: [label] },
          ],
        };
      },
    );
    expect({ value, rows }).toEqual({ value: 'ok', rows: [[{ label }], [{ n: 1 }]] });
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM commit_probe WHERE label = $1 AND amount = 1', [label]))[0].n).toBe(1);
  });

  it('a failure in a message in between rolls back what every message wrote, and the connection comes back clean', async () => {
    const before = (await t.dataSource.query('SELECT count(*)::int AS n FROM commit_probe'))[0].n;
    const failing = transactions.runInMessages(
      [{ text: `INSERT INTO commit_probe (label) VALUES ('first')`, values: [], inline: true }],
      async (m) => {
        await sendTogether(m, [
          { text: `INSERT INTO commit_probe (label) VALUES ('middle')`, values: [], inline: true },
          { text: `SELECT ef_refuse('MIDDLE', $1)`, values: ['x'] },
          { text: `INSERT INTO commit_probe (label) VALUES ('never')`, values: [], inline: true },
        ]);
        return { value: null, last: [] };
      },
    );
    await expect(failing).rejects.toMatchObject({ code: 'EF409', message: 'MIDDLE' });
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM commit_probe'))[0].n).toBe(before);
    const states = await Promise.all(Array.from({ length: 8 }, () => t.dataSource.query(`SELECT now() = statement_timestamp() AS fresh`)));
    expect(states.every(([r]) => r.fresh === true)).toBe(true);
  });
});
