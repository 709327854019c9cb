import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const NOTIFICATION_KINDS = [
  'info_requested',
  'message_received',
  'decision_made',
  'claim_lapsed',
  'sla_breached',
  'follow_up_due',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * An in-app notice for one user. Texts name applications by reference only, never a person.
 * `dedupeKey` makes "once per event" hold even when a job runs twice (unique with the user).
 */
@Entity('notification')
@Index('ix_notification_user', ['userId', 'createdAt'])
@Index('uq_notification_dedupe', ['userId', 'dedupeKey'], { unique: true })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 30 })
  kind: NotificationKind;

  @Column({ type: 'uuid', nullable: true })
  applicationId: string | null;

  @Column({ type: 'varchar', length: 300 })
  text: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  dedupeKey: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
