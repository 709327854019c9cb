import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Clock } from '../../common/clock/clock.js';
import { as, callOrder, domainError, FakeTransactions, finance, FixedClock } from '../../common/testing/fakes.js';
import type { Statement } from '../../common/database/transaction.js';
import type { AppConfig } from '../../config/app-config.js';
import type { PreparedAuditEvent } from '../audit/audit.sql.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Disbursement } from '../disbursements/entities/disbursement.entity.js';
import type { DisbursementsService } from '../disbursements/disbursements.service.js';
import type { FundLedgerEntry } from '../funds/entities/fund-ledger-entry.entity.js';
import type { FundsService } from '../funds/funds.service.js';
import { STATEMENT_COLUMNS } from './domain/statement-csv.js';
import type { BankStatementLine } from './entities/bank-statement-line.entity.js';
import type { ReconciliationRepository } from './reconciliation.repository.js';
import { ReconciliationService } from './reconciliation.service.js';

const LINE_ID = '1e000000-0000-4000-8000-000000000001';
const D_ID = 'd0000000-0000-4000-8000-000000000001';
const AWARD_ID = 'aw000000-0000-4000-8000-000000000001';
const PAYMENT_AUDIT = as<PreparedAuditEvent>({ action: 'award.pay', entityType: 'award' });
const STAGING: Statement = { text: 'INSERT INTO bank_statement …', values: [] };
const FINISH: Statement = { text: 'WITH c AS (…) UPDATE bank_statement …', values: [] };

const line = (overrides: Partial<BankStatementLine> = {}): BankStatementLine =>
  as<BankStatementLine>({
    id: LINE_ID,
    statementId: 'st000000-0000-4000-8000-000000000001',
    lineNumber: 2,
    bookingDate: '2026-03-09',
    amount: '-40',
    currency: 'KZT',
    reference: 'PAY-KZ-2026-00000',
    counterparty: 'Helping Hands',
    bankTransactionId: 'tx-1',
    status: 'amount_mismatch',
    disbursementId: null,
    note: null,
    ...overrides,
  });

const disbursement = (overrides: Partial<Disbursement> = {}): Disbursement =>
  as<Disbursement>({
    id: D_ID,
    awardId: AWARD_ID,
    amount: '40',
    currency: 'KZT',
    status: 'sent',
    paymentReference: 'PAY-KZ-2026-000001',
    ...overrides,
  });

function setup() {
  const tx = new FakeTransactions();
  const repository = {
    stagingMessages: jest.fn<ReconciliationRepository['stagingMessages']>().mockReturnValue([[STAGING]]),
    matchStaged: jest.fn<ReconciliationRepository['matchStaged']>().mockResolvedValue({ imported: 1, closedAwards: 1, returned: [] }),
    finishStatement: jest.fn<ReconciliationRepository['finishStatement']>().mockReturnValue(FINISH),
    lockLine: jest.fn<ReconciliationRepository['lockLine']>().mockResolvedValue(line()),
    setLine: jest.fn<ReconciliationRepository['setLine']>().mockResolvedValue(undefined),
    payOne: jest.fn<ReconciliationRepository['payOne']>().mockResolvedValue({ closedAwards: 0 }),
    unpay: jest
      .fn<ReconciliationRepository['unpay']>()
      .mockResolvedValue({ status: 'sent', award: { id: AWARD_ID, was: 'active', committed: '40.00' } }),
    lineWithDisbursement: jest
      .fn<ReconciliationRepository['lineWithDisbursement']>()
      .mockResolvedValue(line({ status: 'matched', disbursementId: D_ID, disbursement: disbursement() })),
  };
  const audit = {
    record: jest.fn<AuditService['record']>().mockResolvedValue(undefined),
    prepare: jest.fn<AuditService['prepare']>().mockImplementation((input) => as<PreparedAuditEvent>({ ...input })),
  };
  const config = as<AppConfig>({ MAX_STATEMENT_MB: 0.01 }); // 10 KB, so a test's statement can be too large
  const disbursements = { lockWithAward: jest.fn<DisbursementsService['lockWithAward']>().mockResolvedValue(disbursement()) };
  const funds = {
    reverseLatest: jest
      .fn<FundsService['reverseLatest']>()
      .mockResolvedValue(as<FundLedgerEntry>({ id: 'entry-9', reversesId: 'entry-5' })),
  };
  const clock = new FixedClock(); // 2026-03-10: a booking date up to 2026-03-11 is accepted
  const service = new ReconciliationService(
    as<ReconciliationRepository>(repository),
    tx.asTransactions,
    as<AuditService>(audit),
    config,
    as<DisbursementsService>(disbursements),
    as<FundsService>(funds),
    as<Clock>(clock),
  );
  const writes = {
    matchStaged: repository.matchStaged,
    setLine: repository.setLine,
    payOne: repository.payOne,
    unpay: repository.unpay,
    reverseLatest: funds.reverseLatest,
    record: audit.record,
  };
  return { service, tx, repository, audit, config, disbursements, funds, clock, writes };
}

