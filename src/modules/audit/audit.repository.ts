import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEvent } from './entities/audit-event.entity.js';

/** Any 64-bit constant: the key of the lock that serialises appends to the audit chain. */
const AUDIT_CHAIN_LOCK = 7_210_042_001;

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Holds the chain lock until the caller's transaction ends, so each event links to its true predecessor. */
  async lockChain(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  }

  async findLast(manager: EntityManager): Promise<Pick<AuditEvent, 'seq' | 'hash'> | null> {
    const rows: { seq: string; hash: string }[] = await manager.query('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1');
    return rows[0] ?? null;
  }

  async insert(manager: EntityManager, event: Omit<AuditEvent, 'id'>): Promise<AuditEvent> {
    return manager.getRepository(AuditEvent).save(manager.getRepository(AuditEvent).create(event));
  }

  listQuery(filter: { entityType?: string; entityId?: string; action?: string; actorId?: string }) {
    const qb = this.dataSource.getRepository(AuditEvent).createQueryBuilder('e');
    if (filter.entityType) qb.andWhere('e.entityType = :entityType', { entityType: filter.entityType });
    if (filter.entityId) qb.andWhere('e.entityId = :entityId', { entityId: filter.entityId });
    if (filter.action) qb.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorId) qb.andWhere('e.actorId = :actorId', { actorId: filter.actorId });
    return qb;
  }

  async findRange(afterSeq: string, limit: number): Promise<AuditEvent[]> {
    return this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .where('e.seq > :afterSeq', { afterSeq })
      .orderBy('e.seq', 'ASC')
      .limit(limit)
      .getMany();
  }
}
