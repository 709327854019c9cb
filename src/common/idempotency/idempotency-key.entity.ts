import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A client's `Idempotency-Key` for one kind of request, kept with the request's hash and the
 * response it got: the same key and body answer that response again, the same key with another
 * body a 409. Written in the transaction of the request it guards.
 */
@Entity('idempotency_key')
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  /** What the key is for, e.g. `POST /disbursements`. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  scope: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'char', length: 64 })
  requestHash: string;

  @Column({ type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
