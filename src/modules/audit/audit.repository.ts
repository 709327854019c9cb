import { Injectable } from '@nestjs/common';
import { preparedQuery } from '../../database/prepared.js';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEvent } from './entities/audit-event.entity.js';

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts an event; the `audit_event_link` trigger locks the chain's head (until the transaction
   * ends), gives the event its position and links it. One round trip.
   */
  async insert(manager: EntityManager, e: Pick<AuditEvent, 'chain' | 'occurredAt' | 'actorId' | 'actorRole' | 'action' | 'entityType' | 'entityId' | 'before' | 'after' | 'requestId' | 'contentHash'>): Promise<void> {
    await preparedQuery(manager, 'ef_insert_audit_event', 
      `INSERT INTO audit_event (chain, occurred_at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, content_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11)`,
      [
        e.chain,
        e.occurredAt,
        e.actorId,
        e.actorRole,
        e.action,
        e.entityType,
        e.entityId,
        e.before === null ? null : JSON.stringify(e.before),
        e.after === null ? null : JSON.stringify(e.after),
        e.requestId,
        e.contentHash,
      ],
    );
  }

  heads(): Promise<{ chain: number; chain_seq: string; hash: string }[]> {
    return this.dataSource.query('SELECT chain, chain_seq, hash FROM audit_chain_head ORDER BY chain');
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


}
