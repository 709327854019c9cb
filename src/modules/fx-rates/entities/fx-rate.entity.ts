import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Monthly rate: 1 unit of `currency` = `usdRate` USD. One per currency and month. */
@Entity('fx_rate')
@Index('uq_fx_rate_currency_month', ['currency', 'month'], { unique: true })
export class FxRate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  /** `YYYY-MM` */
  @Column({ type: 'char', length: 7 })
  month: string;

  @Column({ type: 'numeric', precision: 20, scale: 10 })
  usdRate: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
