import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Clock } from '../../common/clock/clock.js';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { conflict } from '../../common/errors/domain-error.js';
import type { Idempotency } from '../../common/idempotency/idempotency.js';
import { as, callOrder, domainError, FakeTransactions, finance, FixedClock, NOW, ORG_A } from '../../common/testing/fakes.js';
import type { AuditService } from '../audit/audit.service.js';
import type { PreparedAuditEvent } from '../audit/audit.sql.js';
import type { Award } from '../awards/entities/award.entity.js';
import type { Fund } from '../funds/entities/fund.entity.js';
import type { FundsService } from '../funds/funds.service.js';
import type { OrganisationsService } from '../organisations/organisations.service.js';
import type { DisbursementsRepository, LockedAward } from './disbursements.repository.js';
import { DisbursementsService } from './disbursements.service.js';
import type { CreateDisbursementDto, DisbursementResponse } from './dto/disbursement.dto.js';
import type { Disbursement } from './entities/disbursement.entity.js';
import type { TrancheBatches } from './tranche-batches.js';

const AWARD_ID = 'aw000000-0000-4000-8000-000000000001';
const FUND_ID = 'f0000000-0000-4000-8000-000000000001';
const D_ID = 'd0000000-0000-4000-8000-000000000001';
const BATCH_ID = 'ba000000-0000-4000-8000-000000000001';
const KEY = 'key-1';
const CLAIM = { text: 'INSERT INTO idempotency_key …', values: [] };
const INSERT = { text: 'WITH ins AS (INSERT INTO disbursement …)', values: [] };
const LOCK = { text: 'SELECT … FROM award a … FOR NO KEY UPDATE OF a', values: [AWARD_ID] };
const TOTALS = { text: 'SELECT … FROM disbursement WHERE award_id = $1', values: [AWARD_ID] };
const ACCOUNT = { bankName: 'Halyk', iban: 'KZ570000000000001234', bic: 'HSBKKZKX' };

/** The award a new tranche's first message locks, as PostgreSQL answers it. */
const lockedAward = (overrides: Partial<LockedAward> = {}): LockedAward => ({
  id: AWARD_ID,
  number: 'AWD-KZ-2026-00001',
  status: 'active',
  amount: '150.00',
  committed: '150.00',
  fund_id: FUND_ID,
  organisation_id: ORG_A,
  country: 'KZ',
  currency: 'KZT',
  organisation_name: 'Helping Hands',
  organisation_account_enc: 'sealed account',
  ...overrides,
});

/** What a new tranche's first message reads: the key taken (no rows: the fake's claim decides), the award locked (or none), its tranches paid and planned. */
function firstMessage(tx: FakeTransactions, locked: LockedAward | null, paid = '0', unpaid = '0') {
  tx.firstMessageRows = [[], locked ? [{ ...locked }] : [], [{ paid, unpaid }]];
}

const award = (overrides: Partial<Award> = {}): Award =>
  as<Award>({
    id: AWARD_ID,
    number: 'AWD-KZ-2026-00001',
    organisationId: ORG_A,
    fundId: FUND_ID,
    country: 'KZ',
    currency: 'KZT',
    amount: '150.00',
    committed: '150.00',
    status: 'active',
    ...overrides,
  });

const disbursement = (overrides: Partial<Disbursement> = {}): Disbursement =>
  as<Disbursement>({
    id: D_ID,
    awardId: AWARD_ID,
    fundId: FUND_ID,
    organisationId: ORG_A,
    country: 'KZ',
    currency: 'KZT',
    amount: '40.00',
    method: 'bank_transfer',
    payee: { kind: 'organisation' },
    scheduledFor: '2026-03-10',
    status: 'scheduled',
    paymentReference: 'PAY-KZ-2026-000001',
    batchId: null,
    paidAt: null,
    paidOn: null,
    cancelledAt: null,
    cancelNote: null,
    version: 1,
    createdAt: NOW,
    ...overrides,
  });

const dto = (overrides: Partial<CreateDisbursementDto> = {}): CreateDisbursementDto => ({
  awardId: AWARD_ID,
  amount: '40',
  method: 'bank_transfer',
  ...overrides,
});

