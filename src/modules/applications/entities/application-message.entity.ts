import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { ApplicationRecord } from './application-record.entity.js';

/** One message of an application's thread between the NGO and the officers. Append-only. */
@Entity('application_message')
@Index('ix_application_message_application', ['applicationId', 'createdAt'])
export class ApplicationMessage extends ApplicationRecord {
  @Column({ type: 'uuid' })
  authorId: string;

  @Column({ type: 'varchar', length: 20 })
  authorRole: string;

  /** The text, encrypted with the PII key (`domain/message-body.ts`): a message may name the person. */
  @Column({ type: 'text' })
  bodyEnc: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
