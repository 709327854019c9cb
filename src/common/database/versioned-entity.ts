import { CreateDateColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * Columns of every editable record. Times have millisecond precision so keyset cursors round-trip
 * through JavaScript dates; `version` backs optimistic locking (`assertVersion`).
 */
export abstract class VersionedEntity {
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
