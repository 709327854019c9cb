import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import pg from 'pg';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';

/** A statement with `$n` parameters and their values. */
export interface Statement {
  text: string;
  values: unknown[];
  /**
   * Sent whole, its parameters written in, and planned on every call rather than prepared once per
   * connection: for DDL (which cannot be prepared) and for statements on a temporary table that the
   * same message creates (not there yet when the statement would be prepared).
   */
  inline?: boolean;
}

/** The rows of each statement of a message, in order. */
export type MessageRows = Record<string, unknown>[][];

/** pg's own conversion of a parameter to its text form (dates, arrays, buffers, json), as the extended protocol sends it. */
const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): string | Buffer | null } }).utils.prepareValue;

/** `value` as an SQL literal, by pg's own conversion and escaping (untyped: it takes the type its place asks for). */
function literal(value: unknown, n: number): string {
  const text = prepareValue(value);
  if (text === null) return 'NULL';
  if (Buffer.isBuffer(text)) throw new Error(`$${n}: binary values are not inlined`);
  return pg.escapeLiteral(text);
}

/** Distinct texts prepared at most (the service has a handful). */
const MAX_PREPARED_TEXTS = 100;

/** How many parameters each prepared statement's text names (its highest `$n`), by name. */
const parameterCounts = new Map<string, number>();

/** The statements each connection has prepared (`PREPARE`), by name; a new connection starts with none. */
const preparedOn = new WeakMap<pg.Client, Set<string>>();

/**
 * `statement` as one SQL text for the simple protocol: `EXECUTE` of a server-side prepared statement
 * named after the hash of its text, its parameters written in as literals. PostgreSQL parses and plans
 * it once per connection rather than on every call (planning the approval's last statement took
 * longer than running it). The first use on a connection prepares it in a round trip of its own;
 * `PREPARE` is not undone by a rollback, so a statement prepared stays prepared.
 */
async function executable(client: pg.Client, statement: Statement): Promise<string> {
  if (statement.inline) return inlineParameters(statement);
  const name = `ef_simple_${createHash('sha256').update(statement.text).digest('hex').slice(0, 32)}`;
  let wanted = parameterCounts.get(name);
  if (wanted === undefined) {
    // a caller that built its text from data would prepare without end: past the cap, texts are sent whole
    if (parameterCounts.size >= MAX_PREPARED_TEXTS) return inlineParameters(statement);
    parameterCounts.set(name, (wanted = Math.max(0, ...[...statement.text.matchAll(/\$(\d+)\b/g)].map((m) => Number(m[1])))));
  }
  if (wanted > statement.values.length) throw new Error(`no value for $${wanted}`);
  let names = preparedOn.get(client);
  if (!names) preparedOn.set(client, (names = new Set()));
  if (!names.has(name)) {
    await client.query(`PREPARE ${name} AS ${statement.text}`);
    names.add(name);
  }
  return statement.values.length ? `EXECUTE ${name}(${statement.values.map((v, i) => literal(v, i + 1)).join(', ')})` : `EXECUTE ${name}`;
}

/**
 * The statements in one message of the simple protocol (`executable` each), between `begin` and
 * `end` if given (START TRANSACTION, COMMIT): one round trip. PostgreSQL runs them in order, each
 * seeing what the ones before it wrote, and skips the rest after one fails. Answers each statement's rows.
 */
async function sendMessage(
  client: pg.Client,
  statements: Statement[],
  around: { begin?: string; end?: string } = {},
): Promise<MessageRows> {
  const texts: string[] = [];
  for (const statement of statements) texts.push(await executable(client, statement));
  const all = [...(around.begin ? [around.begin] : []), ...texts, ...(around.end ? [around.end] : [])];
  const result = (await client.query(all.join(';\n'))) as unknown as pg.QueryResult | pg.QueryResult[];
  const results = Array.isArray(result) ? result : [result];
  return results.slice(around.begin ? 1 : 0, (around.begin ? 1 : 0) + statements.length).map((r) => r.rows as Record<string, unknown>[]);
}