const CIPHER = new FieldCipher(Buffer.alloc(32, 7));

function setup() {
  const tx = new FakeTransactions();
  firstMessage(tx, lockedAward());
  const repository = {
    awardForTranche: jest.fn<DisbursementsRepository['awardForTranche']>().mockReturnValue([LOCK, TOTALS]),
    lockAward: jest.fn<DisbursementsRepository['lockAward']>().mockResolvedValue(award()),
    insertStatement: jest.fn<DisbursementsRepository['insertStatement']>().mockReturnValue(INSERT),
    findById: jest.fn<DisbursementsRepository['findById']>().mockResolvedValue(disbursement()),
    lock: jest.fn<DisbursementsRepository['lock']>().mockResolvedValue(disbursement()),
    giveBack: jest.fn<DisbursementsRepository['giveBack']>().mockResolvedValue(undefined),
    leaveBatch: jest.fn<DisbursementsRepository['leaveBatch']>().mockResolvedValue(undefined),
    moveAwardCommitment: jest.fn<DisbursementsRepository['moveAwardCommitment']>().mockResolvedValue(undefined),
    awardNumbers: jest.fn<DisbursementsRepository['awardNumbers']>().mockResolvedValue(new Map([[AWARD_ID, 'AWD-KZ-2026-00001']])),
  };
  const batches = {
    lock: jest.fn<TrancheBatches['lock']>().mockResolvedValue({ status: 'open', exported: false, count: 2, total: '70.00' }),
    recount: jest.fn<TrancheBatches['recount']>().mockResolvedValue({ count: 1, total: '30.00' }),
  };
  const idempotency = {
    claimStatement: jest.fn<Idempotency['claimStatement']>().mockReturnValue(CLAIM),
    claimed: jest.fn<Idempotency['claimed']>().mockResolvedValue({ replay: null }),
  };
  const funds = {
    lockFundForUpdate: jest.fn<FundsService['lockFundForUpdate']>().mockResolvedValue(as<Fund>({ id: FUND_ID, currency: 'KZT' })),
    balances: jest
      .fn<FundsService['balances']>()
      .mockResolvedValue({ budget: 1_000_000n, committed: 0n, disbursed: 0n, available: 1_000_000n }),
    appendEntry: jest.fn<FundsService['appendEntry']>().mockResolvedValue(as({ id: 'entry-1' })),
  };
  const organisations = {
    payoutAccounts: jest
      .fn<OrganisationsService['payoutAccounts']>()
      .mockResolvedValue(new Map([[ORG_A, { name: 'Helping Hands', account: ACCOUNT }]])),
    payoutAccount: jest
      .fn<OrganisationsService['payoutAccount']>()
      .mockImplementation((o) => ({ name: o.name, account: o.bankAccountEnc ? ACCOUNT : null })),
  };
  const audit = {
    record: jest.fn<AuditService['record']>().mockResolvedValue(undefined),
    prepare: jest.fn<AuditService['prepare']>().mockImplementation((input) => as<PreparedAuditEvent>({ ...input })),
  };
  const clock = new FixedClock();
  const service = new DisbursementsService(
    as<DisbursementsRepository>(repository),
    tx.asTransactions,
    as<Idempotency>(idempotency),
    as<FundsService>(funds),
    as<OrganisationsService>(organisations),
    as<AuditService>(audit),
    as<Clock>(clock),
    as<TrancheBatches>(batches),
    CIPHER,
  );
  const writes = {
    insert: repository.insertStatement,
    giveBack: repository.giveBack,
    leaveBatch: repository.leaveBatch,
    recount: batches.recount,
    moveAwardCommitment: repository.moveAwardCommitment,
    appendEntry: funds.appendEntry,
    record: audit.record,
  };
  // the tranche's row as PostgreSQL answers the statement sent with the COMMIT
  tx.lastStatementRows = [{ payment_reference: 'PAY-KZ-2026-000001', created_at: NOW }];
  tx.lastMessageRows = [tx.lastStatementRows];
  return { service, tx, repository, batches, idempotency, funds, organisations, audit, clock, writes };
}

