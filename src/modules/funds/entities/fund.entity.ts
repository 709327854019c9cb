import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedEntity } from '../../../common/database/versioned-entity.js';
import type { FundRules } from '../../eligibility/domain/fund-rules.js';

export type FundStatus = 'open' | 'closed';

/**
 * A country's emergency fund for one period. Its balances come from the ledger; `available` is the
 * ledger's running sum, kept by a trigger on the ledger (never written or read through this entity).
 */
@Entity('fund')
@Index('ix_fund_country', ['country'])
export class Fund extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status: FundStatus;

  @Column({ type: 'jsonb' })
  rules: FundRules;

  @Column({ type: 'numeric', precision: 20, scale: 2, default: '0', select: false, insert: false, update: false })
  available?: string;
}
