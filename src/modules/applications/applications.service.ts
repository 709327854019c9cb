import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Clock } from '../../common/clock/clock.js';
import { type FieldProblem, invalid } from '../../common/errors/domain-error.js';
import { assertVersion } from '../../common/errors/version.js';
import { formatMinor, normaliseMoney, sumMinor, toMinor } from '../../common/money/money.js';
import { keysetPage, type Page } from '../../common/pagination/pagination.js';
import { type Statement, Transactions } from '../../common/database/transaction.js';
import { AuditService } from '../audit/audit.service.js';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service.js';
import { blockingFailures } from '../eligibility/domain/engine.js';
import type { CreateWaiverDto, EligibilityPreviewResponse, EligibilityResponse } from '../eligibility/dto/eligibility.dto.js';
import { EligibilityService } from '../eligibility/eligibility.service.js';
import { eligibilityRunParam } from '../eligibility/eligibility.sql.js';
import type { EligibilityResult } from '../eligibility/entities/eligibility-result.entity.js';
import type { EligibilityRun } from '../eligibility/entities/eligibility-run.entity.js';
import type { EligibilityWaiver } from '../eligibility/entities/eligibility-waiver.entity.js';
import { FundsService } from '../funds/funds.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { NotificationKind } from '../notifications/entities/notification.entity.js';
import { noOrganisation } from '../organisations/organisations.errors.js';
import type { Fund } from '../funds/entities/fund.entity.js';
import {
  alreadyWaived,
  applicationNotFound,
  changedWhileSubmitting,
  illegalTransition,
  noOpenFund,
  ruleNotFailed,
  unknownBeneficiary,
  unknownFund,
} from './applications.errors.js';
import { type ApplicationDetail, ApplicationsRepository, type EDITABLE, type ReviewContext } from './applications.repository.js';
import { type ApplicationAction, canPerform, OPEN_STATUSES, statusAfterSubmit } from './domain/application-state.js';
import { slaDueAt } from './domain/sla.js';
import type { StateSupport } from './domain/application.types.js';
import {
  type ApplicationEventResponse,
  type ApplicationQueryDto,
  type ApplicationResponse,
  type CreateApplicationDto,
  type ItemDto,
  type MessageResponse,
  type StateSupportDto,
  toApplicationResponse,
  toMessageResponse,
  type TransitionDto,
  type UpdateApplicationDto,
} from './dto/application.dto.js';
import type { Application } from './entities/application.entity.js';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { encryptMessageBody, messageBody } from './domain/message-body.js';

const toStateSupport = (s: StateSupportDto | undefined): StateSupport | null =>
  s
    ? { requested: s.requested, agency: s.agency ?? null, requestedOn: s.requestedOn ?? null, outcome: s.outcome, note: s.note ?? null }
    : null;

/** State support cannot have been asked for on a day that has not come (the app's clock says which day it is). */
function stateSupportProblems(s: StateSupportDto | undefined, today: string): FieldProblem[] {
  return s?.requestedOn && s.requestedOn > today
    ? [{ field: 'stateSupport.requestedOn', message: 'stateSupport.requestedOn cannot be in the future' }]
    : [];
}

const totalOf = (items: ItemDto[]) => formatMinor(sumMinor(items.map((i) => toMinor(i.amount))));

