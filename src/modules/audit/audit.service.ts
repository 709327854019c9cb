import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { requestContext } from '../../common/context/request-context.js';
import { invalid } from '../../common/errors/domain-error.js';
import { type Page } from '../../common/pagination/pagination.js';
import { AuditRepository } from './audit.repository.js';
import { chainHash, type ChainVerification, GENESIS_HASH, redact, verifyChain } from './domain/audit-chain.js';
import type { AuditEvent } from './entities/audit-event.entity.js';
import type { AuditQueryDto } from './dto/audit-query.dto.js';
import { toAuditEventResponse } from './dto/audit-event.response.js';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** Defaults to the signed-in user of the current request; `null` for the system. */
  actor?: { id: string | null; role: string | null };
}

@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /**
   * Appends one event inside the caller's transaction. Call it last in the transaction: it takes the
   * chain lock, which is held until commit.
   */
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Audit events must be written inside the transaction of the change');
    }
    const context = requestContext.get();
    const actor = input.actor ?? { id: context?.user?.id ?? null, role: context?.user?.role ?? null };
    await this.repository.lockChain(manager);
    const last = await this.repository.findLast(manager);
    const content = {
      seq: String(last ? BigInt(last.seq) + 1n : 1n),
      occurredAt: new Date().toISOString(),
      actorId: actor.id,
      actorRole: actor.role,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      before: input.before === undefined ? null : redact(input.before),
      after: input.after === undefined ? null : redact(input.after),
      requestId: context?.requestId ?? null,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    await this.repository.insert(manager, {
      ...content,
      occurredAt: new Date(content.occurredAt),
      before: content.before as Record<string, unknown> | null,
      after: content.after as Record<string, unknown> | null,
      prevHash,
      hash: chainHash(prevHash, content),
    });
  }

  /** Newest first, keyset on seq. */
  async list(query: AuditQueryDto): Promise<Page<AuditEvent>> {
    const qb = this.repository.listQuery(query);
    const limit = query.limit ?? 50;
    if (query.cursor) {
      if (!/^\d{1,19}$/.test(query.cursor)) throw invalid([{ field: 'cursor', message: 'cursor is not a cursor this list returned' }]);
      qb.andWhere('e.seq < :cursor', { cursor: query.cursor });
    }
    const rows = await qb.orderBy('e.seq', 'DESC').limit(limit + 1).getMany();
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].seq : null };
  }

  /** Re-computes the whole chain in pages. */
  async verify(): Promise<ChainVerification> {
    let prev = GENESIS_HASH;
    let afterSeq = '0';
    let checked = 0;
    for (;;) {
      const batch = await this.repository.findRange(afterSeq, 5000);
      if (!batch.length) return { valid: true, checked, brokenAtSeq: null };
      const result = verifyChain(
        batch.map((e) => {
          const { id: _id, ...event } = toAuditEventResponse(e);
          return event;
        }),
        prev,
      );
      if (!result.valid) return { valid: false, checked: checked + result.checked, brokenAtSeq: result.brokenAtSeq };
      checked += batch.length;
      prev = batch[batch.length - 1].hash;
      afterSeq = batch[batch.length - 1].seq;
    }
  }
}
