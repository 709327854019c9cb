import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedEntity } from '../../../common/database/versioned-entity.js';

export type PaymentBatchStatus = 'open' | 'sent';

/** Scheduled disbursements sent to the bank together, in one currency. */
@Entity('payment_batch')
@Index('ix_payment_batch_created', ['createdAt'])
export class PaymentBatch extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status: PaymentBatchStatus;

  @Column({ type: 'int' })
  count: number;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  total: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  /** The first download of the bank file. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  exportedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  sentAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  sentBy: string | null;
}
