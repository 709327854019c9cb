import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEvent } from './entities/audit-event.entity.js';

/** Base of the advisory lock keys that serialise appends to each audit chain (key = base + chain). */
const AUDIT_CHAIN_LOCK_BASE = 7_210_043_000;

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes the chain's lock, held until the caller's transaction ends (so each event links to its true
   * predecessor), and reads the chain's last position and hash.
   */
  async lockAndReadHead(manager: EntityManager, chain: number): Promise<{ chainSeq: string; hash: string } | null> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK_BASE + chain]);
    const rows: { chain_seq: string; hash: string }[] = await manager.query(
      'SELECT chain_seq, hash FROM audit_event WHERE chain = $1 ORDER BY chain_seq DESC LIMIT 1',
      [chain],
    );
    return rows[0] ? { chainSeq: rows[0].chain_seq, hash: rows[0].hash } : null;
  }

  async insert(manager: EntityManager, event: Omit<AuditEvent, 'id' | 'seq'>): Promise<void> {
    // jsonb columns defeat TypeORM's deep-partial typing; the shape is the entity's
    await manager.getRepository(AuditEvent).insert(event as never);
  }

  listQuery(filter: { entityType?: string; entityId?: string; action?: string; actorId?: string }) {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (filter.entityType) qb.andWhere('e.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entityId = :entityId', { entityId: filter.entityId });
    if (filter.action) qb.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorId) qb.andWhere('e.actorId = :actorId', { actorId: filter.actorId });
    return qb;
  }

  /** Events of one chain after a position, in chain order. */
  async findChainRange(chain: number, afterChainSeq: string, limit: number): Promise<AuditEvent[]> {
    return this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.chain = :chain AND e.chainSeq > :afterChainSeq', { chain, afterChainSeq })
      .orderBy('e.chainSeq', 'ASC')
      .limit(limit)
      .getMany();
  }

  async chainsInUse(): Promise<number[]> {
    const rows: { chain: number }[] = await this.dataSource.query('SELECT DISTINCT chain FROM audit_event ORDER BY chain');
    return rows.map((r) => r.chain);
  }
}
