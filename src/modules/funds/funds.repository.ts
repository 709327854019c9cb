import { Injectable } from '@nestjs/common';
import { lockRow } from '../../common/database/row-lock.js';
import { DataSource, type EntityManager } from 'typeorm';
import { formatMinor, toMinor } from '../../common/money/money.js';
import { balancesFrom, type LedgerBalances, type LedgerDeltas, type LedgerKind } from './domain/ledger.js';
import { FundLedgerEntry } from './entities/fund-ledger-entry.entity.js';
import { Fund } from './entities/fund.entity.js';

@Injectable()
export class FundsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Fund | null> {
    return manager.getRepository(Fund).findOneBy({ id });
  }

  /**
   * `SELECT … FOR NO KEY UPDATE` on the fund: every money movement of a fund takes this lock first,
   * and two of them never hold it at once. NO KEY, because a row that only points at the fund (a new
   * draft's foreign key check takes KEY SHARE) must not wait for it: a draft statement holds its audit
   * chain while it checks its keys, and an approval holding the fund waits for an audit chain at its
   * end, so with FOR UPDATE the two deadlocked when they drew the same chain (found by the load test).
   */
  lockFundForUpdate(manager: EntityManager, id: string): Promise<Fund | null> {
    return lockRow(manager, Fund, id);
  }

  /** Serialises fund creation per country so the period-overlap check cannot race. */
  async lockCountry(manager: EntityManager, country: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('fund-country:' || $1))`, [country]);
  }

  overlappingFund(manager: EntityManager, country: string, start: string, end: string, exceptId?: string): Promise<Fund | null> {
    const qb = manager
      .getRepository(Fund)
      .createQueryBuilder('f')
      .where('f.country = :country AND f.periodStart <= :end AND f.periodEnd >= :start', { country, start, end });
    if (exceptId) qb.andWhere('f.id <> :exceptId', { exceptId });
    return qb.getOne();
  }

  /** The open fund of a country whose period includes the day. */
  openFundOn(manager: EntityManager, country: string, day: string): Promise<Fund | null> {
    return manager
      .getRepository(Fund)
      .createQueryBuilder('f')
      .where(`f.country = :country AND f.status = 'open' AND f.periodStart <= :day AND f.periodEnd >= :day`, { country, day })
      .orderBy('f.periodStart', 'DESC')
      .getOne();
  }

  create(manager: EntityManager, fields: Partial<Fund>): Fund {
    return manager.getRepository(Fund).create(fields);
  }

  save(manager: EntityManager, fund: Fund): Promise<Fund> {
    return manager.getRepository(Fund).save(fund);
  }

  listQuery(filter: { country?: string; status?: string; countries: string[] | null }) {
    const qb = this.dataSource.getRepository(Fund).createQueryBuilder('f');
    if (filter.country) qb.andWhere('f.country = :country', { country: filter.country });
    if (filter.status) qb.andWhere('f.status = :status', { status: filter.status });
    if (filter.countries) qb.andWhere('f.country IN (:...countries)', { countries: filter.countries.length ? filter.countries : ['--'] });
    return qb;
  }

  async appendLedgerEntry(
    manager: EntityManager,
    entry: {
      fundId: string;
      kind: LedgerKind;
      deltas: LedgerDeltas;
      refType?: string;
      refId?: string;
      reversesId?: string;
      memo?: string;
      createdBy: string | null;
    },
  ): Promise<FundLedgerEntry> {
    const repo = manager.getRepository(FundLedgerEntry);
    return repo.save(
      repo.create({
        fundId: entry.fundId,
        kind: entry.kind,
        budgetDelta: formatMinor(entry.deltas.budget),
        committedDelta: formatMinor(entry.deltas.committed),
        disbursedDelta: formatMinor(entry.deltas.disbursed),
        refType: entry.refType ?? null,
        refId: entry.refId ?? null,
        reversesId: entry.reversesId ?? null,
        memo: entry.memo ?? null,
        createdBy: entry.createdBy,
      }),
    );
  }

  /** The last entry of `kind` about `refId` that no `reverse` entry cancels yet. */
  latestUnreversed(manager: EntityManager, kind: LedgerKind, refId: string): Promise<FundLedgerEntry | null> {
    return manager
      .getRepository(FundLedgerEntry)
      .createQueryBuilder('e')
      .where('e.kind = :kind AND e.refId = :refId', { kind, refId })
      .andWhere(`NOT EXISTS (SELECT 1 FROM fund_ledger_entry r WHERE r.reverses_id = e.id)`)
      .orderBy('e.seq', 'DESC')
      .getOne();
  }

  /** Balances of each fund, summed from its ledger entries (exact numeric sums in PostgreSQL). */
  async balances(fundIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, LedgerBalances>> {
    const result = new Map<string, LedgerBalances>();
    if (!fundIds.length) return result;
    const rows: { fund_id: string; budget: string; committed: string; disbursed: string }[] = await manager.query(
      `SELECT fund_id, COALESCE(SUM(budget_delta), 0)::text AS budget, COALESCE(SUM(committed_delta), 0)::text AS committed,
              COALESCE(SUM(disbursed_delta), 0)::text AS disbursed
         FROM fund_ledger_entry WHERE fund_id = ANY($1::uuid[]) GROUP BY fund_id`,
      [fundIds],
    );
    for (const id of fundIds) result.set(id, balancesFrom({ budget: 0n, committed: 0n, disbursed: 0n }));
    for (const r of rows) {
      result.set(r.fund_id, balancesFrom({ budget: toMinor(r.budget), committed: toMinor(r.committed), disbursed: toMinor(r.disbursed) }));
    }
    return result;
  }

  ledgerQuery(fundId: string) {
    return this.dataSource.getRepository(FundLedgerEntry).createQueryBuilder('l').where('l.fundId = :fundId', { fundId });
  }
}