type Setup = ReturnType<typeof setup>;

function expectNothingWritten(s: Setup, except: string[] = []) {
  for (const [name, write] of Object.entries(s.writes))
    if (!except.includes(name)) expect([name, write.mock.calls.length]).toEqual([name, 0]);
}

/** A request body streaming the text, as the controller hands it on. */
function body(text: string) {
  const stream = new PassThrough();
  stream.end(text);
  return stream;
}

const csv = (...rows: string[]) => `${STATEMENT_COLUMNS.join(',')}\n${rows.join('\n')}\n`;

describe('ReconciliationService.importStatement', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it('accepts only text/csv (415, UNSUPPORTED_MEDIA_TYPE)', async () => {
    await domainError(s.service.importStatement(finance(), 'application/json', body('{}')), 'UNSUPPORTED_MEDIA_TYPE', 'unsupported_media');
    await domainError(s.service.importStatement(finance(), undefined, body('')), 'UNSUPPORTED_MEDIA_TYPE', 'unsupported_media');
    expect(s.tx.runInMessages).not.toHaveBeenCalled();
  });

  it('refuses a statement over the configured size with STATEMENT_TOO_LARGE (413)', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => `2026-03-09,-1.00,KZT,,Someone,tx-${i}`);
    await domainError(s.service.importStatement(finance(), 'text/csv', body(csv(...rows))), 'STATEMENT_TOO_LARGE', 'too_large');
    expect(s.tx.runInMessages).not.toHaveBeenCalled();
  });

  it('refuses the whole statement when a line has a problem, naming the line; a booking date after tomorrow (by the clock) is one', async () => {
    const err = await domainError(
      s.service.importStatement(
        finance(),
        'text/csv; charset=utf-8',
        body(csv('2026-03-11,-1.00,KZT,,Someone,tx-1', '2026-03-12,-1.00,KZT,,Someone,tx-2')),
      ),
      'VALIDATION_FAILED',
      'validation',
    );
    expect(err.details?.map((d) => d.field)).toEqual(['line 3']);
    expect(s.tx.runInMessages).not.toHaveBeenCalled();
    expectNothingWritten(s);
  });

  it('imports in one transaction: the staging with the BEGIN, the match (with the payment audit event of that transaction), then figures and audit with the COMMIT', async () => {
    s.tx.lastMessageRows = [[{ matched: 1, amountMismatch: 0, unmatched: 0 }]];
    const text = csv('2026-03-09,-40.00,KZT,PAY-KZ-2026-000001,Helping Hands,tx-1', '2026-03-09,-1.00,KZT,,Someone,tx-2');
    const result = await s.service.importStatement(finance(), 'text/csv', body(text));
    const sha256 = createHash('sha256').update(text).digest('hex');
    const statementId = s.repository.stagingMessages.mock.calls[0][0].id;
    expect(statementId).toMatch(/^[0-9a-f-]{36}$/);
    expect(result).toEqual({ statementId, imported: 1, skipped: 1, matched: 1, amountMismatch: 0, unmatched: 0 });
    expect(s.repository.stagingMessages).toHaveBeenCalledWith(
      { id: statementId, sha256, lines: 2, importedBy: 'finance-1' },
      expect.any(Array),
    );
    expect(s.repository.stagingMessages.mock.calls[0][1].map((l) => l.bankTransactionId)).toEqual(['tx-1', 'tx-2']);
    expect(s.tx.runInMessages).toHaveBeenCalledWith([STAGING], expect.any(Function));
    expect(s.repository.matchStaged).toHaveBeenCalledWith(s.tx.manager, statementId, 'finance-1', PAYMENT_AUDIT);
    expect(s.audit.prepare).toHaveBeenCalledWith(expect.objectContaining({ action: 'award.pay', entityType: 'award' }), s.tx.manager);
    const importAudit = {
      action: 'bank_statement.import',
      entityType: 'bank_statement',
      entityId: statementId,
      after: { imported: 1, skipped: 1, lines: 2, closedAwards: 1, sha256 },
    };
    expect(s.audit.prepare).toHaveBeenCalledWith(importAudit, s.tx.manager);
    expect(s.repository.finishStatement).toHaveBeenCalledWith(
      statementId,
      { imported: 1, skipped: 1 },
      as<PreparedAuditEvent>(importAudit),
    );
    expect(callOrder({ match: s.repository.matchStaged, finish: s.repository.finishStatement })).toEqual(['match', 'finish']);
    expect(s.audit.record).not.toHaveBeenCalled();
  });
});

