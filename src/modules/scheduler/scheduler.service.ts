import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Clock } from '../../common/clock/clock.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../common/database/transaction.js';
import { AuditService } from '../audit/audit.service.js';
import { FollowUpsService } from '../follow-ups/follow-ups.service.js';
import { LettersService } from '../letters/letters.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { SchedulerRepository } from './scheduler.repository.js';
import { count } from '../../common/text/plural.js';

/** Advisory lock keys of the jobs (any 64-bit constants, one per job). */
const JOB_LOCKS = { slaBreaches: 7_210_044_001, lapsedClaims: 7_210_044_002, followUps: 7_210_044_003 } as const;

/**
 * Background jobs. With several app instances each run is done by one instance at a time (a
 * transaction-level advisory lock; the others skip that tick), and what must happen once per event
 * (a notice per breach) is also keyed in the database, so a job that runs twice repeats nothing.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly repository: SchedulerRepository,
    private readonly transactions: Transactions,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly letters: LettersService,
    private readonly followUps: FollowUpsService,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SCHEDULER_INTERVAL_SECONDS <= 0) return;
    const tick = setInterval(() => void this.runAll().catch(() => undefined), this.config.SCHEDULER_INTERVAL_SECONDS * 1000);
    tick.unref();
    this.registry.addInterval('review-jobs', tick);
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('interval', 'review-jobs')) this.registry.deleteInterval('review-jobs');
  }

  async runAll(): Promise<{ breaches: number; lapsed: number; letters: number; followUps: number }> {
    return {
      breaches: await this.markSlaBreaches(),
      lapsed: await this.releaseLapsedClaims(),
      letters: await this.issueDueLetters(),
      followUps: (await this.followUpsDue()).created,
    };
  }

  /** Follow-ups 3 and 6 months after each fully paid award's last payment (once each), and notices to the NGO when they fall due. */
  followUpsDue(): Promise<{ created: number; announced: number }> {
    return this.transactions.run(async (m) => {
      if (!(await this.repository.tryJobLock(m, JOB_LOCKS.followUps))) return { created: 0, announced: 0 };
      return this.followUps.schedule(m);
    });
  }

  /**
   * Award letters whose rendering failed, due for another try (with back-off). No job lock: each
   * letter is rendered under its own row lock and instances skip letters another one holds.
   */
  issueDueLetters(): Promise<number> {
    return this.letters.issueDue();
  }

  /** Marks applications past their SLA due time and tells the country's officers, once per breach. */
  async markSlaBreaches(): Promise<number> {
    const now = this.clock.now();
    return this.transactions.run(async (m) => {
      if (!(await this.repository.tryJobLock(m, JOB_LOCKS.slaBreaches))) return 0;
      const breached = await this.repository.markBreaches(m, now);
      for (const b of breached) {
        await this.notifications.toCountryOfficers(m, b.country, {
          kind: 'sla_breached',
          applicationId: b.id,
          text: `${b.reference}: past its decision due time (${b.sla_due_at.toISOString()}).`,
          dedupeKey: `sla:${b.id}:${b.sla_due_at.toISOString()}`,
        });
      }
      if (breached.length) {
        await this.audit.record(m, {
          action: 'scheduler.sla_breached',
          entityType: 'application',
          after: { applications: breached.map((b) => b.id), at: now },
          actor: { id: null, role: null },
        });
      }
      return breached.length;
    });
  }

  /** Puts claims idle longer than CLAIM_IDLE_HOURS back in the queue and tells the officer who held them. */
  async releaseLapsedClaims(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.CLAIM_IDLE_HOURS * 3_600_000);
    return this.transactions.run(async (m) => {
      if (!(await this.repository.tryJobLock(m, JOB_LOCKS.lapsedClaims))) return 0;
      const released = await this.repository.releaseLapsed(m, cutoff);
      for (const r of released) {
        await this.notifications.toUsers(m, [r.claimed_by], {
          kind: 'claim_lapsed',
          applicationId: r.id,
          text: `${r.reference}: your claim lapsed after ${count(this.config.CLAIM_IDLE_HOURS, 'hour')}; it is back in the queue.`,
          dedupeKey: `lapse:${r.id}:${r.claimed_at.toISOString()}`,
        });
      }
      if (released.length) {
        await this.audit.record(m, {
          action: 'scheduler.claims_lapsed',
          entityType: 'application',
          after: { applications: released.map((r) => r.id) },
          actor: { id: null, role: null },
        });
      }
      return released.length;
    });
  }
}
