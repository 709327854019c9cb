import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Clock } from '../../common/clock/clock.js';
import type { AccessService } from '../../common/access/access.service.js';
import { notFound } from '../../common/errors/domain-error.js';
import {
  admin,
  as,
  callOrder,
  domainError,
  FakeTransactions,
  fakeAccess,
  FixedClock,
  NOW,
  officer,
  ORG_A,
  ORG_B,
} from '../../common/testing/fakes.js';
import type { ApplicationsService, ReviewContext } from '../applications/applications.service.js';
import type { ApplicationResponse } from '../applications/dto/application.dto.js';
import type { Application } from '../applications/entities/application.entity.js';
import type { ApplicationItem } from '../applications/entities/application-item.entity.js';
import type { PreparedAuditEvent } from '../audit/audit.sql.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AwardsService } from '../awards/awards.service.js';
import type { ApprovedAwardRow } from '../awards/awards.sql.js';
import type { QueueRow, ReviewsRepository } from './reviews.repository.js';
import { ReviewsService } from './reviews.service.js';

const APP_ID = 'a0000000-0000-4000-8000-000000000001';
const FUND_ID = 'f0000000-0000-4000-8000-000000000001';

const application = (overrides: Partial<Application> = {}): Application =>
  as<Application>({
    id: APP_ID,
    reference: 'EF-KZ-2026-000001',
    organisationId: ORG_A,
    beneficiaryId: 'b0000000-0000-4000-8000-000000000001',
    fundId: FUND_ID,
    country: 'KZ',
    currency: 'KZT',
    language: 'ru',
    status: 'in_review',
    claimedBy: 'officer-1',
    firstSubmittedAt: new Date(NOW.getTime() - 3 * 3600_000),
    pausedSeconds: 600,
    firstApprovedBy: null,
    firstApprovedAt: null,
    conditions: null,
    version: 3,
    ...overrides,
  });

const item = (id: string, amount: string, approvedAmount: string | null = null): ApplicationItem =>
  as<ApplicationItem>({ id, applicationId: APP_ID, position: 0, type: 'cash', description: `item ${id}`, amount, approvedAmount });

const ITEMS = [item('i1', '100.00'), item('i2', '50.00')];

const REDACT = (text: string) => text.replace(/Aigerim/g, '***');

/** What `lockForReview` answers: the locked application, its items and the fund's second-approval threshold. */
const locked = (app: Application, items: ApplicationItem[] = ITEMS, threshold: string | null = null) => ({
  app,
  context: as<ReviewContext>({ items, fundRules: { secondApprovalThreshold: threshold }, letter: { fundName: 'KZ fund' } }),
  redactText: REDACT,
});

const PREPARED = as<PreparedAuditEvent>({ action: 'prepared' });

/** The review's lock statement, as the fake applications service builds it. */
const LOCK = { text: 'the lock', values: [] };

/** The approval's last statement as the fake repository builds it. */
const LAST = { text: 'the last statement', values: [] };

