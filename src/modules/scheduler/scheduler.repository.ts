import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MARK_SLA_BREACHES, RELEASE_LAPSED_CLAIMS } from '../applications/applications.sql.js';

@Injectable()
export class SchedulerRepository {
  /** Only one instance runs a job at a time: a transaction-level advisory lock, released at commit. */
  async tryJobLock(manager: EntityManager, key: number): Promise<boolean> {
    const [row]: { locked: boolean }[] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [key]);
    return row.locked;
  }

  /** Marks waiting applications past their SLA due time; returns those newly marked. */
  async markBreaches(manager: EntityManager, now: Date): Promise<{ id: string; reference: string; country: string; sla_due_at: Date }[]> {
    const [rows]: [{ id: string; reference: string; country: string; sla_due_at: Date }[], number] = await manager.query(
      MARK_SLA_BREACHES,
      [now],
    );
    return rows;
  }

  /** Puts claims idle since before `cutoff` back in the queue; returns what was released. */
  async releaseLapsed(
    manager: EntityManager,
    cutoff: Date,
  ): Promise<{ id: string; reference: string; claimed_by: string; claimed_at: Date }[]> {
    const rows: { id: string; reference: string; claimed_by: string; claimed_at: Date }[] = await manager.query(RELEASE_LAPSED_CLAIMS, [
      cutoff,
    ]);
    return rows;
  }
}
