import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEvent } from './entities/audit-event.entity.js';

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Locks the chain's head row until the caller's transaction ends (so each event links to its true
   * predecessor) and reads the chain's last position and hash, in one round trip.
   */
  async lockHead(manager: EntityManager, chain: number): Promise<{ chainSeq: string; hash: string }> {
    const rows: { chain_seq: string; hash: string }[] = await manager.query('SELECT chain_seq, hash FROM audit_chain_head WHERE chain = $1 FOR UPDATE', [
      chain,
    ]);
    if (!rows[0]) throw new Error(`audit chain ${chain} has no head row: a migration must add it`);
    return { chainSeq: rows[0].chain_seq, hash: rows[0].hash };
  }

  /** Inserts the event and moves the chain's head to it, in one statement. */
  async append(manager: EntityManager, e: Omit<AuditEvent, 'id' | 'seq'>): Promise<void> {
    await manager.query(
      `WITH event AS (
         INSERT INTO audit_event (chain, chain_seq, occurred_at, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13))
       UPDATE audit_chain_head SET chain_seq = $2, hash = $13 WHERE chain = $1`,
      [
        e.chain,
        e.chainSeq,
        e.occurredAt,
        e.actorId,
        e.actorRole,
        e.action,
        e.entityType,
        e.entityId,
        e.before === null ? null : JSON.stringify(e.before),
        e.after === null ? null : JSON.stringify(e.after),
        e.requestId,
        e.prevHash,
        e.hash,
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
