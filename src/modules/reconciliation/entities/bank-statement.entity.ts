import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One imported statement file and what its import did. */
@Entity('bank_statement')
export class BankStatement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'int' })
  lines: number;

  @Column({ type: 'int' })
  imported: number;

  @Column({ type: 'int' })
  skipped: number;

  @Column({ type: 'int' })
  matched: number;

  @Column({ type: 'int' })
  amountMismatch: number;

  @Column({ type: 'int' })
  unmatched: number;

  @Column({ type: 'uuid', nullable: true })
  importedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
