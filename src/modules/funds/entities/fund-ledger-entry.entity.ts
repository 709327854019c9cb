import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Fund } from './fund.entity.js';
import type { LedgerKind } from '../domain/ledger.js';

/**
 * Append-only fund ledger (the database refuses UPDATE and DELETE). Each entry moves the fund's
 * buckets by signed deltas; balances are the sums. A correction is a reversing entry.
 */
@Entity('fund_ledger_entry')
@Index('ix_fund_ledger_entry_fund', ['fundId', 'seq'])
export class FundLedgerEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order, for reading the ledger in sequence. */
  @Column({ type: 'bigint', generated: 'increment' })
  seq: string;

  @Column({ type: 'uuid' })
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fund_id' })
  fund?: Relation<Fund>;

  @Column({ type: 'varchar', length: 30 })
  kind: LedgerKind;

  @Column({ type: 'numeric', precision: 20, scale: 2, default: 0 })
  budgetDelta: string;

  @Column({ type: 'numeric', precision: 20, scale: 2, default: 0 })
  committedDelta: string;

  @Column({ type: 'numeric', precision: 20, scale: 2, default: 0 })
  disbursedDelta: string;

  /** What the movement is about: an application, award or disbursement (later issues). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  refType: string | null;

  @Column({ type: 'uuid', nullable: true })
  refId: string | null;

  /** The entry this one reverses, if any. */
  @Column({ type: 'uuid', nullable: true })
  reversesId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  memo: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
