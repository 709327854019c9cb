import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { lockRow } from '../../common/database/row-lock.js';
import { awardNumbers } from '../awards/awards.sql.js';
import { FollowUp, OVERDUE_AFTER_DAYS } from './entities/follow-up.entity.js';

@Injectable()
export class FollowUpsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The 3- and 6-month follow-ups of every closed award that has none yet, due that long after its
   * last payment (the bank's booking day of it). The unique (award, milestone) index makes a second run (or a second instance)
   * add nothing.
   */
  async createDue(manager: EntityManager): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO follow_up (award_id, organisation_id, country, milestone, due_on, version)
       SELECT a.id, a.organisation_id, a.country, m.milestone, p.last_paid + m.months * interval '1 month', 1
         FROM award a
         JOIN LATERAL (SELECT max(paid_on) AS last_paid FROM disbursement WHERE award_id = a.id AND status = 'paid') p ON p.last_paid IS NOT NULL
        CROSS JOIN (VALUES ('3m', 3), ('6m', 6)) AS m(milestone, months)
        WHERE a.status = 'closed' AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.award_id = a.id AND f.milestone = m.milestone)
       ON CONFLICT (award_id, milestone) DO NOTHING
       RETURNING id`,
    );
    return rows.length;
  }

  /** Follow-ups that fell due and were not announced yet, now marked announced. */
  async takeNewlyDue(
    manager: EntityManager,
    today: string,
  ): Promise<{ id: string; organisation_id: string; application_id: string; number: string; milestone: string; due_on: string }[]> {
    const rows: [
      { id: string; organisation_id: string; application_id: string; number: string; milestone: string; due_on: string }[],
      number,
    ] = await manager.query(
      `WITH due AS (
         UPDATE follow_up SET notified = true WHERE due_on <= $1::date AND NOT notified AND completed_at IS NULL
         RETURNING id, organisation_id, award_id, milestone, to_char(due_on, 'YYYY-MM-DD') AS due_on)
       SELECT d.id, d.organisation_id, a.application_id, a.number, d.milestone, d.due_on FROM due d JOIN award a ON a.id = d.award_id`,
      [today],
    );
    return rows as unknown as {
      id: string;
      organisation_id: string;
      application_id: string;
      number: string;
      milestone: string;
      due_on: string;
    }[];
  }

  findById(id: string): Promise<FollowUp | null> {
    return this.dataSource.getRepository(FollowUp).findOneBy({ id });
  }

  lock(manager: EntityManager, id: string): Promise<FollowUp | null> {
    return lockRow(manager, FollowUp, id);
  }

  async complete(manager: EntityManager, id: string, outcome: Partial<FollowUp>): Promise<void> {
    await manager.getRepository(FollowUp).update({ id }, { ...outcome, version: () => 'version + 1' });
  }

  awardNumbers(ids: string[]): Promise<Map<string, string>> {
    return awardNumbers(this.dataSource.manager, ids);
  }

  listQuery(filter: { organisationId?: string; countries: string[] | null; status?: string; awardId?: string; today: string }) {
    const qb = this.dataSource.getRepository(FollowUp).createQueryBuilder('f');
    if (filter.organisationId) qb.andWhere('f.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.countries) qb.andWhere('f.country = ANY(:countries)', { countries: filter.countries });
    if (filter.awardId) qb.andWhere('f.awardId = :awardId', { awardId: filter.awardId });
    const today = { today: filter.today, overdueDays: OVERDUE_AFTER_DAYS };
    if (filter.status === 'due') qb.andWhere('f.completedAt IS NULL AND f.dueOn <= :today', today);
    if (filter.status === 'overdue') qb.andWhere(`f.completedAt IS NULL AND f.dueOn < :today::date - :overdueDays::int`, today);
    if (filter.status === 'upcoming') qb.andWhere('f.completedAt IS NULL AND f.dueOn > :today', today);
    if (filter.status === 'completed') qb.andWhere('f.completedAt IS NOT NULL');
    return qb;
  }
}
