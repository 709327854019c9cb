import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { ApplicationRecord } from './application-record.entity.js';

/** A file attached to an application; the bytes live behind FileStorage under `storageKey`. */
@Entity('application_document')
@Index('ix_application_document_application', ['applicationId', 'createdAt'])
export class ApplicationDocument extends ApplicationRecord {
  @Column({ type: 'varchar', length: 30 })
  kind: string;

  @Column({ type: 'varchar', length: 255 })
  filename: string;

  /** Detected from the bytes, never taken from the client. */
  @Column({ type: 'varchar', length: 50 })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 100 })
  storageKey: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
