import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). Events form AUDIT_CHAINS hash chains:
 * on insert, the `audit_event_link` trigger locks the chain's head, gives the event the next position
 * and sets `hash` = SHA-256(previous hash, chain, position, content hash), so a changed or removed
 * event breaks its chain. Several chains let concurrent transactions append without queueing behind
 * one another's commits; `seq` orders all events.
 */
@Entity('audit_event')
@Index('uq_audit_event_seq', ['seq'], { unique: true })
@Index('uq_audit_event_chain', ['chain', 'chainSeq'], { unique: true })
@Index('ix_audit_event_entity', ['entityType', 'entityId', 'seq'])
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bigint', generated: 'increment' })
  seq: string;

  @Column({ type: 'smallint' })
  chain: number;

  /** Position in its chain: 1, 2, 3, … without gaps. */
  @Column({ type: 'bigint' })
  chainSeq: string;

  @Column({ type: 'timestamptz', precision: 3 })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  actorRole: string | null;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 40 })
  entityType: string;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  /** SHA-256 of the event's canonical content, computed by the application. */
  @Column({ type: 'char', length: 64 })
  contentHash: string;

  /** Set by the `audit_event_link` trigger, as are `chainSeq` and `hash`. */
  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