describe('ReconciliationService.manualMatch', () => {
  let s: Setup;
  const match = { statementLineId: LINE_ID, disbursementId: D_ID, note: ' bank cut the reference ' };
  beforeEach(() => {
    s = setup();
  });

  it('answers an unknown line with 404, and writes nothing', async () => {
    s.repository.lockLine.mockResolvedValue(null);
    await domainError(s.service.manualMatch(finance(), match), 'NOT_FOUND', 'not_found');
    expect(s.disbursements.lockWithAward).not.toHaveBeenCalled();
    expectNothingWritten(s);
  });

  it('refuses a line that already pays a disbursement (LINE_ALREADY_MATCHED, naming it)', async () => {
    s.repository.lockLine.mockResolvedValue(line({ status: 'matched', disbursementId: 'd-other' }));
    const err = await domainError(s.service.manualMatch(finance(), match), 'LINE_ALREADY_MATCHED', 'conflict');
    expect(err.extra).toEqual({ disbursementId: 'd-other' });
    expect(s.disbursements.lockWithAward).not.toHaveBeenCalled();
    expectNothingWritten(s);
  });

  it('answers an unknown disbursement with 404', async () => {
    s.disbursements.lockWithAward.mockResolvedValue(null);
    await domainError(s.service.manualMatch(finance(), match), 'NOT_FOUND', 'not_found');
    expectNothingWritten(s);
  });

  it.each(['paid', 'cancelled', 'failed'] as const)('refuses a %s disbursement (DISBURSEMENT_NOT_PAYABLE)', async (status) => {
    s.disbursements.lockWithAward.mockResolvedValue(disbursement({ status }));
    const err = await domainError(s.service.manualMatch(finance(), match), 'DISBURSEMENT_NOT_PAYABLE', 'conflict');
    expect(err.extra).toEqual({ currentStatus: status });
    expectNothingWritten(s);
  });

  it('refuses a line for another amount than the tranche (MATCH_AMOUNT_DIFFERS) and writes nothing', async () => {
    s.repository.lockLine.mockResolvedValue(line({ amount: '-39.5' }));
    const err = await domainError(s.service.manualMatch(finance(), match), 'MATCH_AMOUNT_DIFFERS', 'conflict');
    expect(err.extra).toEqual({ lineAmount: '-39.50', disbursementAmount: '40.00' });
    expectNothingWritten(s);
  });

  it('refuses a line that brought money in, even of the same amount (LINE_IS_INCOMING)', async () => {
    s.repository.lockLine.mockResolvedValue(line({ amount: '40' }));
    const err = await domainError(s.service.manualMatch(finance(), match), 'LINE_IS_INCOMING', 'conflict');
    expect(err.extra).toEqual({ lineAmount: '40.00' });
    expectNothingWritten(s);
  });

  it('refuses a disbursement in another currency than the line (400 on disbursementId)', async () => {
    s.disbursements.lockWithAward.mockResolvedValue(disbursement({ currency: 'USD' }));
    const err = await domainError(s.service.manualMatch(finance(), match), 'VALIDATION_FAILED', 'validation');
    expect(err.details?.map((d) => d.field)).toEqual(['disbursementId']);
    expectNothingWritten(s);
  });

  it.each(['scheduled', 'sent'] as const)(
    'matches a %s disbursement: lock line, lock tranche, mark the line, pay, audit, in the transaction',
    async (status) => {
      s.disbursements.lockWithAward.mockResolvedValue(disbursement({ status }));
      s.repository.payOne.mockResolvedValue({ closedAwards: 1 });
      const response = await s.service.manualMatch(finance(), match);
      expect(
        callOrder({
          line: s.repository.lockLine,
          tranche: s.disbursements.lockWithAward,
          mark: s.repository.setLine,
          pay: s.repository.payOne,
          audit: s.audit.record,
        }),
      ).toEqual(['line', 'tranche', 'mark', 'pay', 'audit']);
      expect(s.disbursements.lockWithAward).toHaveBeenCalledWith(s.tx.manager, D_ID);
      expect(s.repository.setLine).toHaveBeenCalledWith(s.tx.manager, LINE_ID, {
        status: 'matched',
        disbursementId: D_ID,
        note: 'bank cut the reference',
      });
      expect(s.repository.payOne).toHaveBeenCalledWith(
        s.tx.manager,
        D_ID,
        expect.objectContaining({ bankTransactionId: 'tx-1' }),
        'finance-1',
        PAYMENT_AUDIT,
      );
      expect(s.audit.record).toHaveBeenCalledWith(s.tx.manager, {
        action: 'reconciliation.match',
        entityType: 'bank_statement_line',
        entityId: LINE_ID,
        before: { status: 'amount_mismatch', disbursementId: null },
        after: {
          status: 'matched',
          disbursementId: D_ID,
          amount: '40.00',
          lineAmount: '-40.00',
          note: 'bank cut the reference',
          closedAwards: 1,
        },
      });
      // read after the commit, amounts written as money
      expect(response).toMatchObject({ id: LINE_ID, amount: '-40.00', status: 'matched', disbursement: { id: D_ID, amount: '40.00' } });
    },
  );
});

