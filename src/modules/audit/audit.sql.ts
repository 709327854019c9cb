// SQL of the audit module that other modules' statements embed: the audit event written in the
// statement of the change. Other modules import this file, never audit.repository.ts.
import type { Statement } from '../../common/database/transaction.js';
import type { AuditEvent } from './entities/audit-event.entity.js';

/** An audit event ready to insert: the trigger adds its position and links. */
export type PreparedAuditEvent = Pick<
  AuditEvent,
  'chain' | 'occurredAt' | 'actorId' | 'actorRole' | 'action' | 'entityType' | 'entityId' | 'before' | 'after' | 'requestId'
>;

/**
 * SQL that inserts the prepared event passed as one jsonb parameter (`auditEventParam`); usable on
 * its own or as a data-modifying CTE of a larger statement (`audit AS (${auditEventInsert('$9')})`).
 */
export function auditEventInsert(param: string, sql: { from?: string; entityId?: string; before?: string; after?: string } = {}): string {
  // `sql` lets the enclosing statement supply the entity id and the snapshots from rows it has just
  // written, one event per row of `from` (the database hashes whatever ends up in the row)
  return `INSERT INTO audit_event (chain, occurred_at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id)
          SELECT r.chain, r.occurred_at, r.actor_id, r.actor_role, r.action, r.entity_type, ${sql.entityId ?? 'r.entity_id'}, ${sql.before ?? 'r.before'},
                 ${sql.after ?? 'r.after'}, r.request_id
            FROM ${sql.from ? `${sql.from}, ` : ''}jsonb_to_record(${param}::jsonb) AS r(chain smallint, occurred_at timestamptz, actor_id uuid,
                 actor_role text, action text, entity_type text, entity_id uuid, before jsonb, after jsonb, request_id text)`;
}

/** The prepared event as a statement of its own, to send in a message with others (`Transactions.runInMessages`). */
export function auditEventStatement(e: PreparedAuditEvent): Statement {
  return { text: auditEventInsert('$1'), values: [auditEventParam(e)] };
}

export function auditEventParam(e: PreparedAuditEvent): string {
  return JSON.stringify({
    chain: e.chain,
    occurred_at: e.occurredAt.toISOString(),
    actor_id: e.actorId,
    actor_role: e.actorRole,
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    before: e.before,
    after: e.after,
    request_id: e.requestId,
  });
}