function setup() {
  const tx = new FakeTransactions();
  const repository = {
    queuePage: jest.fn<ReviewsRepository['queuePage']>().mockResolvedValue([]),
    transition: jest.fn<ReviewsRepository['transition']>().mockResolvedValue(application()),
    isActiveOfficerOf: jest.fn<ReviewsRepository['isActiveOfficerOf']>().mockResolvedValue(true),
    workload: jest.fn<ReviewsRepository['workload']>().mockResolvedValue([]),
    commitApproval: jest.fn<ReviewsRepository['commitApproval']>().mockReturnValue(LAST),
    approvedAward: jest.fn<ReviewsRepository['approvedAward']>().mockReturnValue({ awardId: 'award-1', lockedAt: NOW }),
  };
  const applications = {
    redactorFor: jest.fn<ApplicationsService['redactorFor']>().mockResolvedValue(REDACT),
    redactorForApplication: jest.fn<ApplicationsService['redactorForApplication']>().mockResolvedValue(REDACT),
    findVisible: jest.fn<ApplicationsService['findVisible']>().mockResolvedValue(application()),
    get: jest.fn<ApplicationsService['get']>().mockResolvedValue(as<ApplicationResponse>({ id: APP_ID })),
    reviewAnswer: jest.fn<ApplicationsService['reviewAnswer']>().mockReturnValue(as<ApplicationResponse>({ id: APP_ID })),
    reviewLock: jest.fn<ApplicationsService['reviewLock']>().mockReturnValue(LOCK),
    lockForReview: jest.fn<ApplicationsService['lockForReview']>().mockResolvedValue(locked(application())),
    recordReviewStep: jest
      .fn<ApplicationsService['recordReviewStep']>()
      .mockImplementation(async (_m, app, fields) => ({ ...app, ...fields }) as Application),
  };
  const audit = {
    prepare: jest.fn<AuditService['prepare']>().mockReturnValue(PREPARED),
    record: jest.fn<AuditService['record']>().mockResolvedValue(undefined),
  };
  const access = fakeAccess();
  const clock = new FixedClock();
  const awards = {
    prepareForApproval: jest
      .fn<AwardsService['prepareForApproval']>()
      .mockImplementation((award) => as<ApprovedAwardRow>({ award, year: 2026, letter: { version: 1 } })),
    issueLettersInBackground: jest.fn<AwardsService['issueLettersInBackground']>(),
  };
  const service = new ReviewsService(
    as<ReviewsRepository>(repository),
    as<ApplicationsService>(applications),
    tx.asTransactions,
    as<AuditService>(audit),
    as<AccessService>(access),
    as<Clock>(clock),
    as<AwardsService>(awards),
  );
  /** Every call that changes something: none may happen when a decision is refused. */
  const writes = {
    recordReviewStep: applications.recordReviewStep,
    commitApproval: repository.commitApproval,
    prepareForApproval: awards.prepareForApproval,
    record: audit.record,
    issueLettersInBackground: awards.issueLettersInBackground,
  };
  return { service, tx, repository, applications, audit, access, clock, awards, writes };
}

type Setup = ReturnType<typeof setup>;

function expectNothingWritten(s: Setup) {
  for (const [name, write] of Object.entries(s.writes)) expect([name, write.mock.calls.length]).toEqual([name, 0]);
}

describe('ReviewsService.claim', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it("claims a submitted application for the caller, within the caller's countries, with the audit event in the same statement", async () => {
    await expect(s.service.claim(officer('officer-1'), APP_ID, 'mine Aigerim')).resolves.toEqual({ id: APP_ID });
    // one statement: nothing is read before it
    expect(s.applications.findVisible).not.toHaveBeenCalled();
    expect(s.repository.transition).toHaveBeenCalledWith(
      s.tx.statementManager,
      expect.objectContaining({
        id: APP_ID,
        from: 'submitted',
        to: 'in_review',
        claimedBy: 'officer-1',
        countries: ['KZ'],
        requireClaimant: null,
        action: 'claim',
        comment: 'mine ***',
        at: NOW,
        audit: PREPARED,
      }),
    );
    expect(s.audit.prepare).toHaveBeenCalledWith(expect.objectContaining({ action: 'application.claim', entityId: APP_ID }));
  });

  it('answers an application out of scope with 404: the statement, guarded by the caller’s countries, claimed nothing', async () => {
    s.repository.transition.mockResolvedValue(null);
    s.applications.findVisible.mockRejectedValue(notFound('Application'));
    await domainError(s.service.claim(officer('officer-1'), APP_ID), 'NOT_FOUND', 'not_found');
    expect(s.repository.transition).toHaveBeenCalledWith(s.tx.statementManager, expect.objectContaining({ countries: ['KZ'] }));
    expect(s.applications.get).not.toHaveBeenCalled();
  });

  it('the loser of two claims gets ILLEGAL_TRANSITION with the status it found (in review)', async () => {
    s.applications.findVisible.mockResolvedValue(application({ status: 'in_review', claimedBy: 'officer-2' }));
    s.repository.transition.mockResolvedValue(null);
    const err = await domainError(s.service.claim(officer('officer-1'), APP_ID), 'ILLEGAL_TRANSITION', 'conflict');
    expect(err.extra).toEqual({ currentStatus: 'in_review' });
    expect(s.applications.get).not.toHaveBeenCalled();
  });

  it('answers 409 VERSION_CONFLICT when the statement did not apply because the version named is not the current one', async () => {
    s.applications.findVisible.mockResolvedValue(application({ status: 'submitted', claimedBy: null, version: 4 }));
    s.repository.transition.mockResolvedValue(null);
    await domainError(s.service.claim(officer('officer-1'), APP_ID, undefined, 3), 'VERSION_CONFLICT', 'conflict');
    expect(s.repository.transition).toHaveBeenCalledWith(s.tx.statementManager, expect.objectContaining({ version: 3 }));
  });

  it('answers 404 when the application left the caller’s scope between the attempt and the explanation', async () => {
    s.applications.findVisible.mockRejectedValueOnce(notFound('Application'));
    s.repository.transition.mockResolvedValue(null);
    await domainError(s.service.claim(officer('officer-1'), APP_ID), 'NOT_FOUND', 'not_found');
  });
});