/** `sendMessage` on the connection of `manager` (in its transaction, if one is open). */
export function sendTogether(manager: EntityManager, statements: Statement[]): Promise<MessageRows> {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('sendTogether needs the manager of a query runner');
  return sendMessage((runner as unknown as { databaseConnection: pg.Client }).databaseConnection, statements);
}

/** `statement` as one SQL text, its parameters written in as literals: parsed and planned on every call. */
function inlineParameters(statement: Statement): string {
  return statement.text.replace(/\$(\d+)\b/g, (_, n: string) => {
    if (Number(n) < 1 || Number(n) > statement.values.length) throw new Error(`no value for $${n}`);
    return literal(statement.values[Number(n) - 1], Number(n));
  });
}

/** Runs a use case in one transaction; services own the transaction, repositories take its manager. */
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * For a use case that is a single statement (atomic on its own): a connection without BEGIN and
   * COMMIT, two round trips fewer.
   */
  async singleStatement<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      return await work(runner.manager);
    } finally {
      await runner.release();
    }
  }

  /**
   * A transaction whose first statement goes to PostgreSQL in one message with the BEGIN, and whose
   * last statement goes in one message with the COMMIT (`work` answers it, or null to commit
   * without one): whatever the last statement locks is held for its own execution and the commit
   * only, with no round trip to the service and no wait for its event loop in between. The last
   * statement refuses by raising an error: the COMMIT then never runs and the transaction rolls
   * back. Both are sent by the simple protocol as `EXECUTE` of a statement prepared once per
   * connection, their parameters written in as literals (`executable`). `work` gets the first statement's rows;
   * answers `work`'s value and the last statement's rows.
   */
  async runCommittingWith<T>(
    first: Statement,
    work: (manager: EntityManager, firstRows: Record<string, unknown>[]) => Promise<{ value: T; last: Statement | null }>,
  ): Promise<{ value: T; rows: Record<string, unknown>[] | null }> {
    const { value, rows } = await this.runInMessages([first], async (manager, [firstRows]) => {
      const done = await work(manager, firstRows);
      return { value: done.value, last: done.last ? [done.last] : [] };
    });
    return { value, rows: rows.length ? rows[0] : null };
  }

  /**
   * `runCommittingWith` for several statements: the `first` go in one message with the BEGIN, the
   * `last` that `work` answers in one message with the COMMIT (none: a COMMIT of its own), and `work`
   * may send more in one message each (`sendTogether`) or use the manager. A statement that fails stops
   * the message and the transaction rolls back. Answers `work`'s value and the last statements' rows.
   */
  async runInMessages<T>(
    first: Statement[],
    work: (manager: EntityManager, firstRows: MessageRows) => Promise<{ value: T; last: Statement[] }>,
  ): Promise<{ value: T; rows: MessageRows }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const client = (runner as unknown as { databaseConnection: pg.Client }).databaseConnection;
    try {
      // from here TypeORM's runner must roll back on any failure, as after its own startTransaction
      transactionState(runner, true);
      try {
        const begun = await sendMessage(client, first, { begin: 'START TRANSACTION' });
        const { value, last } = await work(runner.manager, begun);
        if (!last.length) {
          await runner.commitTransaction();
          return { value, rows: [] };
        }
        const rows = await sendMessage(client, last, { end: 'COMMIT' });
        transactionState(runner, false);
        return { value, rows };
      } catch (error) {
        // after a failed COMMIT PostgreSQL has already ended it; ROLLBACK then only warns
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        throw error;
      }
    } finally {
      await runner.release();
    }
  }

  /** READ COMMITTED, PostgreSQL's default (naming it would cost a round trip per transaction); races are closed by row locks. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}

/** Tells TypeORM's runner that a transaction of ours started (so it rolls back on failure) or was committed. */
function transactionState(runner: QueryRunner, active: boolean): void {
  Object.assign(runner, { isTransactionActive: active, transactionDepth: active ? 1 : 0 });
}
