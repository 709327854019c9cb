import { Column, JoinColumn, ManyToOne, type Relation, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Application } from '../../applications/entities/application.entity.js';

/** An admin's decision that one failed rule does not block one application. */
@Entity('eligibility_waiver')
@Index('uq_eligibility_waiver', ['applicationId', 'ruleCode'], { unique: true })
export class EligibilityWaiver {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;

  @Column({ type: 'varchar', length: 40 })
  ruleCode: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
