import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { VersionedEntity } from '../../../common/database/versioned-entity.js';
import { Award } from '../../awards/entities/award.entity.js';

export type Milestone = '3m' | '6m';

/** Days past due after which a follow-up counts as overdue. */
export const OVERDUE_AFTER_DAYS = 30;

/** What the support achieved, asked 3 and 6 months after an award's final payment. One per award and milestone. */
@Entity('follow_up')
@Index('uq_follow_up_award_milestone', ['awardId', 'milestone'], { unique: true })
@Index('ix_follow_up_organisation_due', ['organisationId', 'dueOn'])
export class FollowUp extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  awardId: string;

  @ManyToOne(() => Award, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_id' })
  award?: Relation<Award>;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 2 })
  milestone: Milestone;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'boolean', default: false })
  notified: boolean;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  completedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  completedBy: string | null;

  @Column({ type: 'boolean', nullable: true })
  contactMade: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  livelihoodOperating: boolean | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  incomeChange: 'lower' | 'same' | 'higher' | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  livingStandard: 'worse' | 'same' | 'better' | null;

  @Column({ type: 'boolean', nullable: true })
  intendsToMigrate: boolean | null;

  @Column({ type: 'int', nullable: true })
  referredOthers: number | null;

  /** The NGO's own words: shown to the NGO and staff of the country, never in reports. */
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
