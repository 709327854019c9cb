import { Column, Entity, Index } from 'typeorm';
import { EligibilityRecord } from './eligibility-record.entity.js';

/** One evaluation of the rules for an application (each submit and resubmit makes one). */
@Entity('eligibility_run')
@Index('ix_eligibility_run_application', ['applicationId', 'evaluatedAt'])
export class EligibilityRun extends EligibilityRecord {
  @Column({ type: 'varchar', length: 20 })
  ruleSetVersion: string;

  /** `eligible` when no rule failed (or every failure is waived). */
  @Column({ type: 'varchar', length: 20 })
  outcome: 'eligible' | 'ineligible';

  /** Rules the fund switched off. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  disabledRules: string[];

  @Column({ type: 'timestamptz', precision: 3 })
  evaluatedAt: Date;
}
