import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { FxRate } from './entities/fx-rate.entity.js';

@Injectable()
export class FxRatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByCurrencyAndMonth(manager: EntityManager, currency: string, month: string): Promise<FxRate | null> {
    return manager.getRepository(FxRate).findOneBy({ currency, month });
  }

  insert(manager: EntityManager, fields: Partial<FxRate>): Promise<FxRate> {
    const repo = manager.getRepository(FxRate);
    return repo.save(repo.create(fields));
  }

  listQuery(filter: { currency?: string; month?: string }) {
    const qb = this.dataSource.getRepository(FxRate).createQueryBuilder('r');
    if (filter.currency) qb.andWhere('r.currency = :currency', { currency: filter.currency });
    if (filter.month) qb.andWhere('r.month = :month', { month: filter.month });
    return qb;
  }
}