describe('ReviewsService.release', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it('lets an officer release only their own claim, an admin anyone’s', async () => {
    await s.service.release(officer('officer-1'), APP_ID);
    expect(s.repository.transition).toHaveBeenLastCalledWith(
      s.tx.statementManager,
      expect.objectContaining({ from: 'in_review', to: 'submitted', claimedBy: null, requireClaimant: 'officer-1', countries: ['KZ'] }),
    );
    await s.service.release(admin(), APP_ID);
    expect(s.repository.transition).toHaveBeenLastCalledWith(
      s.tx.statementManager,
      expect.objectContaining({ requireClaimant: null, countries: null }),
    );
  });

  it('refuses a release of another officer’s claim with CLAIMED_BY_ANOTHER', async () => {
    s.applications.findVisible.mockResolvedValue(application({ status: 'in_review', claimedBy: 'officer-2' }));
    s.repository.transition.mockResolvedValue(null);
    await domainError(s.service.release(officer('officer-1'), APP_ID), 'CLAIMED_BY_ANOTHER', 'conflict');
  });

  it('refuses a release of an application nobody claimed with ILLEGAL_TRANSITION', async () => {
    s.applications.findVisible.mockResolvedValue(application({ status: 'submitted', claimedBy: null }));
    s.repository.transition.mockResolvedValue(null);
    const err = await domainError(s.service.release(officer('officer-1'), APP_ID), 'ILLEGAL_TRANSITION', 'conflict');
    expect(err.extra).toEqual({ currentStatus: 'submitted' });
  });
});

