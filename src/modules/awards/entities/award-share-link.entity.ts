import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Award } from './award.entity.js';

/**
 * A link a case worker sends by messenger so that a clinic or a landlord can read and download
 * the award's current letter without an account. Only the SHA-256 of its token is stored: the
 * token itself is shown once, to the case worker who made the link.
 */
@Entity('award_share_link')
@Index('uq_award_share_link_token_hash', ['tokenHash'], { unique: true })
@Index('ix_award_share_link_award', ['awardId', 'createdAt'])
@Check('ck_award_share_link_opens', 'open_count >= 0')
export class AwardShareLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  awardId: string;

  @ManyToOne(() => Award, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_id' })
  award?: Relation<Award>;

  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  /** The language of the letter the link gives (a template language: `en`, `ru`). */
  @Column({ type: 'varchar', length: 5 })
  language: string;

  /** The award's letter version when the link was made: the page says when the letter changed since. */
  @Column({ type: 'int' })
  letterVersion: number;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @Column({ type: 'uuid', nullable: true })
  revokedBy: string | null;

  /** Times the link was opened (its page or JSON answer), counted in the statement that finds it. */
  @Column({ type: 'int', default: 0 })
  openCount: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastOpenedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
