import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { EligibilityRecord } from './eligibility-record.entity.js';

/** An admin's decision that one failed rule does not block one application. */
@Entity('eligibility_waiver')
@Index('uq_eligibility_waiver', ['applicationId', 'ruleCode'], { unique: true })
export class EligibilityWaiver extends EligibilityRecord {
  @Column({ type: 'varchar', length: 40 })
  ruleCode: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