describe('ReviewsService.reassign', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it('refuses an application that is neither submitted nor in review, before touching the database', async () => {
    s.applications.findVisible.mockResolvedValue(application({ status: 'approved', claimedBy: null }));
    await domainError(s.service.reassign(admin(), APP_ID, 'officer-2'), 'ILLEGAL_TRANSITION', 'conflict');
    expect(s.tx.singleStatement).not.toHaveBeenCalled();
  });

  it('refuses an officerId that is no active officer of the application’s country (400 on officerId)', async () => {
    s.repository.isActiveOfficerOf.mockResolvedValue(false);
    const err = await domainError(s.service.reassign(admin(), APP_ID, 'officer-9'), 'VALIDATION_FAILED', 'validation');
    expect(err.details?.map((d) => d.field)).toEqual(['officerId']);
    expect(s.repository.isActiveOfficerOf).toHaveBeenCalledWith(s.tx.statementManager, 'officer-9', 'KZ');
    expect(s.repository.transition).not.toHaveBeenCalled();
  });

  it('moves a claimed application only if the claimant is still the one it saw; otherwise CONCURRENT_UPDATE', async () => {
    s.applications.findVisible.mockResolvedValue(application({ status: 'in_review', claimedBy: 'officer-1' }));
    s.repository.transition.mockResolvedValue(null);
    await domainError(s.service.reassign(admin(), APP_ID, 'officer-2'), 'CONCURRENT_UPDATE', 'conflict');
    expect(s.repository.transition).toHaveBeenCalledWith(
      s.tx.statementManager,
      expect.objectContaining({
        from: 'in_review',
        to: 'in_review',
        claimedBy: 'officer-2',
        requireClaimant: 'officer-1',
        countries: null,
        action: 'reassign',
      }),
    );
  });

  it('gives a submitted application to the officer without requiring a claimant', async () => {
    s.applications.findVisible.mockResolvedValue(application({ status: 'submitted', claimedBy: null }));
    await expect(s.service.reassign(admin(), APP_ID, 'officer-2')).resolves.toEqual({ id: APP_ID });
    expect(s.repository.transition).toHaveBeenCalledWith(
      s.tx.statementManager,
      expect.objectContaining({ from: 'submitted', claimedBy: 'officer-2', requireClaimant: null }),
    );
  });
});

describe('ReviewsService.queue and workload', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  const row = (id: string, slaDueAt: Date, rank = 1): QueueRow =>
    as<QueueRow>({
      id,
      reference: `EF-${id}`,
      urgency: rank === 0 ? 'urgent' : 'standard',
      country: 'KZ',
      organisation_id: ORG_A,
      total: '10.00',
      currency: 'KZT',
      rank,
      first_submitted_at: new Date('2026-03-01T00:00:00Z'),
      last_submitted_at: new Date('2026-03-02T00:00:00Z'),
      sla_due_at: slaDueAt,
    });

  it('answers a country outside the officer’s scope with 404 and reads nothing', async () => {
    await domainError(s.service.queue(officer('officer-1'), { country: 'UZ' }), 'NOT_FOUND', 'not_found');
    await domainError(s.service.workload(officer('officer-1'), 'UZ'), 'NOT_FOUND', 'not_found');
    expect(s.repository.queuePage).not.toHaveBeenCalled();
    expect(s.repository.workload).not.toHaveBeenCalled();
  });

  it('pages by asking one row more, marks what is past its SLA by the clock, and hands back a cursor that reads back', async () => {
    const ids = ['10000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000003'];
    s.repository.queuePage.mockResolvedValue([
      row(ids[0], new Date(NOW.getTime() - 1), 0),
      row(ids[1], new Date(NOW.getTime() + 3600_000)),
      row(ids[2], NOW),
    ]);
    const page = await s.service.queue(officer('officer-1'), { country: 'KZ', limit: 2 });
    expect(s.repository.queuePage).toHaveBeenCalledWith(s.tx.statementManager, 'KZ', null, 3);
    expect(page.items.map((i) => [i.id, i.overdue])).toEqual([
      [ids[0], true],
      [ids[1], false],
    ]);
    expect(page.nextCursor).not.toBeNull();
    await s.service.queue(officer('officer-1'), { country: 'KZ', limit: 2, cursor: page.nextCursor! });
    expect(s.repository.queuePage).toHaveBeenLastCalledWith(
      s.tx.statementManager,
      'KZ',
      { rank: 1, at: '2026-03-02T00:00:00.000Z', id: ids[1] },
      3,
    );
  });

  it('gives no cursor on the last page and refuses a cursor it did not make', async () => {
    s.repository.queuePage.mockResolvedValue([row('10000000-0000-4000-8000-000000000001', NOW)]);
    expect((await s.service.queue(officer('officer-1'), { country: 'KZ' })).nextCursor).toBeNull();
    const forged = Buffer.from(JSON.stringify([7, 'yesterday', 'x'])).toString('base64url');
    const err = await domainError(
      s.service.queue(officer('officer-1'), { country: 'KZ', cursor: forged }),
      'VALIDATION_FAILED',
      'validation',
    );
    expect(err.details?.map((d) => d.field)).toEqual(['cursor']);
  });

  it('counts the week from Monday 00:00 UTC of the clock’s day', async () => {
    const result = await s.service.workload(officer('officer-1'), 'KZ'); // NOW is Tuesday 2026-03-10
    expect(result.weekStartsAt).toBe('2026-03-09T00:00:00.000Z');
    s.clock.set(new Date('2026-03-15T23:59:00Z')); // a Sunday still belongs to that week
    expect((await s.service.workload(officer('officer-1'), 'KZ')).weekStartsAt).toBe('2026-03-09T00:00:00.000Z');
  });
});

