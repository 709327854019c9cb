import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { requestContext } from '../../common/context/request-context.js';
import { invalid } from '../../common/errors/domain-error.js';
import { type Page } from '../../common/pagination/pagination.js';
import { AuditRepository } from './audit.repository.js';
import { randomInt } from 'node:crypto';
import { AUDIT_CHAINS, GENESIS_HASH, redact, redactFreeText, verifyChain } from './domain/audit-chain.js';
import type { AuditEvent } from './entities/audit-event.entity.js';
import type { PreparedAuditEvent } from './audit.sql.js';
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
  /**
   * Blanks a beneficiary's identifiers out of free text (`BeneficiariesService.redactorFor`): given,
   * it is applied to every free-text field of `before` and `after` (descriptions, justifications,
   * comments, conditions, reasons, notes...), at any depth. An event about a beneficiary's case passes it.
   */
  redactText?: (text: string) => string;
}

@Injectable()
export class AuditService {
  constructor(private readonly repository: AuditRepository) {}

  /** The chain each open transaction appends to: one per transaction, so a transaction takes one chain lock only. */
  private readonly chainOf = new WeakMap<EntityManager, number>();

  /**
   * Appends one event inside the caller's transaction. Call it last in the transaction: inserting
   * takes its chain's head lock (in the database trigger), which is held until commit. Transactions spread over AUDIT_CHAINS chains at random,
   * so concurrent writers do not wait for one another's commits.
   */
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Audit events must be written inside the transaction of the change');
    }
    await this.repository.insert(manager, this.prepare(input, manager));
  }

  /**
   * The event as it will be inserted, for a repository that writes it in the same statement as the
   * change (`auditEventInsert`): one round trip less on a hot path. It must go into the statement or
   * transaction of the change, like `record`. With `manager`, the transaction keeps one chain.
   */
  prepare(input: AuditInput, manager?: EntityManager): PreparedAuditEvent {
    const context = requestContext.get();
    const actor = input.actor ?? { id: context?.user?.id ?? null, role: context?.user?.role ?? null };
    let chain = manager && this.chainOf.get(manager);
    if (chain === undefined) {
      chain = randomInt(AUDIT_CHAINS);
      if (manager) this.chainOf.set(manager, chain);
    }
    const content = {
      occurredAt: new Date().toISOString(),
      actorId: actor.id,
      actorRole: actor.role,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      before: input.before === undefined ? null : redactFreeText(redact(input.before), input.redactText),
      after: input.after === undefined ? null : redactFreeText(redact(input.after), input.redactText),
      requestId: context?.requestId ?? null,
    };
    return {
      ...content,
      chain,
      occurredAt: new Date(content.occurredAt),
      before: content.before as Record<string, unknown> | null,
      after: content.after as Record<string, unknown> | null,
    };
  }

  /** Newest first, keyset on seq. */
  async list(query: AuditQueryDto): Promise<Page<AuditEvent>> {
    const qb = this.repository.listQuery(query);
    const limit = query.limit ?? 50;
    if (query.cursor) {
      if (!/^\d{1,19}$/.test(query.cursor)) throw invalid([{ field: 'cursor', message: 'cursor is not a cursor this list returned' }]);
      qb.andWhere('e.seq < :cursor', { cursor: query.cursor });
    }
    const rows = await qb
      .orderBy('e.seq', 'DESC')
      .limit(limit + 1)
      .getMany();
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].seq : null };
  }

  /** Re-computes every chain, in pages; reports the first broken event. */
  async verify(): Promise<{
    valid: boolean;
    checked: number;
    chains: number;
    brokenAt: { chain: number; chainSeq: string; seq: string } | null;
  }> {
    let checked = 0;
    const heads = await this.repository.heads();
    const chains = heads.map((h) => h.chain);
    for (const head of heads) {
      const chain = head.chain;
      let start = { hash: GENESIS_HASH, chainSeq: 0n };
      for (;;) {
        const batch = await this.repository.findChainRange(chain, String(start.chainSeq), 5000);
        if (!batch.length) break;
        const result = verifyChain(
          batch.map((e) => {
            const { id: _id, seq: _seq, ...event } = toAuditEventResponse(e);
            return event;
          }),
          start,
        );
        checked += result.checked;
        if (!result.valid) {
          const broken = batch.find((e) => e.chainSeq === result.brokenAt!.chainSeq)!;
          return { valid: false, checked, chains: chains.length, brokenAt: { chain, chainSeq: broken.chainSeq, seq: broken.seq } };
        }
        const last = batch[batch.length - 1];
        start = { hash: last.hash, chainSeq: BigInt(last.chainSeq) };
      }
      // the head must point at the chain's last event: a removed tail would show here
      if (String(start.chainSeq) !== head.chain_seq || start.hash !== head.hash) {
        return { valid: false, checked, chains: chains.length, brokenAt: { chain, chainSeq: head.chain_seq, seq: '' } };
      }
    }
    return { valid: true, checked, chains: chains.length, brokenAt: null };
  }
}
