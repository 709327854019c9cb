import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Disbursement } from '../../disbursements/entities/disbursement.entity.js';
import { BankStatement } from './bank-statement.entity.js';

/** `returned`: money in that brought back a paid tranche (which failed then). */
export type LineStatus = 'new' | 'matched' | 'amount_mismatch' | 'unmatched' | 'returned';

/**
 * A bank statement line, imported once (its bank transaction id is unique), and what it was
 * matched to. Exceptions (amount_mismatch, unmatched) wait for finance.
 */
@Entity('bank_statement_line')
@Index('uq_bank_statement_line_transaction', ['bankTransactionId'], { unique: true })
@Index('ix_bank_statement_line_statement', ['statementId', 'lineNumber'])
@Index('ix_bank_statement_line_exceptions', ['createdAt', 'id'], { where: `status IN ('amount_mismatch', 'unmatched')` })
export class BankStatementLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  statementId: string;

  @ManyToOne(() => BankStatement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'statement_id' })
  statement?: Relation<BankStatement>;

  @Column({ type: 'int' })
  lineNumber: number;

  @Column({ type: 'date' })
  bookingDate: string;

  /** As on the statement (a debit may be negative); matching compares its absolute value. */
  @Column({ type: 'numeric', precision: 20, scale: 2 })
  amount: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reference: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  counterparty: string | null;

  @Column({ type: 'varchar', length: 100 })
  bankTransactionId: string;

  @Column({ type: 'varchar', length: 20, default: 'new' })
  status: LineStatus;

  /** The disbursement it paid (matched), brought back (returned) or names by its reference (amount_mismatch, unmatched). */
  @Column({ type: 'uuid', nullable: true })
  disbursementId: string | null;

  @ManyToOne(() => Disbursement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'disbursement_id' })
  disbursement?: Relation<Disbursement>;

  @Column({ type: 'varchar', length: 300, nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