describe('ReviewsService.decide: what a decision needs', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it('refuses a rejection without reason code and comment, naming both, before any transaction', async () => {
    const err = await domainError(
      s.service.decide(officer('officer-1'), APP_ID, { decision: 'reject', comment: '  ' }),
      'VALIDATION_FAILED',
      'validation',
    );
    expect(err.details?.map((d) => d.field)).toEqual(['reasonCode', 'comment']);
    expect(s.tx.runCommittingWith).not.toHaveBeenCalled();
  });

  it('refuses a request for information without a comment (the NGO reads it)', async () => {
    const err = await domainError(
      s.service.decide(officer('officer-1'), APP_ID, { decision: 'request_info' }),
      'VALIDATION_FAILED',
      'validation',
    );
    expect(err.details?.map((d) => d.field)).toEqual(['comment']);
    expect(s.tx.runCommittingWith).not.toHaveBeenCalled();
  });

  it('answers an application outside the reviewer’s scope with 404 and writes nothing', async () => {
    s.applications.lockForReview.mockRejectedValue(notFound('Application'));
    await domainError(s.service.decide(officer('officer-1'), APP_ID, { decision: 'approve' }), 'NOT_FOUND', 'not_found');
    expectNothingWritten(s);
  });

  it.each([
    ['approve', {}],
    ['reject', { reasonCode: 'OUT_OF_SCOPE', comment: 'no' }],
    ['request_info', { comment: 'which invoice?' }],
  ] as const)(
    'refuses to %s an application claimed by another officer with CLAIMED_BY_ANOTHER, writing nothing',
    async (decision, rest) => {
      s.applications.lockForReview.mockResolvedValue(locked(application({ status: 'in_review', claimedBy: 'officer-2' }), ITEMS));
      await domainError(s.service.decide(officer('officer-1'), APP_ID, { decision, ...rest }), 'CLAIMED_BY_ANOTHER', 'conflict');
      expectNothingWritten(s);
    },
  );

  it.each([
    ['approve', {}],
    ['reject', { reasonCode: 'OUT_OF_SCOPE', comment: 'no' }],
    ['request_info', { comment: 'which invoice?' }],
  ] as const)('refuses to %s an application nobody claimed (still submitted) with CLAIM_FIRST, writing nothing', async (decision, rest) => {
    s.applications.lockForReview.mockResolvedValue(locked(application({ status: 'submitted', claimedBy: null }), ITEMS));
    const err = await domainError(s.service.decide(officer('officer-1'), APP_ID, { decision, ...rest }), 'CLAIM_FIRST', 'conflict');
    expect(err.extra).toEqual({ currentStatus: 'submitted' });
    expectNothingWritten(s);
  });
});

