import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { preparedQuery } from '../../common/database/prepared.js';
import type { Statement } from '../../common/database/transaction.js';
import { applicationEventInsert, guardedTransition, rowToApplication } from '../applications/applications.sql.js';
import type { Application } from '../applications/entities/application.entity.js';
import { auditEventInsert, auditEventParam, type PreparedAuditEvent } from '../audit/audit.sql.js';
import { type ApprovedAwardRow, approvedAwardInsert } from '../awards/awards.sql.js';
import { commitLedgerEntry, fundWithAvailable } from '../funds/funds.sql.js';

/** The message of `commitApproval`'s refusal (SQLSTATE EF409) when the fund no longer has the money; its detail is what the fund has. */
export const INSUFFICIENT_FUNDS = 'INSUFFICIENT_FUNDS';

export interface QueueRow {
  id: string;
  reference: string;
  urgency: string;
  country: string;
  organisation_id: string;
  total: string;
  currency: string;
  first_submitted_at: Date;
  last_submitted_at: Date;
  sla_due_at: Date;
  rank: number;
}

@Injectable()
export class ReviewsRepository {
  /**
   * A page of a country's queue: `submitted` applications, urgent first, then oldest submission first
   * (keyset on rank, last submission, id).
   */
  queuePage(
    manager: EntityManager,
    country: string,
    after: { rank: number; at: string; id: string } | null,
    limit: number,
  ): Promise<QueueRow[]> {
    const select = `SELECT id, reference, urgency, country, organisation_id, total::text AS total, currency, first_submitted_at, last_submitted_at, sla_due_at,
              CASE WHEN urgency = 'urgent' THEN 0 ELSE 1 END AS rank
         FROM application
        WHERE country = $1 AND status = 'submitted'`;
    const order = `ORDER BY CASE WHEN urgency = 'urgent' THEN 0 ELSE 1 END, last_submitted_at, id`;
    // two statements, so each page is a range scan of ix_application_queue from its first row
    if (!after) return preparedQuery(manager, 'ef_review_queue_first', `${select} ${order} LIMIT $2`, [country, limit]);
    return preparedQuery(
      manager,
      'ef_review_queue_after',
      `${select} AND (CASE WHEN urgency = 'urgent' THEN 0 ELSE 1 END, last_submitted_at, id) > ($2::int, $3::timestamptz, $4::uuid) ${order} LIMIT $5`,
      [country, after.rank, after.at, after.id, limit],
    );
  }

  /**
   * Moves an application from one status to another in one guarded statement (it applies only if the
   * application is in `from` and `guard` holds), with its history and audit events. Returns null when
   * nothing matched, so two officers claiming at once cannot both win.
   */
  async transition(
    manager: EntityManager,
    args: {
      id: string;
      from: string;
      to: string;
      claimedBy: string | null;
      countries: string[] | null;
      requireClaimant: string | null;
      action: string;
      comment: string | null;
      actor: { id: string; role: string };
      audit: PreparedAuditEvent;
      /** The clock's time: when a claim starts (the scheduler releases idle claims by the same clock). */
      at: Date;
      /** The version the caller read (null: any); another one leaves the application as it is. */
      version: number | null;
    },
  ): Promise<Application | null> {
    const rows: Record<string, unknown>[] = await preparedQuery(
      manager,
      'ef_review_transition',
      `WITH upd AS (${guardedTransition({ id: '$1', from: '$2', to: '$3', claimedBy: '$4', countries: '$5', requireClaimant: '$6', at: '$12', version: '$13' })}),
       event AS (${applicationEventInsert('upd', { action: '$7', fromStatus: '$2', toStatus: '$3', comment: '$8', actorId: '$9', actorRole: '$10' })}),
       audit AS (${auditEventInsert('$11', { from: 'upd', after: `jsonb_build_object('status', upd.status, 'claimedBy', upd.claimed_by)` })})
       SELECT * FROM upd`,
      [
        args.id,
        args.from,
        args.to,
        args.claimedBy,
        args.countries,
        args.requireClaimant,
        args.action,
        args.comment,
        args.actor.id,
        args.actor.role,
        auditEventParam(args.audit),
        args.at,
        args.version,
      ],
    );
    return rows[0] ? rowToApplication(rows[0]) : null;
  }

  /**
   * The last statement of the approval that makes an application approved, sent with the COMMIT
   * (`Transactions.runCommittingWith`): the fund locked only if `total` is available, the `commit`
   * ledger entry, the award with the next number and its pending letter, and the decision's audit
   * event. When the fund no longer has the money it raises `INSUFFICIENT_FUNDS` (SQLSTATE EF409,
   * `ef_refuse`) with what the fund has as the detail, so nothing is committed. Its row:
   * `approvedAward`.
   */
  commitApproval(args: {
    fundId: string;
    total: string;
    applicationId: string;
    memo: string | null;
    createdBy: string;
    award: ApprovedAwardRow;
    audit: PreparedAuditEvent;
  }): Statement {
    const values: unknown[] = [];
    const param = (value: unknown) => `$${values.push(value)}`;
    const fund = param(args.fundId);
    const total = param(args.total);
    const text = `WITH money AS (${fundWithAvailable(`${fund}::uuid`, total)}),
       ledger AS (${commitLedgerEntry('money', { amount: total, refId: `${param(args.applicationId)}::uuid`, memo: param(args.memo), createdBy: `${param(args.createdBy)}::uuid` })}),
       ${approvedAwardInsert('money', args.award, param)},
       audit AS (${auditEventInsert(param(auditEventParam(args.audit)))})
       SELECT award.id AS award_id, award.locked_at,
              CASE WHEN award.id IS NULL THEN ef_refuse('${INSUFFICIENT_FUNDS}', (SELECT available::text FROM fund WHERE id = ${fund}::uuid)) END AS refused
         FROM (SELECT 1) one LEFT JOIN award ON true`;
    return { text, values };
  }

  /** The award `commitApproval` committed, and when its statement held the fund (for the lock-hold metric). */
  approvedAward(rows: Record<string, unknown>[]): { awardId: string; lockedAt: Date } {
    return { awardId: rows[0].award_id as string, lockedAt: new Date(rows[0].locked_at as string) };
  }

  async isActiveOfficerOf(manager: EntityManager, userId: string, country: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM app_user WHERE id = $1 AND role = 'officer' AND status = 'active' AND $2 = ANY(countries)`,
      [userId, country],
    );
    return rows.length > 0;
  }

  /** Each active officer of the country: claimed now, decisions since `since`, claimed and overdue. */
  workload(
    manager: EntityManager,
    country: string,
    since: Date,
    now: Date,
  ): Promise<{ id: string; full_name: string; claimed: number; decided: number; overdue: number }[]> {
    return manager.query(
      `SELECT u.id, u.full_name,
              (SELECT count(*) FROM application a WHERE a.claimed_by = u.id AND a.status = 'in_review')::int AS claimed,
              (SELECT count(*) FROM application_event e
                WHERE e.actor_id = u.id AND e.action IN ('approve', 'second_approve', 'reject', 'request_info') AND e.created_at >= $2)::int AS decided,
              (SELECT count(*) FROM application a
                WHERE a.claimed_by = u.id AND a.status = 'in_review' AND a.sla_due_at < $3)::int AS overdue
         FROM app_user u
        WHERE u.role = 'officer' AND u.status = 'active' AND $1 = ANY(u.countries)
        ORDER BY u.full_name, u.id`,
      [country, since, now],
    );
  }
}
