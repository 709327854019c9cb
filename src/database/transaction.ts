import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** Runs a use case in one transaction; services own the transaction, repositories take its manager. */
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  /** READ COMMITTED, PostgreSQL's default (naming it would cost a round trip per transaction); races are closed by row locks. */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