type Setup = ReturnType<typeof setup>;

function expectNothingWritten(s: Setup) {
  for (const [name, write] of Object.entries(s.writes)) expect([name, write.mock.calls.length]).toEqual([name, 0]);
}

describe('DisbursementsService.create: the request', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it('requires a payee for a vendor payment, before any transaction', async () => {
    const err = await domainError(s.service.create(finance(), KEY, dto({ method: 'vendor_payment' })), 'VALIDATION_FAILED', 'validation');
    expect(err.details?.map((d) => d.field)).toEqual(['payee']);
    expect(s.tx.run).not.toHaveBeenCalled();
  });

  it('refuses a payee for any other method (the NGO’s account on file is paid)', async () => {
    const err = await domainError(
      s.service.create(finance(), KEY, dto({ method: 'cash', payee: { name: 'Shop' } })),
      'VALIDATION_FAILED',
      'validation',
    );
    expect(err.details?.map((d) => d.field)).toEqual(['payee']);
    expect(s.tx.run).not.toHaveBeenCalled();
  });

  it('claims the key in the transaction with the same body for "payee: null" and no payee, so a retry may send either', async () => {
    await s.service.create(finance(), KEY, dto());
    await s.service.create(finance(), KEY, dto({ payee: null }));
    const [first, second] = s.idempotency.claimStatement.mock.calls;
    expect(first[0]).toEqual({ userId: 'finance-1', scope: 'POST /disbursements', key: KEY, body: { ...dto(), payee: null } });
    expect(second[0]).toEqual(first[0]);
    // the key's statement goes with the BEGIN, the award's lock and its tranches' totals after it; the claim is read in the transaction
    expect(s.tx.runInMessages.mock.calls[0][0]).toEqual([CLAIM, LOCK, TOTALS]);
    expect(s.repository.awardForTranche).toHaveBeenCalledWith(AWARD_ID);
    expect(s.idempotency.claimed.mock.calls[0].slice(0, 2)).toEqual([s.tx.manager, []]);
  });

  it('replays the first response for a retried key and writes nothing new', async () => {
    const body = as<DisbursementResponse>({ id: D_ID, amount: '40.00' });
    s.idempotency.claimed.mockResolvedValue({ replay: { status: 201, body } });
    await expect(s.service.create(finance(), KEY, dto())).resolves.toEqual({ status: 201, body, replayed: true });
    expectNothingWritten(s);
    expect(s.audit.prepare).not.toHaveBeenCalled();
  });

  it('lets a key reused for a different request fail with IDEMPOTENCY_KEY_REUSED, writing nothing', async () => {
    s.idempotency.claimed.mockRejectedValue(conflict('IDEMPOTENCY_KEY_REUSED', 'reused'));
    await domainError(s.service.create(finance(), KEY, dto()), 'IDEMPOTENCY_KEY_REUSED', 'conflict');
    expectNothingWritten(s);
    expect(s.audit.prepare).not.toHaveBeenCalled();
  });
});

