import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { lockRow } from '../../common/database/row-lock.js';
import { awardNumbers, MOVE_AWARD_COMMITMENT } from '../awards/awards.sql.js';
import { Award } from '../awards/entities/award.entity.js';
import { Disbursement } from './entities/disbursement.entity.js';

@Injectable()
export class DisbursementsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The award row, locked: tranches of one award are created and cancelled one at a time. */
  lockAward(manager: EntityManager, id: string): Promise<Award | null> {
    return lockRow(manager, Award, id);
  }

  async insert(
    manager: EntityManager,
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
  ): Promise<Disbursement> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO disbursement (id, award_id, fund_id, organisation_id, country, currency, amount, method, payee, payee_iban_enc, scheduled_for, created_by, payment_reference, version)
       VALUES ($12, $1, $2, $3, $4, $5, $6, $7, $8::jsonb, $13, $9, $10, next_payment_reference($11, extract(year FROM now())::int), 1) RETURNING id`,
      [
        d.awardId,
        d.fundId,
        d.organisationId,
        d.country,
        d.currency,
        d.amount,
        d.method,
        JSON.stringify(d.payee),
        d.scheduledFor,
        d.createdBy,
        d.country,
        d.id,
        d.payeeIbanEnc,
      ],
    );
    return (await manager.getRepository(Disbursement).findOneBy({ id: row.id }))!;
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
