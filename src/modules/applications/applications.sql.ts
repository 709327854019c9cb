// SQL of the applications module that other modules run in their own statements: the review
// steps (claim, release, decide) and the scheduler's jobs change an application's status with its
// history event in one statement. Other modules import this file, never applications.repository.ts.
import { Application } from './entities/application.entity.js';

/** An `application` row as PostgreSQL returns it, mapped onto the entity. */
export function rowToApplication(r: Record<string, unknown>): Application {
  return Object.assign(new Application(), {
    id: r.id,
    reference: r.reference,
    organisationId: r.organisation_id,
    beneficiaryId: r.beneficiary_id,
    fundId: r.fund_id,
    country: r.country,
    currency: r.currency,
    status: r.status,
    urgency: r.urgency,
    language: r.language,
    justification: r.justification,
    stateSupport: r.state_support,
    total: r.total,
    approvedTotal: r.approved_total,
    firstSubmittedAt: r.first_submitted_at,
    lastSubmittedAt: r.last_submitted_at,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    slaDueAt: r.sla_due_at,
    claimedBy: r.claimed_by,
    claimedAt: r.claimed_at,
    infoRequestedAt: r.info_requested_at,
    slaBreachedAt: r.sla_breached_at,
    pausedSeconds: r.paused_seconds,
    firstApprovedBy: r.first_approved_by,
    firstApprovedAt: r.first_approved_at,
    conditions: r.conditions,
    decisionReasonCode: r.decision_reason_code,
    decisionComment: r.decision_comment,
    grossTurnaroundSeconds: r.gross_turnaround_seconds,
    netTurnaroundSeconds: r.net_turnaround_seconds,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  });
}

/**
 * Moves an application from one status to another, only if it is in `from` and the guards hold (the
 * caller's countries, unless null; the claimant, unless null; the version the caller read, unless null); a claim starts at `at`. Arguments are
 * SQL (parameter placeholders); returns the updated row (for a data-modifying CTE).
 */
export function guardedTransition(p: {
  id: string;
  from: string;
  to: string;
  claimedBy: string;
  countries: string;
  requireClaimant: string;
  at: string;
  /** the version the caller read, or NULL for any */
  version: string;
}): string {
  return `UPDATE application
            SET status = ${p.to}, claimed_by = ${p.claimedBy}, claimed_at = CASE WHEN ${p.claimedBy}::uuid IS NULL THEN NULL ELSE ${p.at}::timestamptz END,
                version = version + 1, updated_at = now()
          WHERE id = ${p.id} AND status = ${p.from}
            AND (${p.countries}::text[] IS NULL OR country = ANY(${p.countries}::text[]))
            AND (${p.requireClaimant}::uuid IS NULL OR claimed_by = ${p.requireClaimant}::uuid)
            AND (${p.version}::int IS NULL OR version = ${p.version}::int)
          RETURNING *`;
}

/** The history event of each application in `from` (a relation with `id`); the other arguments are SQL. */
export function applicationEventInsert(
  from: string,
  e: { action: string; fromStatus: string; toStatus: string; comment: string; actorId: string; actorRole: string },
): string {
  return `INSERT INTO application_event (application_id, action, from_status, to_status, comment, actor_id, actor_role)
         SELECT id, ${e.action}, ${e.fromStatus}, ${e.toStatus}, ${e.comment}, ${e.actorId}, ${e.actorRole} FROM ${from}`;
}

/** Marks waiting applications past their SLA due time (`$1`, now); returns those newly marked. */
export const MARK_SLA_BREACHES = `UPDATE application SET sla_breached_at = $1
        WHERE status IN ('submitted', 'in_review', 'pending_second_approval') AND sla_due_at < $1
          AND (sla_breached_at IS NULL OR sla_breached_at < sla_due_at)
        RETURNING id, reference, country, sla_due_at`;

/**
 * Puts claims idle since before `$1` back in the queue, with a `claim_lapsed` history event each
 * (skipping applications locked by a change in progress); returns what was released.
 */
export const RELEASE_LAPSED_CLAIMS = `WITH lapsed AS (
         SELECT id, claimed_by, claimed_at FROM application WHERE status = 'in_review' AND claimed_at < $1 FOR UPDATE SKIP LOCKED),
       upd AS (
         UPDATE application a SET status = 'submitted', claimed_by = NULL, claimed_at = NULL, version = a.version + 1, updated_at = now()
           FROM lapsed WHERE a.id = lapsed.id RETURNING a.id, a.reference),
       event AS (
         INSERT INTO application_event (application_id, action, from_status, to_status, comment)
         SELECT upd.id, 'claim_lapsed', 'in_review', 'submitted', 'The claim lapsed after the idle time' FROM upd)
       SELECT upd.id, upd.reference, lapsed.claimed_by, lapsed.claimed_at FROM upd JOIN lapsed ON lapsed.id = upd.id`;
