import { Injectable } from '@nestjs/common';
import { preparedQuery } from '../../common/database/prepared.js';
import { DataSource, type EntityManager } from 'typeorm';
import { auditEventInsert, auditEventParam, type PreparedAuditEvent } from './audit.sql.js';
import { AuditEvent } from './entities/audit-event.entity.js';

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts an event; the `audit_event_link` trigger locks the chain's head (until the transaction
   * ends), gives the event its position and links it. One round trip.
   */
  async insert(manager: EntityManager, e: PreparedAuditEvent): Promise<void> {
    await preparedQuery(manager, 'ef_insert_audit_event', `${auditEventInsert('$1')}`, [auditEventParam(e)]);
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
