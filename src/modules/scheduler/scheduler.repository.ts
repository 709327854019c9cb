import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

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
      `UPDATE application SET sla_breached_at = $1
        WHERE status IN ('submitted', 'in_review', 'pending_second_approval') AND sla_due_at < $1
          AND (sla_breached_at IS NULL OR sla_breached_at < sla_due_at)
        RETURNING id, reference, country, sla_due_at`,
      [now],
    );
    return rows;
  }

  /** Puts claims idle since before `cutoff` back in the queue; returns what was released. */
  async releaseLapsed(manager: EntityManager, cutoff: Date): Promise<{ id: string; reference: string; claimed_by: string; claimed_at: Date }[]> {
    const rows: { id: string; reference: string; claimed_by: string; claimed_at: Date }[] = await manager.query(
      `WITH lapsed AS (
         SELECT id, claimed_by, claimed_at FROM application WHERE status = 'in_review' AND claimed_at < $1 FOR UPDATE SKIP LOCKED),
       upd AS (
         UPDATE application a SET status = 'submitted', claimed_by = NULL, claimed_at = NULL, version = a.version + 1, updated_at = now()
           FROM lapsed WHERE a.id = lapsed.id RETURNING a.id, a.reference),
       event AS (
         INSERT INTO application_event (application_id, action, from_status, to_status, comment)
         SELECT upd.id, 'claim_lapsed', 'in_review', 'submitted', 'The claim lapsed after the idle time' FROM upd)
       SELECT upd.id, upd.reference, lapsed.claimed_by, lapsed.claimed_at FROM upd JOIN lapsed ON lapsed.id = upd.id`,
      [cutoff],
    );
    return rows;
  }
}
