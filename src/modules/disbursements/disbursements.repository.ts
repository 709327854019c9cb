import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { lockRow } from '../../common/database/row-lock.js';
import type { Statement } from '../../common/database/transaction.js';
import { idempotencyCompletion } from '../../common/idempotency/idempotency.js';
import { auditEventInsert, auditEventParam, type PreparedAuditEvent } from '../audit/audit.sql.js';
import { awardNumbers, MOVE_AWARD_COMMITMENT, TRANCHE_TOTALS } from '../awards/awards.sql.js';
import { Award, type AwardStatus } from '../awards/entities/award.entity.js';
import { Disbursement } from './entities/disbursement.entity.js';

/** An award locked for a new tranche, with its NGO's name and account on file (`awardForTranche`). */
export interface LockedAward {
  id: string;
  number: string;
  status: AwardStatus;
  amount: string;
  committed: string;
  fund_id: string;
  organisation_id: string;
  country: string;
  currency: string;
  organisation_name: string;
  organisation_account_enc: string | null;
}

@Injectable()
export class DisbursementsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A new tranche's reads, with the BEGIN: its award locked (no second tranche of it is planned at
   * the same time) with its NGO's name and account on file, then what its tranches add up to
   * (a statement of its own: it sees tranches committed while the lock was awaited). Rows:
   * LockedAward, none when there is no such award; then the row of `TRANCHE_TOTALS`.
   */
  awardForTranche(awardId: string): Statement[] {
    return [
      {
        text: `SELECT a.id, a.number, a.status, a.amount::text AS amount, a.committed::text AS committed, a.fund_id, a.organisation_id,
                      a.country, a.currency, o.name AS organisation_name, o.bank_account_enc AS organisation_account_enc
                 FROM award a JOIN organisation o ON o.id = a.organisation_id WHERE a.id = $1 FOR NO KEY UPDATE OF a`,
        values: [awardId],
      },
      { text: TRANCHE_TOTALS, values: [awardId] },
    ];
  }

  /** The award row, locked: tranches of one award are created and cancelled one at a time. */
  lockAward(manager: EntityManager, id: string): Promise<Award | null> {
    return lockRow(manager, Award, id);
  }

  /**
   * A new tranche's writes as one statement, to send with the COMMIT: the row with the next payment
   * reference (the counter's lock is held for this statement and the commit only), its audit event,
   * and the answer stored under the request's key; the reference and the creation time are added
   * to both from the row. Answers `payment_reference` and `created_at`.
   */
  insertStatement(
    d: Omit<
      Disbursement,
      | 'paymentReference'
      | 'createdAt'
      | 'updatedAt'
      | 'version'
      | 'status'
      | 'cancelledAt'
      | 'cancelNote'
      | 'award'
      | 'batchId'
      | 'batch'
      | 'paidAt'
      | 'paidOn'
    >,
    audit: PreparedAuditEvent,
    answer: { userId: string; scope: string; key: string; body: object },
  ): Statement {
    const fromRow = `jsonb_build_object('paymentReference', ins.payment_reference,
                       'createdAt', to_char(ins.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`;
    return {
      text: `WITH ins AS (
               INSERT INTO disbursement (id, award_id, fund_id, organisation_id, country, currency, amount, method, payee, payee_iban_enc,
                                         scheduled_for, created_by, payment_reference, version)
               VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::text, $6, $7::numeric, $8, $9::jsonb, $10, $11::date, $12::uuid,
                       next_payment_reference($5::text, extract(year FROM now())::int), 1)
               RETURNING id, payment_reference, created_at),
             audit AS (${auditEventInsert('$13', { from: 'ins', after: `r.after || jsonb_build_object('paymentReference', ins.payment_reference)` })}),
             answer AS (${idempotencyCompletion({ from: 'ins', userId: '$14::uuid', scope: '$15', key: '$16', status: '201', body: `$17::jsonb || ${fromRow}` })})
             SELECT payment_reference, created_at FROM ins`,
      values: [
        d.id,
        d.awardId,
        d.fundId,
        d.organisationId,
        d.country,
        d.currency,
        d.amount,
        d.method,
        JSON.stringify(d.payee),
        d.payeeIbanEnc,
        d.scheduledFor,
        d.createdBy,
        auditEventParam(audit),
        answer.userId,
        answer.scope,
        answer.key,
        JSON.stringify(answer.body),
      ],
    };
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Disbursement | null> {
    return manager.getRepository(Disbursement).findOneBy({ id });
  }

  lock(manager: EntityManager, id: string): Promise<Disbursement | null> {
    return lockRow(manager, Disbursement, id);
  }

  /** Takes a cancelled tranche out of its open batch (the batch's figures are then recounted: TrancheBatches). */
  async leaveBatch(manager: EntityManager, id: string, batchId: string): Promise<void> {
    await manager.query('UPDATE disbursement SET batch_id = NULL WHERE id = $1 AND batch_id = $2', [id, batchId]);
  }

  /** Cancelled (from scheduled) or failed (from sent), with the note; guarded by the status it leaves. */
  async giveBack(
    manager: EntityManager,
    id: string,
    from: 'scheduled' | 'sent',
    to: 'cancelled' | 'failed',
    note: string,
    at: Date,
  ): Promise<void> {
    await manager
      .getRepository(Disbursement)
      .update({ id, status: from }, { status: to, cancelNote: note, cancelledAt: at, version: () => 'version + 1' });
  }

  /** Moves an award's commitment by `delta` (in the transaction of the ledger entry; the award row is locked). */
  async moveAwardCommitment(manager: EntityManager, awardId: string, delta: string): Promise<void> {
    await manager.query(MOVE_AWARD_COMMITMENT, [awardId, delta]);
  }

  awardNumbers(ids: string[]): Promise<Map<string, string>> {
    return awardNumbers(this.dataSource.manager, ids);
  }

  listQuery(filter: { awardId?: string; status?: string }) {
    const qb = this.dataSource.getRepository(Disbursement).createQueryBuilder('d');
    if (filter.awardId) qb.andWhere('d.awardId = :awardId', { awardId: filter.awardId });
    if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
    return qb;
  }
}