export type { ReviewContext };
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly repository: ApplicationsRepository,
    private readonly eligibility: EligibilityService,
    private readonly funds: FundsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly access: AccessService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly beneficiaries: BeneficiariesService,
    private readonly cipher: FieldCipher,
  ) {}

  /**
   * Blanks the beneficiary's name, date of birth, document number and phone out of free text: every
   * comment, reason and description is passed through it before it reaches a permanent record (the
   * application's history, the audit log), which cannot be corrected afterwards.
   */
  redactorFor(manager: EntityManager, beneficiaryId: string): Promise<(text: string) => string> {
    return this.beneficiaries.redactorFor(manager, beneficiaryId);
  }

  /** `redactorFor` the beneficiary of an application (none found: text as it is). */
  async redactorForApplication(manager: EntityManager, applicationId: string): Promise<(text: string) => string> {
    const beneficiary = await this.repository.beneficiaryPii(manager, applicationId);
    return beneficiary ? this.beneficiaries.redactorOf(beneficiary) : (text) => text;
  }

  /** One statement: the draft, its items, its first history event and its audit event. */
  async create(user: AuthUser, dto: CreateApplicationDto): Promise<ApplicationResponse> {
    if (!user.organisationId) throw noOrganisation();
    const organisationId = user.organisationId;
    const problems = stateSupportProblems(dto.stateSupport, this.clock.today());
    if (problems.length) throw invalid(problems);
    const id = randomUUID();
    const created = await this.transactions.singleStatement(async (m) => {
      // the audit snapshot keeps the items' descriptions blanked (the draft itself keeps them as typed)
      const redactText = await this.redactorFor(m, dto.beneficiaryId);
      return this.repository.createDraft(m, {
        id,
        organisationId,
        beneficiaryId: dto.beneficiaryId,
        fundId: dto.fundId ?? null,
        today: this.clock.today(),
        urgency: dto.urgency,
        language: dto.language ?? 'en',
        justification: dto.justification ?? null,
        stateSupport: toStateSupport(dto.stateSupport),
        total: totalOf(dto.items),
        createdBy: user.id,
        items: dto.items,
        actor: { id: user.id, role: user.role },
        // its snapshot is built in the statement from the row written
        audit: this.audit.prepare({ action: 'application.create', entityType: 'application', entityId: id }),
        auditItems: dto.items.map((i) => ({ ...i, description: redactText(i.description) })),
      });
    });
    if (!created.found) throw unknownBeneficiary();
    if (!created.app) throw dto.fundId ? unknownFund() : noOpenFund(created.found.organisationCountry);
    return toApplicationResponse(created.app, created.items, created.found.beneficiaryCode, null, []);
  }

  /**
   * The NGO edits its draft (or an application sent back to it): the lock goes with the BEGIN, one
   * statement reads the items and the people's data for redaction, and one statement sent with the
   * COMMIT writes the items, the fields, the history and the audit event.
   */
  async update(user: AuthUser, id: string, dto: UpdateApplicationDto): Promise<ApplicationResponse> {
    await this.transactions.runCommittingWith(this.repository.lockStatement(id), async (m, locked) => {
      const app = this.repository.lockedRow(locked);
      if (!app || !this.isOwn(user, app)) throw applicationNotFound();
      this.assertCan(app, 'edit');
      assertVersion(app.version, dto.version);
      const { items: itemsBefore, people } = await this.repository.editContext(m, app, [
        app.beneficiaryId,
        dto.beneficiaryId ?? app.beneficiaryId,
      ]);
      const changes: Partial<Pick<Application, (typeof EDITABLE)[number]>> = {};
      if (dto.beneficiaryId !== undefined) {
        if (!people.has(dto.beneficiaryId)) throw unknownBeneficiary();
        changes.beneficiaryId = dto.beneficiaryId;
      }
      if (dto.fundId !== undefined && dto.fundId !== app.fundId) {
        const fund = await this.resolveFund(m, dto.fundId, app.country);
        Object.assign(changes, { fundId: fund.id, country: fund.country, currency: fund.currency });
      }
      if (dto.urgency !== undefined) changes.urgency = dto.urgency;
      if (dto.language !== undefined) changes.language = dto.language;
      if (dto.justification !== undefined) changes.justification = dto.justification;
      if (dto.stateSupport !== undefined) {
        const problems = stateSupportProblems(dto.stateSupport ?? undefined, this.clock.today());
        if (problems.length) throw invalid(problems);
        changes.stateSupport = toStateSupport(dto.stateSupport);
      }
      if (dto.items !== undefined) changes.total = totalOf(dto.items);
      // always an UPDATE, so the version moves even when only the items changed
      const saved = { ...app, ...changes, version: app.version + 1 };
      const redactorOf = (beneficiaryId: string) => {
        const person = people.get(beneficiaryId);
        return person ? this.beneficiaries.redactorOf(person) : (text: string) => text;
      };
      const redactBefore = redactorOf(app.beneficiaryId);
      const redactAfter = saved.beneficiaryId === app.beneficiaryId ? redactBefore : redactorOf(saved.beneficiaryId);
      const audit = this.audit.prepare({
        action: 'application.update',
        entityType: 'application',
        entityId: id,
        before: snapshot(app, itemsBefore),
        after: snapshot(saved, dto.items ?? itemsBefore),
        redactText: (text) => redactAfter(redactBefore(text)),
      });
      return {
        value: undefined,
        last: this.repository.editWrite(app, changes, dto.items ?? null, { id: user.id, role: user.role }, audit),
      };
    });
    return this.get(user, id);
  }

  /**
   * Runs every eligibility rule; lands in `submitted`, or in `ineligible` with every reason at once.
   * Reads, evaluates, then writes everything in one statement that applies only if nobody changed the
   * application meanwhile (a concurrent change answers 409 with the current state): no transaction
   * spans the evaluation.
   */
  async submit(user: AuthUser, id: string, dto: TransitionDto): Promise<ApplicationResponse> {
    return this.transactions.singleStatement(async (m) => {
      const now = this.clock.now();
      const read = await this.repository.readForSubmission(m, id, { openStatuses: OPEN_STATUSES, now });
      if (!read || !this.isOwn(user, read.app)) throw applicationNotFound();
      const { app, items, fund, facts } = read;
      this.assertCan(app, 'submit');
      assertVersion(app.version, dto.version);
      const evaluation = this.eligibility.evaluate({ ...app, items }, fund, now, facts);
      // back from an information request: the wait is paused time, added to the SLA due time
      const pausedSeconds =
        app.pausedSeconds + (app.infoRequestedAt ? Math.round((now.getTime() - app.infoRequestedAt.getTime()) / 1000) : 0);
      const change = {
        status: statusAfterSubmit(evaluation.blocking.length === 0),
        at: now,
        pausedSeconds,
        slaDueAt: slaDueAt(app.firstSubmittedAt ?? now, fund.rules.slaHours[app.urgency], pausedSeconds),
        action: app.status === 'draft' ? 'submit' : 'resubmit',
        comment: evaluation.blocking.length
          ? `Not eligible: ${evaluation.blocking.join(', ')}`
          : dto.comment
            ? (await this.redactorFor(m, app.beneficiaryId))(dto.comment)
            : null,
        actor: { id: user.id, role: user.role },
      };
      const audit = {
        event: this.audit.prepare({
          action: 'application.submit',
          entityType: 'application',
          entityId: id,
          before: { status: app.status },
        }),
        eligibilityRunId: evaluation.run.id,
        failures: evaluation.blocking,
      };
      const saved = await this.repository
        .writeSubmission(m, app, change, eligibilityRunParam(evaluation.run, evaluation.resultRows), audit)
        .catch(async (error: unknown) => {
          if ((error as { code?: string }).code !== '40001') throw error;
          // changed by someone else between the read and the write: say what it is now
          const current = await this.repository.findById(id, m);
          if (current && current.status !== app.status) throw illegalTransition(current.status, 'submit');
          throw changedWhileSubmitting(current?.version);
        });
      const waived = new Set(evaluation.waivers.map((w) => w.ruleCode));
      return toApplicationResponse(
        saved,
        items,
        evaluation.beneficiaryCode,
        {
          outcome: evaluation.run.outcome,
          failures: evaluation.results.filter((r) => r.outcome === 'fail' && !waived.has(r.code)).map((r) => r.code),
          warnings: evaluation.results.filter((r) => r.outcome === 'warn').map((r) => r.code),
          evaluatedAt: evaluation.run.evaluatedAt.toISOString(),
        },
        evaluation.waivers,
      );
    });
  }

  /**
   * The eligibility rules run on the application as it stands, as submitting now would run them,
   * recorded nowhere (no run, no audit event, no change): the case worker sees and fixes a failed
   * rule before sending. Only while the application may be submitted.
   */
  async previewEligibility(user: AuthUser, id: string): Promise<EligibilityPreviewResponse> {
    return this.transactions.singleStatement(async (m) => {
      const now = this.clock.now();
      const read = await this.repository.readForSubmission(m, id, { openStatuses: OPEN_STATUSES, now });
      if (!read || !this.isOwn(user, read.app)) throw applicationNotFound();
      const { app, items, fund, facts } = read;
      this.assertCan(app, 'submit');
      const evaluation = this.eligibility.evaluate({ ...app, items }, fund, now, facts);
      const waived = new Set(evaluation.waivers.map((w) => w.ruleCode));
      return {
        ruleSetVersion: evaluation.run.ruleSetVersion,
        outcome: evaluation.run.outcome,
        evaluatedAt: evaluation.run.evaluatedAt.toISOString(),
        disabledRules: evaluation.run.disabledRules,
        results: evaluation.resultRows.map((r) => ({
          ruleCode: r.ruleCode,
          outcome: r.outcome,
          message: r.message,
          values: r.values,
          waived: r.outcome === 'fail' && waived.has(r.ruleCode),
        })),
      };
    });
  }

  async withdraw(user: AuthUser, id: string, dto: TransitionDto): Promise<ApplicationResponse> {
    await this.transactions.run(async (m) => {
      const app = await this.lockOwn(m, user, id);
      this.assertCan(app, 'withdraw');
      assertVersion(app.version, dto.version);
      const from = app.status;
      const comment = dto.comment ? (await this.redactorFor(m, app.beneficiaryId))(dto.comment) : null;
      await this.repository.update(m, app, { status: 'withdrawn' });
      await this.repository.addEvent(m, {
        applicationId: id,
        action: 'withdraw',
        fromStatus: from,
        toStatus: 'withdrawn',
        comment,
        actorId: user.id,
        actorRole: user.role,
      });
      await this.audit.record(m, {
        action: 'application.withdraw',
        entityType: 'application',
        entityId: id,
        before: { status: from },
        after: { status: 'withdrawn' },
      });
    });
    return this.get(user, id);
  }

  /**
   * An admin waives one failed rule for one application. When no other rule still blocks, an
   * ineligible application moves on to `submitted` at once: the NGO need not submit again.
   */
  async waive(user: AuthUser, id: string, dto: CreateWaiverDto): Promise<ApplicationResponse> {
    await this.transactions.run(async (m) => {
      const app = await this.repository.lockById(m, id);
      if (!app) throw applicationNotFound();
      this.assertCan(app, 'waive');
      assertVersion(app.version, dto.version);
      const latest = await this.eligibility.latestWithResults(m, id);
      if (!latest || !latest.results.some((r) => r.ruleCode === dto.ruleCode && r.outcome === 'fail')) throw ruleNotFailed(dto.ruleCode);
      const reason = (await this.redactorFor(m, app.beneficiaryId))(dto.reason.trim());
      const waiver = await this.eligibility.addWaiver(m, {
        applicationId: id,
        ruleCode: dto.ruleCode,
        reason,
        createdBy: user.id,
      });
      if (!waiver) throw alreadyWaived(dto.ruleCode);
      const waivers = await this.eligibility.waivers(id, m);
      const stillBlocking = blockingFailures(
        latest.results.map((r) => ({ code: r.ruleCode as never, outcome: r.outcome })),
        waivers.map((w) => w.ruleCode),
      );
      const from = app.status;
      if (from === 'ineligible' && stillBlocking.length === 0) {
        await this.repository.update(m, app, { status: 'submitted', lastSubmittedAt: this.clock.now() });
      }
      await this.repository.addEvent(m, {
        applicationId: id,
        action: 'waive',
        fromStatus: from,
        toStatus: app.status,
        comment: `${dto.ruleCode} waived: ${reason}`,
        actorId: user.id,
        actorRole: user.role,
      });
      await this.audit.record(m, {
        action: 'eligibility.waive',
        entityType: 'application',
        entityId: id,
        before: { status: from },
        after: { status: app.status, ruleCode: dto.ruleCode, reason, stillBlocking },
      });
    });
    return this.get(user, id);
  }

  /**
   * One application. Officers (of its country: findVisible) and admins also see whether other
   * organisations registered the same person (crossOrganisationMatch), to check at review that help
   * is not paid twice; NGO users never do, so the duplicate check is no oracle for them.
   */
  async get(user: AuthUser, id: string): Promise<ApplicationResponse> {
    const staff = user.role === 'officer' || user.role === 'admin';
    const detail = await this.repository.detail(id, staff ? { openStatuses: OPEN_STATUSES, now: this.clock.now() } : null);
    // the scope is checked on what was read: someone else's application is a 404 like a missing one
    if (!detail || !this.access.canSeeOrganisationRecords(user, detail.app.organisationId, detail.app.country)) throw applicationNotFound();
    return answerOf(detail, staff);
  }

  /**
   * A review step's answer, from what `lockForReview` read and the step wrote into its application
   * and items (as an officer sees it): no read after the commit.
   */
  reviewAnswer(context: ReviewContext): ApplicationResponse {
    return answerOf(context.detail, true);
  }

  async list(user: AuthUser, query: ApplicationQueryDto): Promise<Page<ApplicationResponse>> {
    const page = await keysetPage(this.repository.listQuery({ ...query, ...this.access.listScope(user) }), query);
    return { items: await this.toResponses(page.items), nextCursor: page.nextCursor };
  }

  async events(user: AuthUser, id: string): Promise<{ items: ApplicationEventResponse[] }> {
    await this.findVisible(user, id);
    const events = await this.repository.events(id);
    return {
      items: events.map((e) => ({
        id: e.id,
        action: e.action,
        from: e.fromStatus,
        to: e.toStatus,
        comment: e.comment,
        actorId: e.actorId,
        actorRole: e.actorRole,
        at: e.createdAt.toISOString(),
      })),
    };
  }

  /** The thread the NGO and the officers share; anyone who may see the application may write to it. */
  async postMessage(user: AuthUser, id: string, body: string): Promise<MessageResponse> {
    const app = await this.findVisible(user, id);
    const text = body.trim();
    const messageId = randomUUID();
    return this.transactions.run(async (m) => {
      const message = await this.repository.insertMessage(m, {
        id: messageId,
        applicationId: app.id,
        authorId: user.id,
        authorRole: user.role,
        bodyEnc: encryptMessageBody(this.cipher, messageId, text),
      });
      // the other side hears of it: the NGO when staff write; the claimant, or else the country's officers, when the NGO writes
      const notice = {
        kind: 'message_received' as const,
        applicationId: app.id,
        text: `${app.reference ?? 'A draft application'}: a new message.`,
      };
      if (user.role === 'ngo') {
        if (app.claimedBy) await this.notifications.toUsers(m, [app.claimedBy], notice);
        else await this.notifications.toCountryOfficers(m, app.country, notice);
      } else {
        await this.notifications.toOrganisation(m, app.organisationId, notice);
      }
      // the body may mention the person: the audit keeps who wrote, when and how much
      await this.audit.record(m, {
        action: 'application.message',
        entityType: 'application',
        entityId: id,
        after: { messageId: message.id, length: text.length },
      });
      return toMessageResponse(message, text);
    });
  }

  async messages(user: AuthUser, id: string): Promise<{ items: MessageResponse[] }> {
    await this.findVisible(user, id);
    return { items: (await this.repository.messagesOf(id)).map((m) => toMessageResponse(m, messageBody(this.cipher, m.id, m.bodyEnc))) };
  }

  async eligibilityOf(user: AuthUser, id: string): Promise<EligibilityResponse | null> {
    const found = await this.eligibility.latestOfApplication(id);
    if (!found || !this.access.canSeeOrganisationRecords(user, found.organisationId, found.country)) throw applicationNotFound();
    return found.latest;
  }

  /** The application if the user may see it; 404 otherwise (existence is not revealed). */
  async findVisible(user: AuthUser, id: string, manager?: EntityManager): Promise<Application> {
    const app = await this.repository.findById(id, manager);
    if (!app || !this.access.canSeeOrganisationRecords(user, app.organisationId, app.country)) throw applicationNotFound();
    return app;
  }

  /** The application locked for a change by its own NGO; 404 for anyone else. */
  async lockOwn(manager: EntityManager, user: AuthUser, id: string): Promise<Application> {
    const app = await this.repository.lockById(manager, id);
    if (!app || !this.isOwn(user, app)) throw applicationNotFound();
    return app;
  }

  /** The statement that locks an application for a review step, sent with the step's BEGIN (`lockForReview` reads its rows). */
  reviewLock(id: string): Statement {
    return this.repository.lockStatement(id);
  }

  /**
   * A review step's start, given the rows of `reviewLock`: the application (404 when there is none or
   * it is outside the officer's countries), then what the step reads in one statement
   * (`ReviewContext`, with the names of `officerIds` for a letter) and the redactor of its beneficiary.
   */
  async lockForReview(
    manager: EntityManager,
    user: AuthUser,
    lockedRows: Record<string, unknown>[],
    officerIds: (app: Application) => string[],
  ): Promise<{ app: Application; context: ReviewContext; redactText: (text: string) => string }> {
    const app = this.repository.lockedRow(lockedRows);
    if (!app || !this.access.canSeeCountry(user, app.country)) throw applicationNotFound();
    const context = await this.repository.reviewContext(manager, app, officerIds(app), {
      openStatuses: OPEN_STATUSES,
      now: this.clock.now(),
    });
    return { app, context, redactText: this.beneficiaries.redactorOf(context.beneficiary) };
  }

  /**
   * For reviews: writes the decided fields (the version moves), the approved amounts when given, the
   * history event and the notice to the organisation's case workers when given, in one statement;
   * comments and conditions are blanked of the beneficiary's identifiers by `redactText`
   * (`lockForReview`'s).
   */
  async recordReviewStep(
    manager: EntityManager,
    app: Application,
    decided: Partial<Application>,
    event: { action: string; comment: string | null; actor: AuthUser },
    redactText: (text: string) => string,
    approvedAmounts?: { id: string; amount: string }[],
    notice: { kind: NotificationKind; text: string } | null = null,
  ): Promise<Application> {
    const fields = { ...decided };
    if (fields.decisionComment) fields.decisionComment = redactText(fields.decisionComment);
    if (fields.conditions) fields.conditions = redactText(fields.conditions);
    return this.repository.writeReviewStep(
      manager,
      app,
      fields,
      {
        action: event.action,
        comment: event.comment === null ? null : redactText(event.comment),
        actorId: event.actor.id,
        actorRole: event.actor.role,
      },
      approvedAmounts,
      notice,
    );
  }

  private isOwn(user: AuthUser, app: Application): boolean {
    return user.role === 'ngo' && app.organisationId === user.organisationId;
  }

  assertCan(app: Application, action: ApplicationAction): void {
    if (!canPerform(app.status, action)) throw illegalTransition(app.status, action);
  }

  /** The fund named, or the open fund of the organisation's country today. */
  private async resolveFund(manager: EntityManager, fundId: string | undefined, organisationCountry: string): Promise<Fund> {
    if (fundId) {
      const fund = await this.funds.find(manager, fundId);
      if (!fund) throw unknownFund();
      return fund;
    }
    const country = organisationCountry;
    const fund = await this.funds.openFundOn(manager, country, this.clock.today());
    if (!fund) throw noOpenFund(country);
    return fund;
  }

  private async toResponses(apps: Application[]): Promise<ApplicationResponse[]> {
    const ids = apps.map((a) => a.id);
    const [items, codes, summaries] = await Promise.all([
      this.repository.itemsOf(ids),
      this.repository.beneficiaryCodes([...new Set(apps.map((a) => a.beneficiaryId))]),
      this.eligibility.summaries(ids),
    ]);
    return apps.map((a) => {
      const waivers = summaries.waivers.filter((w) => w.applicationId === a.id);
      return toApplicationResponse(
        a,
        items.filter((i) => i.applicationId === a.id),
        codes.get(a.beneficiaryId) ?? '',
        summarise(summaries.runs.get(a.id), waivers),
        waivers,
      );
    });
  }
}

