import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { VersionedEntity } from '../../../common/database/versioned-entity.js';
import { Award } from '../../awards/entities/award.entity.js';
import type { DisbursementMethod, DisbursementStatus } from '../domain/tranche.js';

/** Who is paid: the NGO's bank account on file, or a supplier (whose IBAN is in `payeeIbanEnc`, encrypted). */
export type Payee = { kind: 'organisation' } | { kind: 'vendor'; name: string; bankName: string | null; bic: string | null };

/** A tranche of an award that finance pays. */
@Entity('disbursement')
@Check('ck_disbursement_amount', 'amount > 0')
@Index('uq_disbursement_reference', ['paymentReference'], { unique: true })
@Index('ix_disbursement_award', ['awardId', 'createdAt'])
@Index('ix_disbursement_batch', ['batchId'])
export class Disbursement extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  awardId: string;

  @ManyToOne(() => Award, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_id' })
  award?: Relation<Award>;

  @Column({ type: 'uuid' })
  fundId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  amount: string;

  @Column({ type: 'varchar', length: 20 })
  method: DisbursementMethod;

  @Column({ type: 'jsonb' })
  payee: Payee;

  /** A supplier's IBAN, encrypted with the PII key (associated data `disbursement:<id>`, see vendor-iban.ts). */
  @Column({ type: 'text', nullable: true })
  payeeIbanEnc: string | null;

  @Column({ type: 'date' })
  scheduledFor: string;

  @Column({ type: 'varchar', length: 20, default: 'scheduled' })
  status: DisbursementStatus;

  /** `PAY-KZ-2026-000042`: unique, on the bank's statement line. */
  @Column({ type: 'varchar', length: 24 })
  paymentReference: string;

  /** The payment batch that carries it to the bank; a disbursement is in one batch at most. */
  @Column({ type: 'uuid', nullable: true })
  batchId: string | null;

  // the PaymentBatch entity by its name: disbursements does not import payment-batches (which imports disbursements)
  @ManyToOne('PaymentBatch', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id' })
  batch?: unknown;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  /** When a bank statement line matched it. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  paidAt: Date | null;

  /** The bank's booking day of the line that paid it: the day the money went out (follow-ups count from it). */
  @Column({ type: 'date', nullable: true })
  paidOn: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  cancelNote: string | null;
}