describe('DisbursementsService.create: the award', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it('answers an unknown award with 404 and a closed one with AWARD_NOT_ACTIVE', async () => {
    firstMessage(s.tx, null);
    await domainError(s.service.create(finance(), KEY, dto()), 'NOT_FOUND', 'not_found');
    firstMessage(s.tx, lockedAward({ status: 'closed' }));
    const err = await domainError(s.service.create(finance(), KEY, dto()), 'AWARD_NOT_ACTIVE', 'conflict');
    expect(err.extra).toEqual({ currentStatus: 'closed' });
    expectNothingWritten(s);
  });

  it('refuses a tranche above what is neither paid nor planned (OVER_AWARD, naming the remaining amount)', async () => {
    firstMessage(s.tx, lockedAward({ committed: '100.00' }), '50.00', '60.00'); // 150 granted: 40 remain
    const err = await domainError(s.service.create(finance(), KEY, dto({ amount: '40.01' })), 'OVER_AWARD', 'conflict');
    expect(err.extra).toEqual({ remaining: '40.00' });
    expectNothingWritten(s);
    await expect(s.service.create(finance(), KEY, dto({ amount: '40.00' }))).resolves.toMatchObject({ status: 201, replayed: false });
  });

  it('plans a tranche the commitment covers: the key and the award locked with the BEGIN, then one statement with the COMMIT; no fund entry', async () => {
    const result = await s.service.create(finance(), KEY, dto({ amount: '40' }));
    expect(s.tx.runInMessages).toHaveBeenCalledTimes(1);
    expect(s.tx.runInMessages.mock.calls[0][0]).toEqual([CLAIM, LOCK, TOTALS]);
    expect(callOrder({ claim: s.idempotency.claimed, audit: s.audit.prepare, insert: s.repository.insertStatement })).toEqual([
      'claim',
      'audit',
      'insert',
    ]);
    // no other round trip: the NGO's account came with the award
    expect(s.tx.manager.query).not.toHaveBeenCalled();
    expect(s.organisations.payoutAccounts).not.toHaveBeenCalled();
    const [row, audit, answer] = s.repository.insertStatement.mock.calls[0];
    expect(row).toEqual(
      expect.objectContaining({
        awardId: AWARD_ID,
        fundId: FUND_ID,
        amount: '40.00',
        payee: { kind: 'organisation' },
        scheduledFor: '2026-03-10',
        createdBy: 'finance-1',
      }),
    );
    expect(s.funds.lockFundForUpdate).not.toHaveBeenCalled();
    expect(s.funds.appendEntry).not.toHaveBeenCalled();
    expect(s.audit.record).not.toHaveBeenCalled();
    expect(audit).toMatchObject({ action: 'disbursement.create', entityId: row.id, after: { recommitted: '0.00', amount: '40.00' } });
    // the answer stored under the key is the one given, but for what the insert draws
    expect(answer).toEqual({
      userId: 'finance-1',
      scope: 'POST /disbursements',
      key: KEY,
      body: { ...result.body, paymentReference: '', createdAt: new Date(0).toISOString() },
    });
    expect(result.body).toMatchObject({
      id: row.id,
      awardNumber: 'AWD-KZ-2026-00001',
      paymentReference: 'PAY-KZ-2026-000001',
      createdAt: NOW.toISOString(),
      status: 'scheduled',
      payee: { kind: 'organisation', name: 'Helping Hands', bankName: 'Halyk', ibanLast4: '1234' },
    });
  });

  it('commits again what cancelled tranches released, after checking the fund, before inserting', async () => {
    firstMessage(s.tx, lockedAward({ committed: '50.00' })); // 100 was released by cancelled tranches
    await s.service.create(finance(), KEY, dto({ amount: '80.00', scheduledFor: '2026-04-01' }));
    expect(
      callOrder({
        fund: s.funds.lockFundForUpdate,
        balances: s.funds.balances,
        ledger: s.funds.appendEntry,
        commitment: s.repository.moveAwardCommitment,
        audit: s.audit.prepare,
        insert: s.repository.insertStatement,
      }),
    ).toEqual(['fund', 'balances', 'ledger', 'commitment', 'audit', 'insert']);
    expect(s.funds.appendEntry).toHaveBeenCalledWith(
      s.tx.manager,
      FUND_ID,
      'commit',
      3000n,
      expect.objectContaining({ refType: 'award', refId: AWARD_ID }),
    );
    expect(s.repository.moveAwardCommitment).toHaveBeenCalledWith(s.tx.manager, AWARD_ID, '30.00');
    expect(s.repository.insertStatement.mock.calls[0][0].scheduledFor).toBe('2026-04-01');
    expect(s.audit.prepare.mock.calls[0][0].after).toMatchObject({ recommitted: '30.00' });
  });

  it('answers INSUFFICIENT_FUNDS when the fund no longer has what must be committed again, and writes nothing', async () => {
    firstMessage(s.tx, lockedAward({ committed: '50.00' }));
    s.funds.balances.mockResolvedValue({ budget: 0n, committed: 0n, disbursed: 0n, available: 2999n });
    const err = await domainError(s.service.create(finance(), KEY, dto({ amount: '80.00' })), 'INSUFFICIENT_FUNDS', 'conflict');
    expect(err.extra).toEqual({ available: '29.99' });
    expectNothingWritten(s);
  });

  it('pays a supplier with the name trimmed, and shows only the last four of its IBAN', async () => {
    const result = await s.service.create(
      finance(),
      KEY,
      dto({ method: 'vendor_payment', payee: { name: '  Pharmacy 24 ', iban: 'KZ431111111111119876' } }),
    );
    expect(s.repository.insertStatement.mock.calls[0][0].payee).toEqual({
      kind: 'vendor',
      name: 'Pharmacy 24',
      bankName: null,
      bic: null,
    });
    // the IBAN only encrypted, bound to the tranche's id
    const inserted = s.repository.insertStatement.mock.calls[0][0];
    expect(inserted.payeeIbanEnc).not.toContain('9876');
    expect(CIPHER.decrypt(inserted.payeeIbanEnc!, `disbursement:${inserted.id}`)).toBe('KZ431111111111119876');
    expect(result.body.payee).toEqual({ kind: 'vendor', name: 'Pharmacy 24', bankName: null, ibanLast4: '9876' });
  });

  it('answers a tranche to an organisation without an account on file with no bank details (not a crash)', async () => {
    firstMessage(s.tx, lockedAward({ organisation_account_enc: null }));
    const result = await s.service.create(finance(), KEY, dto());
    expect(result.body.payee).toEqual({ kind: 'organisation', name: 'Helping Hands', bankName: null, ibanLast4: null });
  });
});

