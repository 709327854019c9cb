import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pooledPreparedQuery } from '../../common/database/prepared.js';
import { lockRow } from '../../common/database/row-lock.js';
import type { Statement } from '../../common/database/transaction.js';
import { auditEventInsert, auditEventParam, type PreparedAuditEvent } from '../audit/audit.sql.js';
import { CLAIM_TRANCHES_FOR_BATCH, SEND_BATCH_TRANCHES } from '../disbursements/disbursements.sql.js';
import type { Payee } from '../disbursements/entities/disbursement.entity.js';
import { PaymentBatch } from './entities/payment-batch.entity.js';

/** What a batch's answer shows of a line. */
export interface BatchLineSummary {
  id: string;
  payment_reference: string;
  amount: string;
  status: string;
  award_number: string;
}

/** A line of the bank file: the tranche, its award's number, and the payee (its supplier, or its NGO with the account on file). */
export interface BatchLine extends BatchLineSummary {
  currency: string;
  method: string;
  payee: Payee;
  payee_iban_enc: string | null;
  organisation_id: string;
  organisation_name: string;
  organisation_account_enc: string | null;
}

const LINE_SELECT = `SELECT d.id, d.payment_reference, d.amount::text AS amount, d.currency, d.method, d.status, d.payee, d.payee_iban_enc,
              d.organisation_id, a.number AS award_number, o.name AS organisation_name, o.bank_account_enc AS organisation_account_enc`;