describe('ReviewsService.decide: approval', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it('never lets an officer of the submitting organisation approve (FOUR_EYES), and writes nothing', async () => {
    const insider = officer('officer-1', { organisationId: ORG_A });
    await domainError(s.service.decide(insider, APP_ID, { decision: 'approve' }), 'FOUR_EYES', 'forbidden');
    expectNothingWritten(s);
    // an officer who belongs to another organisation is not held back by that rule
    await expect(s.service.decide(officer('officer-1', { organisationId: ORG_B }), APP_ID, { decision: 'approve' })).resolves.toEqual({
      id: APP_ID,
    });
  });

  it('refuses an approved amount above the requested one (400 on that item) and touches no money', async () => {
    const err = await domainError(
      s.service.decide(officer('officer-1'), APP_ID, { decision: 'approve', items: [{ itemId: 'i1', approvedAmount: '100.01' }] }),
      'VALIDATION_FAILED',
      'validation',
    );
    expect(err.details?.map((d) => d.field)).toEqual(['items.0.approvedAmount']);
    expectNothingWritten(s);
  });

  it('sends an approval at the fund’s threshold to a second approval: no money moves, no award, nobody notified', async () => {
    s.applications.lockForReview.mockResolvedValue(locked(application(), ITEMS, '150.00'));
    await s.service.decide(officer('officer-1'), APP_ID, { decision: 'approve', conditions: 'receipts' });
    expect(s.applications.recordReviewStep).toHaveBeenCalledTimes(1);
    expect(s.applications.recordReviewStep).toHaveBeenCalledWith(
      s.tx.manager,
      expect.objectContaining({ id: APP_ID }),
      expect.objectContaining({
        status: 'pending_second_approval',
        firstApprovedBy: 'officer-1',
        firstApprovedAt: NOW,
        approvedTotal: '150.00',
        conditions: 'receipts',
        claimedBy: null,
      }),
      expect.objectContaining({ action: 'approve' }),
      expect.any(Function),
      [
        { id: 'i1', amount: '100.00' },
        { id: 'i2', amount: '50.00' },
      ],
    );
    expect(s.repository.commitApproval).not.toHaveBeenCalled();
    expect(s.awards.prepareForApproval).not.toHaveBeenCalled();
    expect(s.awards.issueLettersInBackground).not.toHaveBeenCalled();
    // nobody is notified of the first of two approvals
    expect(s.applications.recordReviewStep.mock.calls[0][6] ?? null).toBeNull();
    expect(s.audit.record).toHaveBeenCalledWith(s.tx.manager, expect.objectContaining({ action: 'application.approve', entityId: APP_ID }));
  });

  it('approves below the threshold in one transaction whose last statement takes the money, numbers the award and writes the audit event', async () => {
    s.applications.lockForReview.mockResolvedValue(locked(application(), ITEMS, '150.01'));
    await s.service.decide(officer('officer-1'), APP_ID, {
      decision: 'approve',
      items: [{ itemId: 'i2', approvedAmount: '0' }],
      comment: ' ok ',
    });
    expect(
      callOrder({
        write: s.applications.recordReviewStep,
        award: s.awards.prepareForApproval,
        commit: s.repository.commitApproval,
        letters: s.awards.issueLettersInBackground,
      }),
    ).toEqual(['write', 'award', 'commit', 'letters']);
    expect(s.applications.recordReviewStep.mock.calls[0][0]).toBe(s.tx.manager);
    // the answer is the application as the decision wrote it: nothing is read after the commit
    expect(s.applications.reviewAnswer).toHaveBeenCalledTimes(1);
    expect(s.applications.get).not.toHaveBeenCalled();
    // the statement goes to PostgreSQL with the COMMIT
    expect(((await s.tx.runCommittingWith.mock.results[0].value) as { rows: unknown }).rows).toBe(s.tx.lastStatementRows);
    expect(s.repository.approvedAward).toHaveBeenCalledWith(s.tx.lastStatementRows);
    // the audit event goes into the last statement, not a statement of its own
    expect(s.audit.record).not.toHaveBeenCalled();
    expect(s.audit.prepare).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'application.approve', entityId: APP_ID }),
      s.tx.manager,
    );
    expect(s.repository.commitApproval).toHaveBeenCalledWith(
      expect.objectContaining({
        fundId: FUND_ID,
        total: '100.00',
        applicationId: APP_ID,
        memo: 'EF-KZ-2026-000001',
        createdBy: 'officer-1',
        audit: PREPARED,
        award: expect.objectContaining({ year: 2026 }),
      }),
    );
    // 3 hours from first submission, 10 minutes of them waiting for the NGO
    expect(s.applications.recordReviewStep.mock.calls[0][2]).toMatchObject({
      status: 'approved',
      approvedTotal: '100.00',
      decidedBy: 'officer-1',
      decisionComment: 'ok',
      grossTurnaroundSeconds: 10800,
      netTurnaroundSeconds: 10200,
      claimedBy: null,
    });
    expect(s.applications.recordReviewStep.mock.calls[0][3]).toMatchObject({ action: 'approve' });
    // an item granted nothing is left out of the award
    expect(s.awards.prepareForApproval.mock.calls[0][0]).toMatchObject({
      amount: '100.00',
      items: [{ itemId: 'i1', amount: '100.00' }],
      approvers: [{ officerId: 'officer-1', at: NOW.toISOString() }],
    });
    expect(s.awards.issueLettersInBackground).toHaveBeenCalledWith('award-1');
    // the NGO's notice is written with the decision
    expect(s.applications.recordReviewStep.mock.calls[0][6]).toEqual({ kind: 'decision_made', text: 'EF-KZ-2026-000001: approved.' });
  });

  it('answers an approval the fund cannot cover with INSUFFICIENT_FUNDS from inside the transaction (rolled back), and issues no letter', async () => {
    // PostgreSQL refuses the last statement, so the COMMIT sent with it never runs
    s.tx.runCommittingWith.mockImplementation(async (_first, work) => {
      await work(s.tx.manager, []);
      throw Object.assign(new Error('INSUFFICIENT_FUNDS'), { code: 'EF409', detail: '149.99' });
    });
    const err = await domainError(
      s.service.decide(officer('officer-1'), APP_ID, { decision: 'approve' }),
      'INSUFFICIENT_FUNDS',
      'conflict',
    );
    expect(err.extra).toEqual({ available: '149.99' });
    expect(s.repository.approvedAward).not.toHaveBeenCalled();
    expect(s.awards.issueLettersInBackground).not.toHaveBeenCalled();
  });
});