describe('DisbursementsService.cancel and fail', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it('answers an unknown disbursement with 404', async () => {
    s.repository.findById.mockResolvedValue(null);
    await domainError(s.service.cancel(finance(), D_ID, { note: 'not needed' }), 'NOT_FOUND', 'not_found');
    expectNothingWritten(s);
  });

  it('cancels only a scheduled tranche (DISBURSEMENT_NOT_CANCELLABLE otherwise) and fails only a sent one (DISBURSEMENT_NOT_SENT)', async () => {
    s.repository.findById.mockResolvedValue(disbursement({ status: 'sent' }));
    s.repository.lock.mockResolvedValue(disbursement({ status: 'sent' }));
    const cancelled = await domainError(
      s.service.cancel(finance(), D_ID, { note: 'not needed' }),
      'DISBURSEMENT_NOT_CANCELLABLE',
      'conflict',
    );
    expect(cancelled.extra).toEqual({ currentStatus: 'sent' });
    s.repository.findById.mockResolvedValue(disbursement({ status: 'paid' }));
    s.repository.lock.mockResolvedValue(disbursement({ status: 'paid' }));
    await domainError(s.service.fail(finance(), D_ID, { note: 'returned' }), 'DISBURSEMENT_NOT_SENT', 'conflict');
    expectNothingWritten(s);
  });

  it.each([
    ['whose file was downloaded', { status: 'open', exported: true }],
    ['that was sent', { status: 'sent', exported: true }],
  ])('refuses to cancel a tranche in a batch %s (DISBURSEMENT_IN_BATCH), writing nothing', async (_case, batch) => {
    s.repository.findById.mockResolvedValue(disbursement({ batchId: BATCH_ID }));
    s.batches.lock.mockResolvedValue({ ...batch, count: 2, total: '70.00' });
    const err = await domainError(s.service.cancel(finance(), D_ID, { note: 'not needed' }), 'DISBURSEMENT_IN_BATCH', 'conflict');
    expect(err.extra).toEqual({ batchId: BATCH_ID });
    expect(s.repository.lock).not.toHaveBeenCalled();
    expectNothingWritten(s);
  });

  it('answers CONCURRENT_UPDATE when the tranche went into a batch between reading and locking it', async () => {
    s.repository.lock.mockResolvedValue(disbursement({ batchId: BATCH_ID }));
    await domainError(s.service.cancel(finance(), D_ID, { note: 'not needed' }), 'CONCURRENT_UPDATE', 'conflict');
    expectNothingWritten(s);
  });

  it('cancels a tranche of an open batch: award, batch, tranche locked in that order; out of the batch; commitment released; audited', async () => {
    s.repository.findById.mockResolvedValue(disbursement({ batchId: BATCH_ID }));
    s.repository.lock.mockResolvedValue(disbursement({ batchId: BATCH_ID }));
    await s.service.cancel(finance(), D_ID, { note: ' supplier refused ' });
    expect(
      callOrder({
        award: s.repository.lockAward,
        batch: s.batches.lock,
        tranche: s.repository.lock,
        write: s.repository.giveBack,
        unbatch: s.repository.leaveBatch,
        recount: s.batches.recount,
        fund: s.funds.lockFundForUpdate,
        ledger: s.funds.appendEntry,
        commitment: s.repository.moveAwardCommitment,
        audit: s.audit.record,
      }),
    ).toEqual(['award', 'batch', 'tranche', 'write', 'unbatch', 'recount', 'audit', 'fund', 'ledger', 'commitment', 'audit']);
    expect(s.repository.giveBack).toHaveBeenCalledWith(s.tx.manager, D_ID, 'scheduled', 'cancelled', 'supplier refused', NOW);
    expect(s.funds.appendEntry).toHaveBeenCalledWith(
      s.tx.manager,
      FUND_ID,
      'release',
      4000n,
      expect.objectContaining({ refType: 'disbursement', refId: D_ID, createdBy: 'finance-1' }),
    );
    expect(s.repository.moveAwardCommitment).toHaveBeenCalledWith(s.tx.manager, AWARD_ID, '-40.00');
    expect(s.audit.record.mock.calls.map((c) => [c[0], c[1].action])).toEqual([
      [s.tx.manager, 'payment_batch.remove'],
      [s.tx.manager, 'disbursement.cancel'],
    ]);
    expect(s.audit.record.mock.calls[1][1]).toMatchObject({
      before: { status: 'scheduled', batchId: BATCH_ID },
      after: { status: 'cancelled', note: 'supplier refused', batchId: null },
    });
  });

  it('fails a sent tranche without touching its batch and releases its commitment', async () => {
    s.repository.findById.mockResolvedValue(disbursement({ status: 'sent', batchId: BATCH_ID }));
    s.repository.lock.mockResolvedValue(disbursement({ status: 'sent', batchId: BATCH_ID }));
    await s.service.fail(finance(), D_ID, { note: 'account closed' });
    expect(s.batches.lock).not.toHaveBeenCalled();
    expect(s.batches.recount).not.toHaveBeenCalled();
    expect(s.repository.leaveBatch).not.toHaveBeenCalled();
    expect(s.repository.giveBack).toHaveBeenCalledWith(s.tx.manager, D_ID, 'sent', 'failed', 'account closed', NOW);
    expect(s.funds.appendEntry).toHaveBeenCalledWith(s.tx.manager, FUND_ID, 'release', 4000n, expect.anything());
    expect(s.audit.record).toHaveBeenCalledTimes(1);
    expect(s.audit.record).toHaveBeenCalledWith(
      s.tx.manager,
      expect.objectContaining({
        action: 'disbursement.fail',
        before: { status: 'sent' },
        after: { status: 'failed', note: 'account closed' },
      }),
    );
  });
});

describe('DisbursementsService.lockWithAward and get', () => {
  it('locks the award before the tranche, and answers null for an unknown tranche without locking anything', async () => {
    const s = setup();
    await expect(s.service.lockWithAward(s.tx.manager, D_ID)).resolves.toMatchObject({ id: D_ID });
    expect(callOrder({ award: s.repository.lockAward, tranche: s.repository.lock })).toEqual(['award', 'tranche']);
    expect(s.repository.lockAward).toHaveBeenCalledWith(s.tx.manager, AWARD_ID);
    s.repository.findById.mockResolvedValue(null);
    s.repository.lock.mockClear();
    await expect(s.service.lockWithAward(s.tx.manager, D_ID)).resolves.toBeNull();
    expect(s.repository.lock).not.toHaveBeenCalled();
  });

  it('answers an unknown disbursement with 404', async () => {
    const s = setup();
    s.repository.findById.mockResolvedValue(null);
    await domainError(s.service.get(D_ID), 'NOT_FOUND', 'not_found');
  });
});
