import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { lockRow } from '../../common/database/row-lock.js';
import { auditEventInsert, auditEventParam, type PreparedAuditEvent } from '../audit/audit.sql.js';
import { CLAIM_TRANCHES_FOR_BATCH, SEND_BATCH_TRANCHES } from '../disbursements/disbursements.sql.js';
import type { Payee } from '../disbursements/entities/disbursement.entity.js';
import { PaymentBatch } from './entities/payment-batch.entity.js';

export interface BatchLine {
  id: string;
  payment_reference: string;
  amount: string;
  currency: string;
  method: string;
  status: string;
  payee: Payee;
  payee_iban_enc: string | null;
  organisation_id: string;
  award_number: string;
}

@Injectable()
export class PaymentBatchesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, batch: Pick<PaymentBatch, 'currency' | 'count' | 'total' | 'createdBy'>): Promise<PaymentBatch> {
    const repo = manager.getRepository(PaymentBatch);
    return repo.save(repo.create({ ...batch, status: 'open' }));
  }

  async setFigures(manager: EntityManager, id: string, figures: Pick<PaymentBatch, 'currency' | 'count' | 'total'>): Promise<void> {
    await manager.getRepository(PaymentBatch).update({ id }, figures);
  }

  /**
   * Puts scheduled disbursements into the batch, each only if it is in no batch yet: one guarded
   * statement, so two batches racing for a disbursement cannot both get it.
   */
  async claim(manager: EntityManager, batchId: string, ids: string[]): Promise<{ id: string; amount: string; currency: string }[]> {
    const rows: [{ id: string; amount: string; currency: string }[], number] = await manager.query(CLAIM_TRANCHES_FOR_BATCH, [
      batchId,
      ids,
    ]);
    return rows[0];
  }

  /** Why each of these disbursements cannot go into a batch (for the 409). */
  async refusals(
    manager: EntityManager,
    ids: string[],
  ): Promise<{ id: string; status: string; method: string; batch_id: string | null }[]> {
    return manager.query('SELECT id, status, method, batch_id FROM disbursement WHERE id = ANY($1::uuid[])', [ids]);
  }

  lines(batchId: string, manager: EntityManager = this.dataSource.manager): Promise<BatchLine[]> {
    return manager.query(
      `SELECT d.id, d.payment_reference, d.amount::text AS amount, d.currency, d.method, d.status, d.payee, d.payee_iban_enc, d.organisation_id, a.number AS award_number
         FROM disbursement d JOIN award a ON a.id = d.award_id
        WHERE d.batch_id = $1 ORDER BY d.payment_reference`,
      [batchId],
    );
  }

  findById(id: string): Promise<PaymentBatch | null> {
    return this.dataSource.getRepository(PaymentBatch).findOneBy({ id });
  }

  /** The batch's first download, kept (the row stays locked until the export's transaction ends, so a cancellation waits for it). */
  async markExported(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query('UPDATE payment_batch SET exported_at = COALESCE(exported_at, $2) WHERE id = $1', [id, at]);
  }

  /** The awards of the batch's tranches, locked in id order (a cancellation takes its tranche's award, then the batch). */
  async lockAwardsOf(manager: EntityManager, batchId: string): Promise<void> {
    await manager.query(
      'SELECT a.id FROM award a WHERE a.id IN (SELECT award_id FROM disbursement WHERE batch_id = $1) ORDER BY a.id FOR UPDATE',
      [batchId],
    );
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

  /** The batch and its scheduled disbursements `sent`, with an audit event for each disbursement (`audit`, prepared by the service). */
  async markSent(manager: EntityManager, id: string, by: string, at: Date, audit: PreparedAuditEvent): Promise<number> {
    await manager
      .getRepository(PaymentBatch)
      .update({ id, status: 'open' }, { status: 'sent', sentAt: at, sentBy: by, version: () => 'version + 1' });
    const [row]: { n: number }[] = await manager.query(
      `WITH upd AS (${SEND_BATCH_TRANCHES}),
       audit AS (${auditEventInsert('$2', {
         from: 'upd',
         entityId: 'upd.id',
         before: `'{"status":"scheduled"}'::jsonb`,
         after: `jsonb_build_object('status', 'sent', 'batchId', $1::uuid, 'paymentReference', upd.payment_reference, 'amount', upd.amount::text)`,
       })})
       SELECT count(*)::int AS n FROM upd`,
      [id, auditEventParam(audit)],
    );
    return row.n;
  }

  listQuery(filter: { status?: string }) {
    const qb = this.dataSource.getRepository(PaymentBatch).createQueryBuilder('b');
    if (filter.status) qb.andWhere('b.status = :status', { status: filter.status });
    return qb;
  }
}