describe('ReviewsService.decide: second approval', () => {
  let s: Setup;
  const pending = () =>
    application({
      status: 'pending_second_approval',
      claimedBy: null,
      firstApprovedBy: 'officer-1',
      firstApprovedAt: new Date('2026-03-09T12:00:00Z'),
      conditions: 'first conditions',
    });
  beforeEach(() => {
    s = setup();
    s.applications.lockForReview.mockResolvedValue(
      locked(pending(), [item('i1', '100.00', '80.00'), item('i2', '50.00', '0.00')], '50.00'),
    );
  });

  it('refuses the second approval from the officer who gave the first (FOUR_EYES) and writes nothing', async () => {
    await domainError(s.service.decide(officer('officer-1'), APP_ID, { decision: 'approve' }), 'FOUR_EYES', 'forbidden');
    expectNothingWritten(s);
  });

  it('approves with the first approver’s amounts and conditions, above the threshold, with both approvers on the award', async () => {
    const second = officer('officer-2');
    await s.service.decide(second, APP_ID, {
      decision: 'approve',
      items: [{ itemId: 'i1', approvedAmount: '1.00' }],
      conditions: 'other conditions',
    });
    expect(s.repository.commitApproval).toHaveBeenCalledWith(expect.objectContaining({ total: '80.00' }));
    const [, , fields, event, , amounts] = s.applications.recordReviewStep.mock.calls[0];
    expect(fields).toMatchObject({ status: 'approved', approvedTotal: '80.00', conditions: 'first conditions', decidedBy: 'officer-2' });
    expect(event).toMatchObject({ action: 'second_approve' });
    expect(amounts).toBeUndefined();
    expect(s.awards.prepareForApproval.mock.calls[0][0]).toMatchObject({
      amount: '80.00',
      conditions: 'first conditions',
      items: [{ itemId: 'i1', amount: '80.00' }],
      approvers: [
        { officerId: 'officer-1', at: '2026-03-09T12:00:00.000Z' },
        { officerId: 'officer-2', at: NOW.toISOString() },
      ],
    });
  });

  it('lets another officer reject a pending approval without claiming it', async () => {
    s.applications.findVisible.mockResolvedValue(application({ status: 'rejected' }));
    await s.service.decide(officer('officer-2'), APP_ID, { decision: 'reject', reasonCode: 'BUDGET', comment: 'no' });
    expect(s.applications.recordReviewStep.mock.calls[0][2]).toMatchObject({
      status: 'rejected',
      decidedBy: 'officer-2',
      decisionReasonCode: 'BUDGET',
      claimedBy: null,
    });
    expect(s.repository.commitApproval).not.toHaveBeenCalled();
    expect(s.applications.recordReviewStep.mock.calls[0][6]).toEqual({ kind: 'decision_made', text: 'EF-KZ-2026-000001: rejected.' });
  });
});

