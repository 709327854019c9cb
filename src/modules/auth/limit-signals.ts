import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { Transactions } from '../../common/database/transaction.js';
import { securityWarning } from '../../common/logging/security-log.js';
import type { Refusal } from '../../common/rate-limit/rate-limiter.js';
import { addressTag } from '../../common/rate-limit/request-counters.js';
import { AuditService } from '../audit/audit.service.js';
import { rateLimited } from './auth.errors.js';

export interface LimitedCaller {
  /** Which limit: login, public, write. */
  limit: string;
  address?: string;
  user?: { id: string; role: string };
}

/**
 * A client over a rate limit: 429 with Retry-After. The first refusal of each window is a security
 * warning and an audit event (one per client and minute, so a flood cannot flood the audit log too).
 */
@Injectable()
export class LimitSignals {
  constructor(
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async refuse(response: Response, refusal: Refusal, caller: LimitedCaller): Promise<never> {
    response.setHeader('Retry-After', String(refusal.retryAfter));
    if (refusal.first) {
      const fields = { limit: caller.limit, source: addressTag(caller.address), userId: caller.user?.id, retryAfter: refusal.retryAfter };
      securityWarning('rate_limit.refused', fields);
      await this.transactions.run((m) =>
        this.audit.record(m, {
          action: 'rate_limit.refused',
          entityType: caller.user ? 'user' : 'client',
          entityId: caller.user?.id ?? null,
          after: { limit: caller.limit, source: fields.source },
          actor: { id: caller.user?.id ?? null, role: caller.user?.role ?? null },
        }),
      );
    }
    throw rateLimited();
  }
}