function summarise(
  latest: { run: EligibilityRun; results: EligibilityResult[] } | undefined,
  waivers: EligibilityWaiver[],
): ApplicationResponse['eligibility'] {
  if (!latest) return null;
  const waived = new Set(waivers.map((w) => w.ruleCode));
  return {
    outcome: latest.run.outcome,
    failures: latest.results.filter((r) => r.outcome === 'fail' && !waived.has(r.ruleCode)).map((r) => r.ruleCode),
    warnings: latest.results.filter((r) => r.outcome === 'warn').map((r) => r.ruleCode),
    evaluatedAt: latest.run.evaluatedAt.toISOString(),
  };
}

/** What the audit log keeps of an application: its fields and items (there is no beneficiary PII here). */
function snapshot(
  app: Pick<Application, 'status' | 'fundId' | 'beneficiaryId' | 'urgency' | 'language' | 'total' | 'stateSupport' | 'version'>,
  items: { type: string; description: string; amount: string }[],
) {
  return {
    status: app.status,
    fundId: app.fundId,
    beneficiaryId: app.beneficiaryId,
    urgency: app.urgency,
    language: app.language,
    total: normaliseMoney(app.total),
    items: items.map((i) => ({ type: i.type, description: i.description, amount: normaliseMoney(i.amount) })),
    stateSupport: app.stateSupport,
    version: app.version,
  };
}

/** An application's answer from its detail; staff also see the same person at other organisations. */
function answerOf(detail: ApplicationDetail, staff: boolean): ApplicationResponse {
  const response = toApplicationResponse(
    detail.app,
    detail.items,
    detail.beneficiaryCode,
    summarise(detail.latestRun ?? undefined, detail.waivers),
    detail.waivers,
  );
  return staff ? { ...response, crossOrganisationMatch: detail.crossOrganisationMatch } : response;
}
