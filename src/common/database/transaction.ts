import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

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

  /** READ COMMITTED, PostgreSQL's default (naming it would cost a round trip per transaction); races are closed by row locks. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