describe('ReconciliationService.unmatch', () => {
  let s: Setup;
  const unmatch = { statementLineId: LINE_ID, note: ' wrong tranche ' };
  beforeEach(() => {
    s = setup();
    s.repository.lockLine.mockResolvedValue(line({ status: 'matched', disbursementId: D_ID }));
  });

  it('answers an unknown line with 404', async () => {
    s.repository.lockLine.mockResolvedValue(null);
    await domainError(s.service.unmatch(finance(), unmatch), 'NOT_FOUND', 'not_found');
    expectNothingWritten(s);
  });

  it.each([
    ['an exception line', line({ status: 'unmatched' })],
    ['a matched line that names no disbursement', line({ status: 'matched', disbursementId: null })],
  ])('refuses %s (LINE_NOT_MATCHED) and writes nothing', async (_case, locked) => {
    s.repository.lockLine.mockResolvedValue(locked);
    const err = await domainError(s.service.unmatch(finance(), unmatch), 'LINE_NOT_MATCHED', 'conflict');
    expect(err.extra).toEqual({ currentStatus: locked.status });
    expect(s.disbursements.lockWithAward).not.toHaveBeenCalled();
    expectNothingWritten(s);
  });

  it('reverses the payment, unpays the tranche, reopens nothing for an active award, frees the line, audits: in that order', async () => {
    const response = await s.service.unmatch(finance(), unmatch);
    expect(
      callOrder({
        line: s.repository.lockLine,
        tranche: s.disbursements.lockWithAward,
        reverse: s.funds.reverseLatest,
        unpay: s.repository.unpay,
        free: s.repository.setLine,
        audit: s.audit.record,
      }),
    ).toEqual(['line', 'tranche', 'reverse', 'unpay', 'free', 'audit']);
    expect(s.funds.reverseLatest).toHaveBeenCalledWith(s.tx.manager, 'pay', D_ID, {
      memo: 'unmatched: wrong tranche',
      createdBy: 'finance-1',
    });
    expect(s.repository.setLine).toHaveBeenCalledWith(s.tx.manager, LINE_ID, {
      status: 'unmatched',
      disbursementId: null,
      note: 'wrong tranche',
    });
    expect(s.audit.record).toHaveBeenCalledTimes(1);
    expect(s.audit.record).toHaveBeenCalledWith(s.tx.manager, {
      action: 'reconciliation.unmatch',
      entityType: 'bank_statement_line',
      entityId: LINE_ID,
      before: { status: 'matched', disbursementId: D_ID },
      after: { status: 'unmatched', note: 'wrong tranche', reversedEntry: 'entry-5', disbursementStatus: 'sent' },
    });
    expect(response.id).toBe(LINE_ID);
  });

  it('audits the reopening of an award the wrong payment had closed, before the unmatch', async () => {
    s.repository.unpay.mockResolvedValue({ status: 'scheduled', award: { id: AWARD_ID, was: 'closed', committed: '40.00' } });
    await s.service.unmatch(finance(), unmatch);
    expect(s.audit.record.mock.calls.map((c) => [c[0], c[1].action])).toEqual([
      [s.tx.manager, 'award.reopen'],
      [s.tx.manager, 'reconciliation.unmatch'],
    ]);
    expect(s.audit.record.mock.calls[0][1]).toMatchObject({
      entityId: AWARD_ID,
      before: { status: 'closed' },
      after: { status: 'active', committed: '40.00', note: 'wrong tranche' },
    });
    expect(s.audit.record.mock.calls[1][1].after).toMatchObject({ disbursementStatus: 'scheduled' });
  });

  it('keeps the ledger memo within 500 characters', async () => {
    await s.service.unmatch(finance(), { statementLineId: LINE_ID, note: 'x'.repeat(600) });
    const memo = s.funds.reverseLatest.mock.calls[0][3].memo!;
    expect(memo).toHaveLength(500);
    expect(memo.startsWith('unmatched: x')).toBe(true);
  });

  it('fails loudly (a plain error, a 500) when a matched line has no payment entry to reverse, and changes nothing further', async () => {
    s.funds.reverseLatest.mockResolvedValue(null);
    const err = await s.service.unmatch(finance(), unmatch).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toHaveProperty('code');
    expectNothingWritten(s, ['reverseLatest']);
  });
});
