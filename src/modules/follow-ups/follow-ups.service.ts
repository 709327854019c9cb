import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Clock } from '../../common/clock/clock.js';
import { notFound } from '../../common/errors/domain-error.js';
import { assertVersion } from '../../common/errors/version.js';
import { keysetPage, type Page } from '../../common/pagination/pagination.js';
import { Transactions } from '../../common/database/transaction.js';
import { AuditService } from '../audit/audit.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { FollowUpQueryDto, FollowUpResponse, RecordFollowUpDto } from './dto/follow-up.dto.js';
import { type FollowUp, OVERDUE_AFTER_DAYS } from './entities/follow-up.entity.js';
import { followUpNotDue, followUpRecorded } from './follow-ups.errors.js';
import { FollowUpsRepository } from './follow-ups.repository.js';

/**
 * Follow-ups of what the support achieved: created by the scheduler 3 and 6 months after an award's
 * last payment (once each), announced to the NGO when due, recorded once by the NGO.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly repository: FollowUpsRepository,
    private readonly transactions: Transactions,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return this.clock.today();
  }

  /** The scheduler's job (in its transaction, under its lock): new follow-ups, and notices for those now due. */
  async schedule(m: EntityManager): Promise<{ created: number; announced: number }> {
    const created = await this.repository.createDue(m);
    const due = await this.repository.takeNewlyDue(m, this.today());
    for (const d of due) {
      await this.notifications.toOrganisation(m, d.organisation_id, {
        kind: 'follow_up_due',
        applicationId: d.application_id,
        text: `${d.number}: the ${d.milestone === '3m' ? '3' : '6'}-month follow-up is due (${d.due_on}). Record what the support achieved.`,
        dedupeKey: `follow-up:${d.id}`,
      });
    }
    return { created, announced: due.length };
  }

  async list(user: AuthUser, query: FollowUpQueryDto): Promise<Page<FollowUpResponse>> {
    const page = await keysetPage(
      this.repository.listQuery({ ...this.access.listScope(user), status: query.status, awardId: query.awardId, today: this.today() }),
      query,
    );
    return { items: await this.toResponses(page.items), nextCursor: page.nextCursor };
  }

  async get(user: AuthUser, id: string): Promise<FollowUpResponse> {
    return (await this.toResponses([await this.findVisible(user, id)]))[0];
  }

  /** The NGO records the outcome, once, when the follow-up is due. */
  async record(user: AuthUser, id: string, dto: RecordFollowUpDto): Promise<FollowUpResponse> {
    await this.findVisible(user, id);
    await this.transactions.run(async (m) => {
      const f = (await this.repository.lock(m, id))!;
      assertVersion(f.version, dto.version);
      if (f.completedAt) throw followUpRecorded(f.completedAt);
      if (f.dueOn > this.today()) throw followUpNotDue(f.dueOn);
      const outcome = {
        contactMade: dto.contactMade,
        livelihoodOperating: dto.livelihoodOperating ?? null,
        incomeChange: dto.incomeChange ?? null,
        livingStandard: dto.livingStandard ?? null,
        intendsToMigrate: dto.intendsToMigrate ?? null,
        referredOthers: dto.referredOthers ?? null,
      };
      await this.repository.complete(m, id, {
        ...outcome,
        note: dto.note?.trim() || null,
        completedAt: this.clock.now(),
        completedBy: user.id,
      });
      // the note may name the person: the audit log keeps the answers and the note's length only
      await this.audit.record(m, {
        action: 'follow_up.record',
        entityType: 'follow_up',
        entityId: id,
        after: { ...outcome, noteLength: dto.note?.trim().length ?? 0 },
      });
    });
    return (await this.toResponses([(await this.repository.findById(id))!]))[0];
  }

  /** The follow-up if the caller may see it (its NGO, officers of its country, admins, auditors), else 404. */
  private async findVisible(user: AuthUser, id: string): Promise<FollowUp> {
    const found = await this.repository.findById(id);
    if (!found || !this.access.canSeeOrganisationRecords(user, found.organisationId, found.country)) throw notFound('Follow-up');
    return found;
  }

  private async toResponses(list: FollowUp[]): Promise<FollowUpResponse[]> {
    const numbers = await this.repository.awardNumbers([...new Set(list.map((f) => f.awardId))]);
    const today = this.today();
    const overdueBefore = new Date(Date.parse(`${today}T00:00:00Z`) - OVERDUE_AFTER_DAYS * 86_400_000).toISOString().slice(0, 10);
    return list.map((f) => ({
      id: f.id,
      awardId: f.awardId,
      awardNumber: numbers.get(f.awardId) ?? '',
      milestone: f.milestone,
      dueOn: f.dueOn,
      status: f.completedAt ? 'completed' : f.dueOn > today ? 'upcoming' : f.dueOn < overdueBefore ? 'overdue' : 'due',
      completedAt: f.completedAt?.toISOString() ?? null,
      contactMade: f.contactMade,
      livelihoodOperating: f.livelihoodOperating,
      incomeChange: f.incomeChange,
      livingStandard: f.livingStandard,
      intendsToMigrate: f.intendsToMigrate,
      referredOthers: f.referredOthers,
      note: f.note,
      version: f.version,
    }));
  }
}