describe('ReviewsService.decide: reject and request_info', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it('rejects a claimed application, writing the NGO’s notice with it and the audit event last, all in the transaction', async () => {
    s.applications.findVisible.mockResolvedValue(application({ status: 'rejected' }));
    await s.service.decide(officer('officer-1'), APP_ID, { decision: 'reject', reasonCode: 'NOT_ELIGIBLE', comment: ' missing papers ' });
    expect(s.applications.recordReviewStep.mock.calls[0][2]).toMatchObject({
      status: 'rejected',
      decisionReasonCode: 'NOT_ELIGIBLE',
      decisionComment: 'missing papers',
      decidedAt: NOW,
    });
    expect(s.applications.recordReviewStep.mock.calls[0][6]).toEqual({ kind: 'decision_made', text: 'EF-KZ-2026-000001: rejected.' });
    expect(callOrder({ write: s.applications.recordReviewStep, audit: s.audit.record })).toEqual(['write', 'audit']);
    expect(s.audit.record).toHaveBeenCalledWith(
      s.tx.manager,
      expect.objectContaining({
        action: 'application.reject',
        before: { status: 'in_review' },
        after: expect.objectContaining({ reasonCode: 'NOT_ELIGIBLE', comment: 'missing papers' }),
      }),
    );
    expect(s.repository.commitApproval).not.toHaveBeenCalled();
    expect(s.awards.issueLettersInBackground).not.toHaveBeenCalled();
  });

  it('sends a claimed application back for information, pausing its clock and releasing the claim', async () => {
    s.applications.findVisible.mockResolvedValue(application({ status: 'info_requested' }));
    await s.service.decide(officer('officer-1'), APP_ID, { decision: 'request_info', comment: 'which invoice?' });
    expect(s.applications.recordReviewStep.mock.calls[0][2]).toEqual({
      status: 'info_requested',
      infoRequestedAt: NOW,
      claimedBy: null,
      claimedAt: null,
    });
    expect(s.applications.recordReviewStep.mock.calls[0][6]).toMatchObject({ kind: 'info_requested' });
  });

  it('refuses a request for information on a pending second approval (only a claimant asks)', async () => {
    s.applications.lockForReview.mockResolvedValue(
      locked(application({ status: 'pending_second_approval', claimedBy: null, firstApprovedBy: 'officer-2' })),
    );
    await domainError(
      s.service.decide(officer('officer-1'), APP_ID, { decision: 'request_info', comment: 'why?' }),
      'ILLEGAL_TRANSITION',
      'conflict',
    );
    expectNothingWritten(s);
  });
});