@Injectable()
export class PaymentBatchesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A new batch's first statement: the batch row, and the scheduled disbursements it claims, each
   * only if it is in no batch yet (one guarded statement, so two batches racing for a disbursement
   * cannot both get it). Its figures come with `setFigures`. Rows: BatchLine, the claimed lines.
   */
  insertClaiming(batch: { id: string; createdBy: string }, disbursementIds: string[]): Statement {
    return {
      text: `WITH batch AS (INSERT INTO payment_batch (id, currency, status, count, total, created_by, version) VALUES ($1, 'XXX', 'open', 0, 0, $3, 1) RETURNING id),
            claimed AS (${CLAIM_TRANCHES_FOR_BATCH})
       ${LINE_SELECT} FROM claimed d JOIN award a ON a.id = d.award_id JOIN organisation o ON o.id = d.organisation_id
       ORDER BY d.payment_reference`,
      values: [batch.id, disbursementIds, batch.createdBy],
    };
  }

  /** A new batch's last statement: its currency, count and total, and its audit event (prepared by the service). */
  setFigures(id: string, figures: Pick<PaymentBatch, 'currency' | 'count' | 'total'>, audit: PreparedAuditEvent): Statement {
    return {
      text: `WITH upd AS (UPDATE payment_batch SET currency = $2, count = $3, total = $4, version = version + 1, updated_at = now() WHERE id = $1 RETURNING id),
            audit AS (${auditEventInsert('$5', { from: 'upd' })})
       SELECT id FROM upd`,
      values: [id, figures.currency, figures.count, figures.total, auditEventParam(audit)],
    };
  }

  /** Why each of these disbursements cannot go into a batch (for the 409). */
  async refusals(
    manager: EntityManager,
    ids: string[],
  ): Promise<{ id: string; status: string; method: string; batch_id: string | null }[]> {
    return manager.query('SELECT id, status, method, batch_id FROM disbursement WHERE id = ANY($1::uuid[])', [ids]);
  }

  /**
   * Exporting a batch, its first statements: the batch marked exported (from the first download on
   * the bank may have the file) and its lines. Rows: the batch's creation time, none when there is
   * no such batch; then BatchLine, in payment reference order.
   */
  exporting(id: string, at: Date): Statement[] {
    return [
      {
        text: 'UPDATE payment_batch SET exported_at = COALESCE(exported_at, $2) WHERE id = $1 RETURNING created_at',
        values: [id, at],
      },
      {
        text: `${LINE_SELECT} FROM disbursement d JOIN award a ON a.id = d.award_id JOIN organisation o ON o.id = d.organisation_id
                WHERE d.batch_id = $1 ORDER BY d.payment_reference`,
        values: [id],
      },
    ];
  }

  /** The batch and its lines in payment reference order (what a batch's answer shows of them), in one statement. */
  async withLines(id: string): Promise<{ batch: PaymentBatch; lines: BatchLineSummary[] } | null> {
    const [row] = await pooledPreparedQuery<PaymentBatch & { lines: BatchLineSummary[] }>(
      this.dataSource,
      'ef_payment_batch_with_lines',
      `SELECT b.id, b.currency, b.status, b.count, b.total::text AS total, b.created_by AS "createdBy", b.exported_at AS "exportedAt",
              b.sent_at AS "sentAt", b.sent_by AS "sentBy", b.created_at AS "createdAt", b.updated_at AS "updatedAt", b.version,
              COALESCE((SELECT json_agg(json_build_object('id', d.id, 'payment_reference', d.payment_reference, 'amount', d.amount::text,
                                                          'status', d.status, 'award_number', a.number) ORDER BY d.payment_reference)
                          FROM disbursement d JOIN award a ON a.id = d.award_id WHERE d.batch_id = b.id), '[]') AS lines
         FROM payment_batch b WHERE b.id = $1`,
      [id],
    );
    if (!row) return null;
    const { lines, ...batch } = row;
    return { batch: batch as PaymentBatch, lines };
  }

  /** The batch's first download, kept (the row stays locked until the export's transaction ends, so a cancellation waits for it). */
  /**
   * Marking a batch sent, its first statements: the awards of the batch's tranches locked in id
   * order (a cancellation takes its tranche's award, then the batch; every import locks awards so),
   * then the batch. Rows of the second: the batch's status, version and count, and how many of its
   * tranches are scheduled (none of them can change while their awards are held); none when there is no such batch.
   */
  lockForSending(id: string): Statement[] {
    return [
      {
        text: 'SELECT a.id FROM award a WHERE a.id IN (SELECT award_id FROM disbursement WHERE batch_id = $1) ORDER BY a.id FOR UPDATE',
        values: [id],
      },
      {
        text: `SELECT b.status, b.version, b.count, (SELECT count(*)::int FROM disbursement d WHERE d.batch_id = b.id AND d.status = 'scheduled') AS scheduled
                 FROM payment_batch b WHERE b.id = $1 FOR UPDATE`,
        values: [id],
      },
    ];
  }

  /** The batch's status and figures, the row locked (a cancellation takes its tranche out of the batch). */
  async lockFigures(manager: EntityManager, batchId: string): Promise<{ status: string; exported: boolean; count: number; total: string }> {
    const [row]: { status: string; exported: boolean; count: number; total: string }[] = await manager.query(
      'SELECT status, exported_at IS NOT NULL AS exported, count, total::text AS total FROM payment_batch WHERE id = $1 FOR UPDATE',
      [batchId],
    );
    return row;
  }

  /** The batch's count and total become those of the tranches left in it (returned). */
  async recount(manager: EntityManager, batchId: string): Promise<{ count: number; total: string }> {
    const [rows]: [{ count: number; total: string }[], number] = await manager.query(
      `UPDATE payment_batch b SET count = x.n, total = x.total, version = b.version + 1, updated_at = now()
         FROM (SELECT count(*)::int AS n, COALESCE(sum(amount), 0) AS total FROM disbursement WHERE batch_id = $1) x
        WHERE b.id = $1 RETURNING b.count, b.total::text AS total`,
      [batchId],
    );
    return rows[0];
  }

  lock(manager: EntityManager, id: string): Promise<PaymentBatch | null> {
    return lockRow(manager, PaymentBatch, id);
  }

  /**
   * The batch and its scheduled disbursements `sent`, with an audit event for each disbursement
   * (`audit`, prepared by the service): a statement for the message with the COMMIT (the caller
   * holds the locks of `lockForSending`).
   */
  markSent(id: string, by: string, at: Date, audit: PreparedAuditEvent): Statement {
    return {
      text: `WITH batch AS (UPDATE payment_batch SET status = 'sent', sent_at = $3, sent_by = $4, version = version + 1, updated_at = now() WHERE id = $1 AND status = 'open' RETURNING id),
            upd AS (${SEND_BATCH_TRANCHES}),
            audit AS (${auditEventInsert('$2', {
              from: 'upd',
              entityId: 'upd.id',
              before: `'{"status":"scheduled"}'::jsonb`,
              after: `jsonb_build_object('status', 'sent', 'batchId', $1::uuid, 'paymentReference', upd.payment_reference, 'amount', upd.amount::text)`,
            })})
       SELECT count(*)::int AS n FROM upd`,
      values: [id, auditEventParam(audit), at, by],
    };
  }

  listQuery(filter: { status?: string }) {
    const qb = this.dataSource.getRepository(PaymentBatch).createQueryBuilder('b');
    if (filter.status) qb.andWhere('b.status = :status', { status: filter.status });
    return qb;
  }
}
