import { Injectable } from '@nestjs/common';
import pg from 'pg';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';

/** A statement with `$n` parameters and their values. */
export interface Statement {
  text: string;
  values: unknown[];
}

/** pg's own conversion of a parameter to its text form (dates, arrays, buffers, json), as the extended protocol sends it. */
const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): string | Buffer | null } }).utils.prepareValue;

/**
 * `statement` as one SQL text, its parameters written in as quoted literals by pg's own conversion
 * and escaping (an untyped literal, like an untyped parameter, takes the type its place asks for).
 */
function inlineParameters(statement: Statement): string {
  return statement.text.replace(/\$(\d+)\b/g, (_, n: string) => {
    if (Number(n) < 1 || Number(n) > statement.values.length) throw new Error(`no value for $${n}`);
    const value = prepareValue(statement.values[Number(n) - 1]);
    if (value === null) return 'NULL';
    if (Buffer.isBuffer(value)) throw new Error(`$${n}: binary values are not inlined`);
    return pg.escapeLiteral(value);
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
   * back. Both are sent by the simple protocol, their parameters written in as literals
   * (`inlineParameters`), so they are parsed each time. `work` gets the first statement's rows;
   * answers `work`'s value and the last statement's rows.
   */
  async runCommittingWith<T>(
    first: Statement,
    work: (manager: EntityManager, firstRows: Record<string, unknown>[]) => Promise<{ value: T; last: Statement | null }>,
  ): Promise<{ value: T; rows: Record<string, unknown>[] | null }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const client = (runner as unknown as { databaseConnection: pg.Client }).databaseConnection;
    try {
      // from here TypeORM's runner must roll back on any failure, as after its own startTransaction
      transactionState(runner, true);
      try {
        const begun = (await client.query(`START TRANSACTION;\n${inlineParameters(first)}`)) as unknown as pg.QueryResult[];
        const { value, last } = await work(runner.manager, begun[1].rows as Record<string, unknown>[]);
        if (!last) {
          await runner.commitTransaction();
          return { value, rows: null };
        }
        const results = (await client.query(`${inlineParameters(last)};\nCOMMIT`)) as unknown as pg.QueryResult[];
        transactionState(runner, false);
        return { value, rows: results[0].rows as Record<string, unknown>[] };
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
