import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { StoredFile } from '../../../common/storage/stored-file.entity.js';
import type { LetterContent } from '../domain/letter-content.js';
import type { LetterSubject } from '../domain/letter-subject.js';

export type LetterStatus = 'pending' | 'issued';

/**
 * One version of an award letter in one language. Created `pending` with its content fixed, in the
 * transaction that approves or amends the award; rendered once, its bytes stored with their SHA-256
 * and marked `issued`. The database refuses to change an issued letter or to delete any.
 */
@Entity('award_letter')
@Index('uq_award_letter_version_language', ['awardId', 'version', 'language'], { unique: true })
@Index('uq_award_letter_code_hash', ['verificationCodeHash'], { unique: true })
@Index('ix_award_letter_pending', ['nextAttemptAt'], { where: `status = 'pending'` })
export class AwardLetter {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  awardId: string;

  // the Award entity by its name: letters does not import the awards module (awards imports letters)
  @ManyToOne('Award', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'award_id' })
  award?: LetterSubject;

  /** 1 at approval, +1 per amendment. */
  @Column({ type: 'int' })
  version: number;

  /** The template's language (`en`, `ru`). */
  @Column({ type: 'varchar', length: 5 })
  language: string;

  /** Shown to those who may read the award; looked up by its hash only. */
  @Column({ type: 'char', length: 32 })
  verificationCode: string;

  @Column({ type: 'char', length: 64 })
  verificationCodeHash: string;

  @Column({ type: 'jsonb' })
  content: LetterContent;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: LetterStatus;

  /** The stored PDF (FileStorage key); the file cannot be deleted while its letter exists. */
  @Column({ type: 'uuid', nullable: true })
  fileKey: string | null;

  @ManyToOne(() => StoredFile, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'file_key' })
  file?: Relation<StoredFile>;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256: string | null;

  @Column({ type: 'int', nullable: true })
  sizeBytes: number | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  issuedAt: Date | null;

  /** Failed renderings so far; the scheduler retries after `nextAttemptAt`. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' })
  nextAttemptAt: Date;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
