import { Injectable } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { type FieldProblem, invalid, notFound } from '../../common/errors/domain-error.js';
import { assertVersion } from '../../common/errors/version.js';
import { formatMinor, normaliseMoney, toMinor } from '../../common/money/money.js';
import type { EntityManager } from 'typeorm';
import type { Page } from '../../common/pagination/pagination.js';
import { isUuid } from '../../common/validation/uuid-param.pipe.js';
import { Transactions } from '../../common/database/transaction.js';
import { applicationNotFound, illegalTransition } from '../applications/applications.errors.js';
import { ApplicationsService } from '../applications/applications.service.js';
import { isOverdue } from '../applications/domain/sla.js';
import type { ApplicationResponse } from '../applications/dto/application.dto.js';
import { type AuditInput, AuditService } from '../audit/audit.service.js';
import type { DecisionDto, QueueItemResponse, ReviewQueueQueryDto, WorkloadResponse } from './dto/review.dto.js';
import { approvedAmounts, needsSecondApproval } from '../awards/domain/approval.js';
import { turnaround } from './domain/decision.js';
import { insufficientFundsToApprove } from '../funds/funds.errors.js';
import type { NotificationKind } from '../notifications/entities/notification.entity.js';
import { Clock } from '../../common/clock/clock.js';
import { recordFundLockHold } from '../../common/metrics/metrics.js';
import { fourEyes } from '../awards/awards.errors.js';
import { AwardsService } from '../awards/awards.service.js';
import type { ApprovedAwardRow } from '../awards/awards.sql.js';
import type { Application } from '../applications/entities/application.entity.js';
import type { ReviewContext } from '../applications/applications.service.js';
import { changedWhileReassigning, claimFirst, claimedByAnother, notTheClaimant } from './reviews.errors.js';
import { INSUFFICIENT_FUNDS, ReviewsRepository } from './reviews.repository.js';

/** The approval that makes an application approved: its total and its award, for `decide`'s last statement. */
interface FinalApproval {
  total: bigint;
  award: ApprovedAwardRow;
}

/** The items as the answer shows them once `amounts` (by item id) are written as their approved amounts. */
function showApproved(items: { id: string; approvedAmount: string | null }[], amounts: { id: string; amount: string }[]): void {
  const byId = new Map(amounts.map((a) => [a.id, a.amount]));
  for (const item of items) item.approvedAmount = byId.get(item.id) ?? item.approvedAmount;
}

