import { Injectable } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { conflict, invalid, notFound } from '../../common/errors/domain-error.js';
import type { Page } from '../../common/pagination/pagination.js';
import { isUuid } from '../../common/validation/uuid-param.pipe.js';
import { Transactions } from '../../database/transaction.js';
import { applicationNotFound, illegalTransition } from '../applications/applications.errors.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { isOverdue } from '../applications/domain/sla.js';
import type { ApplicationResponse } from '../applications/dto/application.dto.js';
import { AuditService } from '../audit/audit.service.js';
import type { QueueItemResponse, ReviewQueueQueryDto } from './dto/review.dto.js';
import { ReviewsRepository } from './reviews.repository.js';

/** The queue's keyset: urgency rank (0 urgent, 1 standard), last submission time, id. */
function encodeQueueCursor(key: { rank: number; at: string; id: string }): string {
  return Buffer.from(JSON.stringify([key.rank, key.at, key.id])).toString('base64url');
}

function decodeQueueCursor(cursor: string): { rank: number; at: string; id: string } {
  try {
    const [rank, at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    if ((rank === 0 || rank === 1) && typeof at === 'string' && !Number.isNaN(Date.parse(at)) && isUuid(id)) return { rank, at, id };
  } catch {
    // fall through to the 400
  }
  throw invalid([{ field: 'cursor', message: 'cursor is not a cursor this list returned' }]);
}

@Injectable()
export class ReviewsService {
  constructor(
    private readonly repository: ReviewsRepository,
    private readonly applications: ApplicationsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  /** A country's queue; a country outside the officer's scope is a 404. */
  async queue(user: AuthUser, query: ReviewQueueQueryDto): Promise<Page<QueueItemResponse>> {
    if (!this.access.canSeeCountry(user, query.country)) throw notFound('Review queue');
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeQueueCursor(query.cursor) : null;
    const rows = await this.transactions.singleStatement((m) => this.repository.queuePage(m, query.country, after, limit + 1));
    const now = new Date();
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id,
      reference: r.reference,
      urgency: r.urgency,
      country: r.country,
      organisationId: r.organisation_id,
      total: r.total,
      currency: r.currency,
      firstSubmittedAt: r.first_submitted_at.toISOString(),
      lastSubmittedAt: r.last_submitted_at.toISOString(),
      slaDueAt: r.sla_due_at.toISOString(),
      overdue: isOverdue(r.sla_due_at, now),
    }));
    const last = rows.length > limit ? rows[limit - 1] : null;
    return { items, nextCursor: last ? encodeQueueCursor({ rank: last.rank, at: last.last_submitted_at.toISOString(), id: last.id }) : null };
  }

  /** Takes a submitted application from the queue; of two officers claiming at once, one wins and the other gets 409. */
  async claim(user: AuthUser, id: string, comment?: string): Promise<ApplicationResponse> {
    const app = await this.applications.findVisible(user, id);
    const claimed = await this.transactions.singleStatement((m) =>
      this.repository.transition(m, {
        id,
        from: 'submitted',
        to: 'in_review',
        claimedBy: user.id,
        countries: this.access.countryScope(user),
        requireClaimant: null,
        action: 'claim',
        comment: comment ?? null,
        actor: { id: user.id, role: user.role },
        audit: this.audit.prepare({ action: 'application.claim', entityType: 'application', entityId: id, before: { status: 'submitted' } }),
      }),
    );
    if (!claimed) return this.explainRefusal(user, id, 'claim', app.status);
    return this.applications.get(user, id);
  }

  /** Puts a claimed application back in the queue: the claimant, or an admin. */
  async release(user: AuthUser, id: string, comment?: string): Promise<ApplicationResponse> {
    const app = await this.applications.findVisible(user, id);
    const released = await this.transactions.singleStatement((m) =>
      this.repository.transition(m, {
        id,
        from: 'in_review',
        to: 'submitted',
        claimedBy: null,
        countries: this.access.countryScope(user),
        requireClaimant: user.role === 'admin' ? null : user.id,
        action: 'release',
        comment: comment ?? null,
        actor: { id: user.id, role: user.role },
        audit: this.audit.prepare({ action: 'application.release', entityType: 'application', entityId: id, before: { status: 'in_review', claimedBy: app.claimedBy } }),
      }),
    );
    if (!released) return this.explainRefusal(user, id, 'release', app.status);
    return this.applications.get(user, id);
  }

  private async explainRefusal(user: AuthUser, id: string, action: 'claim' | 'release', seenStatus: string): Promise<never> {
    const current = await this.applications.findVisible(user, id).catch(() => null);
    if (!current) throw applicationNotFound();
    if (action === 'release' && current.status === 'in_review' && current.claimedBy !== user.id) {
      throw conflict('CLAIMED_BY_ANOTHER', 'Another officer is working on this application; only they or an admin can release it', {
        currentStatus: current.status,
      });
    }
    throw illegalTransition(current.status ?? seenStatus, action);
  }
}
