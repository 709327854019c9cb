import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { ApplicationRecord } from './application-record.entity.js';

/** One step of an application's history: who moved it from which state to which, and why. */
@Entity('application_event')
@Index('ix_application_event_application', ['applicationId', 'createdAt'])
export class ApplicationEvent extends ApplicationRecord {
  @Column({ type: 'varchar', length: 30 })
  action: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 30 })
  toStatus: string;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  actorRole: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