/** The notice a decision leaves the organisation's case workers, written with the decision. */
function decisionNotice(app: Application, status: 'info_requested' | 'rejected' | 'approved'): { kind: NotificationKind; text: string } {
  if (status === 'info_requested') {
    return { kind: 'info_requested', text: `${app.reference}: the officer asks for more information. Answer, edit and submit again.` };
  }
  return { kind: 'decision_made', text: `${app.reference}: ${status}.` };
}

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
    private readonly clock: Clock,
    private readonly awards: AwardsService,
  ) {}

  /** A country's queue; a country outside the officer's scope is a 404. */
  async queue(user: AuthUser, query: ReviewQueueQueryDto): Promise<Page<QueueItemResponse>> {
    if (!this.access.canSeeCountry(user, query.country)) throw notFound('Review queue');
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeQueueCursor(query.cursor) : null;
    const rows = await this.transactions.singleStatement((m) => this.repository.queuePage(m, query.country, after, limit + 1));
    const now = this.clock.now();
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
    return {
      items,
      nextCursor: last ? encodeQueueCursor({ rank: last.rank, at: last.last_submitted_at.toISOString(), id: last.id }) : null,
    };
  }

  /** Each officer's load in a country, so work can be balanced: for the country's officers and admins. */
  async workload(user: AuthUser, country: string): Promise<WorkloadResponse> {
    if (!this.access.canSeeCountry(user, country)) throw notFound('Review queue');
    const now = this.clock.now();
    const weekStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7)));
    const rows = await this.transactions.singleStatement((m) => this.repository.workload(m, country, weekStart, now));
    return {
      country,
      weekStartsAt: weekStart.toISOString(),
      items: rows.map((r) => ({
        officerId: r.id,
        fullName: r.full_name,
        claimed: r.claimed,
        decidedThisWeek: r.decided,
        overdue: r.overdue,
      })),
    };
  }

  /**
   * Takes a submitted application from the queue; of two officers claiming at once, one wins and the
   * other gets 409. One guarded statement (the officer's countries, the version named); when it does
   * not apply, `explainRefusal` reads why.
   */
  async claim(user: AuthUser, id: string, comment?: string, version?: number): Promise<ApplicationResponse> {
    const claimed = await this.transactions.singleStatement(async (m) =>
      this.repository.transition(m, {
        id,
        from: 'submitted',
        to: 'in_review',
        claimedBy: user.id,
        countries: this.access.countryScope(user),
        requireClaimant: null,
        action: 'claim',
        comment: await this.redacted(m, id, comment),
        actor: { id: user.id, role: user.role },
        at: this.clock.now(),
        version: version ?? null,
        audit: this.audit.prepare({
          action: 'application.claim',
          entityType: 'application',
          entityId: id,
          before: { status: 'submitted' },
        }),
      }),
    );
    if (!claimed) return this.explainRefusal(user, id, 'claim', version);
    return this.applications.get(user, id);
  }

  /** An admin gives a submitted or claimed application to an officer of its country (to balance work). */
  async reassign(user: AuthUser, id: string, officerId: string, comment?: string, version?: number): Promise<ApplicationResponse> {
    const app = await this.applications.findVisible(user, id);
    if (app.status !== 'submitted' && app.status !== 'in_review') throw illegalTransition(app.status, 'reassign');
    assertVersion(app.version, version);
    const done = await this.transactions.singleStatement(async (m) => {
      if (!(await this.repository.isActiveOfficerOf(m, officerId, app.country))) {
        throw invalid([{ field: 'officerId', message: `officerId must be an active officer of ${app.country}` }]);
      }
      return this.repository.transition(m, {
        id,
        from: app.status,
        to: 'in_review',
        claimedBy: officerId,
        countries: null,
        requireClaimant: app.status === 'in_review' ? app.claimedBy : null,
        action: 'reassign',
        comment: await this.redacted(m, id, comment),
        actor: { id: user.id, role: user.role },
        at: this.clock.now(),
        version: version ?? null,
        audit: this.audit.prepare({
          action: 'application.reassign',
          entityType: 'application',
          entityId: id,
          before: { status: app.status, claimedBy: app.claimedBy },
        }),
      });
    });
    if (!done) {
      // changed since it was read: a version the caller named that is no longer current says so
      if (version !== undefined) assertVersion((await this.applications.findVisible(user, id)).version, version);
      throw changedWhileReassigning();
    }
    return this.applications.get(user, id);
  }

  /** Puts a claimed application back in the queue: the claimant, or an admin. */
  async release(user: AuthUser, id: string, comment?: string, version?: number): Promise<ApplicationResponse> {
    const app = await this.applications.findVisible(user, id);
    if (app.status === 'in_review' && (app.claimedBy === user.id || user.role === 'admin')) assertVersion(app.version, version);
    const released = await this.transactions.singleStatement(async (m) =>
      this.repository.transition(m, {
        id,
        from: 'in_review',
        to: 'submitted',
        claimedBy: null,
        countries: this.access.countryScope(user),
        requireClaimant: user.role === 'admin' ? null : user.id,
        action: 'release',
        comment: await this.redacted(m, id, comment),
        actor: { id: user.id, role: user.role },
        at: this.clock.now(),
        version: version ?? null,
        audit: this.audit.prepare({
          action: 'application.release',
          entityType: 'application',
          entityId: id,
          before: { status: 'in_review', claimedBy: app.claimedBy },
        }),
      }),
    );
    if (!released) return this.explainRefusal(user, id, 'release', version);
    return this.applications.get(user, id);
  }

  /**
   * approve, reject or request_info. The approval that makes an application `approved` writes
   * everything else first and ends with one statement that locks the fund only if the money is
   * there, appends the commitment to the ledger, numbers the award, adds its letter and writes the
   * audit event; then it commits. Without the balance it answers 409 and nothing changes. The
   * fund's lock, the award counter's and the audit chain's are so held for that statement and the
   * commit only (docs/benchmarks.md, "Approvals").
   */
  async decide(user: AuthUser, id: string, dto: DecisionDto): Promise<ApplicationResponse> {
    const missing: FieldProblem[] = [];
    if (dto.decision === 'reject' && !dto.reasonCode) missing.push({ field: 'reasonCode', message: 'reasonCode is required to reject' });
    if (dto.decision !== 'approve' && !dto.comment?.trim())
      missing.push({ field: 'comment', message: `comment is required to ${dto.decision.replace('_', ' ')}: the NGO reads it` });
    if (missing.length) throw invalid(missing);
    // what the approval that makes the application approved asks of the fund, for the 409 if it is not there
    let asked: { total: bigint; currency: string } | null = null;
    const { value: answer, rows } = await this.transactions
      .runCommittingWith(this.applications.reviewLock(id), async (m, locked) => {
        // the officers a letter would name: the first approver, if any, and this one
        const { app, context, redactText } = await this.applications.lockForReview(m, user, locked, (a) =>
          a.firstApprovedBy ? [a.firstApprovedBy, user.id] : [user.id],
        );
        let final: FinalApproval | null = null;
        const now = this.clock.now();
        const actor = { action: '', comment: dto.comment?.trim() ? redactText(dto.comment.trim()) : null, actor: user };
        const isClaimant = app.status === 'in_review' && app.claimedBy === user.id;
        if (dto.decision === 'request_info') {
          if (!isClaimant) throw this.notYours(app, 'request_info');
          assertVersion(app.version, dto.version);
          await this.applications.recordReviewStep(
            m,
            app,
            { status: 'info_requested', infoRequestedAt: now, claimedBy: null, claimedAt: null },
            { ...actor, action: 'request_info' },
            redactText,
            undefined,
            decisionNotice(app, 'info_requested'),
          );
        } else if (dto.decision === 'reject') {
          if (!isClaimant && app.status !== 'pending_second_approval') throw this.notYours(app, 'reject');
          assertVersion(app.version, dto.version);
          const t = turnaround(app.firstSubmittedAt!, now, app.pausedSeconds);
          await this.applications.recordReviewStep(
            m,
            app,
            // a decided application is nobody's work any more, as after approve and request_info
            {
              status: 'rejected',
              decidedAt: now,
              decidedBy: user.id,
              decisionReasonCode: dto.reasonCode!,
              decisionComment: actor.comment,
              grossTurnaroundSeconds: t.gross,
              netTurnaroundSeconds: t.net,
              claimedBy: null,
              claimedAt: null,
            },
            { ...actor, action: 'reject' },
            redactText,
            undefined,
            decisionNotice(app, 'rejected'),
          );
        } else {
          // null: the first of two approvals, which notifies nobody yet
          final = await this.approve(m, user, app, context, dto, now, redactText);
        }
        const audit: AuditInput = {
          action: `application.${dto.decision}`,
          entityType: 'application',
          entityId: id,
          before: { status: app.status },
          after: { decision: dto.decision, reasonCode: dto.reasonCode ?? null, comment: actor.comment, conditions: dto.conditions ?? null },
          redactText,
        };
        if (!final) {
          await this.audit.record(m, audit);
          return { value: this.applications.reviewAnswer(context), last: null };
        }
        asked = { total: final.total, currency: app.currency };
        // the last statement, sent with the COMMIT: fund, ledger, award number, letter and audit event
        return {
          value: this.applications.reviewAnswer(context),
          last: this.repository.commitApproval({
            fundId: app.fundId,
            total: formatMinor(final.total),
            applicationId: app.id,
            memo: app.reference,
            createdBy: user.id,
            award: final.award,
            audit: this.audit.prepare(audit, m),
          }),
        };
      })
      .catch((error: unknown) => {
        const refusal = error as { code?: string; message?: string; detail?: string };
        if (!asked || refusal.code !== 'EF409' || refusal.message !== INSUFFICIENT_FUNDS) throw error;
        throw insufficientFundsToApprove(formatMinor(toMinor(refusal.detail ?? '0')), asked.currency, formatMinor(asked.total));
      });
    if (rows) {
      const { awardId, lockedAt } = this.repository.approvedAward(rows);
      // the fund's lock ended with the commit: how long it was held (the database's clock is this machine's or close to it)
      recordFundLockHold(Math.max(0, performance.timeOrigin + performance.now() - lockedAt.getTime()) / 1000);
      // the letter is rendered after the answer; if that fails the award stands and the scheduler retries
      this.awards.issueLettersInBackground(awardId);
    }
    // the application as this decision wrote it (no read after the commit)
    return answer;
  }

  /** A transition's comment as the history keeps it: blanked of the beneficiary's identifiers. */
  private async redacted(m: EntityManager, applicationId: string, comment: string | undefined): Promise<string | null> {
    return comment ? (await this.applications.redactorForApplication(m, applicationId))(comment) : null;
  }

  /**
   * Writes an approval: the first of two (pending_second_approval; null), or the one that makes the
   * application approved, whose award and money `decide` commits in its last statement.
   */
  private async approve(
    m: EntityManager,
    user: AuthUser,
    app: Application,
    context: ReviewContext,
    dto: DecisionDto,
    now: Date,
    redactText: (text: string) => string,
  ): Promise<FinalApproval | null> {
    const { items } = context;
    // four eyes: never an officer of the submitting organisation, never the same officer twice
    if (user.organisationId && user.organisationId === app.organisationId) {
      throw fourEyes('submittingOrganisation');
    }
    let amounts: { id: string; amount: string }[];
    let total: bigint;
    if (app.status === 'pending_second_approval') {
      if (app.firstApprovedBy === user.id) {
        throw fourEyes('sameApprover');
      }
      assertVersion(app.version, dto.version);
      amounts = items.map((i) => ({ id: i.id, amount: normaliseMoney(i.approvedAmount ?? i.amount) }));
      total = amounts.reduce((s, a) => s + toMinor(a.amount), 0n);
    } else {
      if (app.status !== 'in_review' || app.claimedBy !== user.id) throw this.notYours(app, 'approve');
      assertVersion(app.version, dto.version);
      const result = approvedAmounts(
        items.map((i) => ({ id: i.id, amount: i.amount })),
        dto.items,
      );
      if ('problems' in result) throw invalid(result.problems);
      ({ amounts, total } = result);
      if (needsSecondApproval(total, context.fundRules.secondApprovalThreshold)) {
        await this.applications.recordReviewStep(
          m,
          app,
          {
            status: 'pending_second_approval',
            firstApprovedBy: user.id,
            firstApprovedAt: now,
            conditions: dto.conditions ?? null,
            approvedTotal: formatMinor(total),
            claimedBy: null,
            claimedAt: null,
          },
          { action: 'approve', comment: dto.comment?.trim() || null, actor: user },
          redactText,
          amounts,
        );
        showApproved(items, amounts);
        return null;
      }
    }
    const wasPending = app.status === 'pending_second_approval';
    const conditions = wasPending ? app.conditions : (dto.conditions ?? null);
    const t = turnaround(app.firstSubmittedAt!, now, app.pausedSeconds);
    await this.applications.recordReviewStep(
      m,
      app,
      {
        status: 'approved',
        approvedTotal: formatMinor(total),
        decidedAt: now,
        decidedBy: user.id,
        conditions,
        decisionComment: dto.comment?.trim() || null,
        grossTurnaroundSeconds: t.gross,
        netTurnaroundSeconds: t.net,
        claimedBy: null,
        claimedAt: null,
      },
      { action: wasPending ? 'second_approve' : 'approve', comment: dto.comment?.trim() || null, actor: user },
      redactText,
      wasPending ? undefined : amounts,
      decisionNotice(app, 'approved'),
    );
    if (!wasPending) showApproved(items, amounts);
    // the award, numbered by the approval's last statement
    const byId = new Map(amounts.map((a) => [a.id, a.amount]));
    const award = this.awards.prepareForApproval(
      {
        applicationId: app.id,
        organisationId: app.organisationId,
        fundId: app.fundId,
        beneficiaryId: app.beneficiaryId,
        country: app.country,
        currency: app.currency,
        language: app.language,
        amount: formatMinor(total),
        items: items
          .filter((i) => toMinor(byId.get(i.id) ?? '0') > 0n)
          .map((i) => ({ itemId: i.id, type: i.type, description: i.description, amount: byId.get(i.id)! })),
        conditions,
        approvers: [
          ...(app.firstApprovedBy ? [{ officerId: app.firstApprovedBy, at: app.firstApprovedAt!.toISOString() }] : []),
          { officerId: user.id, at: now.toISOString() },
        ],
      },
      now,
      redactText,
      context.letter,
    );
    return { total, award };
  }

  private notYours(app: Application, action: string) {
    if (app.status === 'in_review') {
      return notTheClaimant(app.status);
    }
    if (app.status === 'submitted') return claimFirst(app.status);
    return illegalTransition(app.status, action);
  }

  private async explainRefusal(user: AuthUser, id: string, action: 'claim' | 'release', version: number | undefined): Promise<never> {
    const current = await this.applications.findVisible(user, id).catch(() => null);
    if (!current) throw applicationNotFound();
    if (action === 'release' && current.status === 'in_review' && current.claimedBy !== user.id && user.role !== 'admin') {
      throw claimedByAnother(current.status);
    }
    // still in the status the step starts from: it was the version the caller named that stopped it
    if (current.status === (action === 'claim' ? 'submitted' : 'in_review')) assertVersion(current.version, version);
    throw illegalTransition(current.status, action);
  }
}
