import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { Category, Sex } from '../../../common/domain-codes.js';
import { VersionedEntity } from '../../../common/database/versioned-entity.js';
import { Application } from '../../applications/entities/application.entity.js';

export type AwardStatus = 'active' | 'closed';

/** What an approval grants: created by the approval that makes an application `approved`. */
@Entity('award')
@Check('ck_award_committed', 'committed >= 0 AND committed <= amount')
@Index('uq_award_number', ['number'], { unique: true })
@Index('uq_award_application', ['applicationId'], { unique: true })
@Index('ix_award_organisation', ['organisationId', 'createdAt'])
@Index('ix_award_country', ['country', 'createdAt'])
// the EF results table read from this index alone: written by hand in a migration (INCLUDE)
@Index('ix_award_report', { synchronize: false })
export class Award extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `AWD-KZ-2026-00042`, gapless per country and year. */
  @Column({ type: 'varchar', length: 20 })
  number: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  fundId: string;

  @Column({ type: 'uuid' })
  beneficiaryId: string;

  /** The person's category and sex when the award was made, for the reports. */
  @Column({ type: 'varchar', length: 10 })
  beneficiaryCategory: Category;

  @Column({ type: 'varchar', length: 20 })
  beneficiarySex: Sex;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  amount: string;

  /** The approved items: `[{ itemId, type, description, amount }]`. */
  @Column({ type: 'jsonb' })
  items: { itemId: string; type: string; description: string; amount: string }[];

  @Column({ type: 'text', nullable: true })
  conditions: string | null;

  /** The approving officers and when they approved: `[{ officerId, at }]`. */
  @Column({ type: 'jsonb' })
  approvers: { officerId: string; at: string }[];

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: AwardStatus;

  /** The language the NGO chose for its letters (the application's). */
  @Column({ type: 'varchar', length: 5, default: 'en' })
  language: string;

  /**
   * What is committed on the fund for this award now: the amount at approval, moved by amendments,
   * released by cancelled or failed tranches (and committed again by tranches that need it), and
   * moved to disbursed by payments. Always equal to the award's ledger entries.
   */
  @Column({ type: 'numeric', precision: 20, scale: 2, default: 0 })
  committed: string;

  /** The current letter version: 1 at approval, +1 per amendment. */
  @Column({ type: 'int', default: 1 })
  letterVersion: number;
}
