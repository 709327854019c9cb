import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { VersionedEntity } from '../../../common/database/versioned-entity.js';
import { Beneficiary } from '../../beneficiaries/entities/beneficiary.entity.js';
import { Fund } from '../../funds/entities/fund.entity.js';
import { Organisation } from '../../organisations/entities/organisation.entity.js';
import type { ApplicationStatus, StateSupport, Urgency } from '../domain/application.types.js';
import { ApplicationItem } from './application-item.entity.js';

/** An NGO's request for assistance for one beneficiary from one fund. */
@Entity('application')
@Index('uq_application_reference', ['reference'], { unique: true })
@Index('ix_application_organisation', ['organisationId', 'createdAt'])
@Index('ix_application_country_status', ['country', 'status', 'lastSubmittedAt'])
@Index('ix_application_claimed_by', ['claimedBy'])
// the review queue's order (urgent first, then oldest): an expression index written by hand in a migration
@Index('ix_application_queue', { synchronize: false })
// the turnaround report's decisions per country and per officer, read from the indexes alone (INCLUDE, partial): by hand in a migration
@Index('ix_application_decided_country', { synchronize: false })
@Index('ix_application_decided_officer', { synchronize: false })
@Index('ix_application_beneficiary', ['beneficiaryId'])
@Index('ix_application_fund', ['fundId'])
export class Application extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `EF-KZ-2026-000123`, given at the first submission, gapless per country and year. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  reference: string | null;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @Column({ type: 'uuid' })
  beneficiaryId: string;

  @ManyToOne(() => Beneficiary, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'beneficiary_id' })
  beneficiary?: Relation<Beneficiary>;

  @Column({ type: 'uuid' })
  fundId: string;

  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fund_id' })
  fund?: Relation<Fund>;

  /** The fund's country: officers' scope and the queue. */
  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'varchar', length: 30 })
  status: ApplicationStatus;

  @Column({ type: 'varchar', length: 10 })
  urgency: Urgency;

  /** Language of letters and notices for this application. */
  @Column({ type: 'varchar', length: 5 })
  language: string;

  @Column({ type: 'text', nullable: true })
  justification: string | null;

  @Column({ type: 'jsonb', nullable: true })
  stateSupport: StateSupport | null;

  /** Sum of the items, computed by the server. */
  @Column({ type: 'numeric', precision: 20, scale: 2 })
  total: string;

  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  approvedTotal: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  firstSubmittedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastSubmittedAt: Date | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  decidedAt: Date | null;

  /** The officer of the final decision (the second approver when there were two). */
  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  /** When the decision is due: first submission + the fund's SLA hours for the urgency + time paused. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  slaDueAt: Date | null;

  /** The officer working on it (`in_review`), and since when. */
  @Column({ type: 'uuid', nullable: true })
  claimedBy: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  claimedAt: Date | null;

  /** When the scheduler found the application past its SLA due time (cleared by a new due time). */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  slaBreachedAt: Date | null;

  /** Set while waiting for the NGO's answer (`info_requested`): the SLA clock is paused. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  infoRequestedAt: Date | null;

  /** Time spent waiting for the NGO, in seconds: added to the SLA due time, left out of net turnaround. */
  @Column({ type: 'int', default: 0 })
  pausedSeconds: number;

  /** The first of two approvals (at or above the fund's threshold). */
  @Column({ type: 'uuid', nullable: true })
  firstApprovedBy: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  firstApprovedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  conditions: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  decisionReasonCode: string | null;

  @Column({ type: 'text', nullable: true })
  decisionComment: string | null;

  /** First submission → final decision, in seconds; net leaves out time waiting for the NGO. */
  @Column({ type: 'int', nullable: true })
  grossTurnaroundSeconds: number | null;

  @Column({ type: 'int', nullable: true })
  netTurnaroundSeconds: number | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @OneToMany(() => ApplicationItem, (item) => item.application)
  items?: Relation<ApplicationItem>[];
}
