import { Column, JoinColumn, ManyToOne, type Relation, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { EligibilityRun } from './eligibility-run.entity.js';

/** The outcome of one rule in one run, with the values it looked at. */
@Entity('eligibility_result')
@Index('ix_eligibility_result_run', ['runId'])
export class EligibilityResult {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  runId: string;

  @ManyToOne(() => EligibilityRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id' })
  run?: Relation<EligibilityRun>;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 40 })
  ruleCode: string;

  @Column({ type: 'varchar', length: 10 })
  outcome: 'pass' | 'warn' | 'fail';

  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'jsonb' })
  values: Record<string, unknown>;
}
