import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { AccessService } from '../../common/access/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { Clock } from '../../common/clock/clock.js';
import {
  admin,
  as,
  callOrder,
  domainError,
  FakeTransactions,
  fakeAccess,
  finance,
  FixedClock,
  NOW,
  ngoUser,
  officer,
  ORG_A,
  ORG_B,
} from '../../common/testing/fakes.js';
import type { AuditService } from '../audit/audit.service.js';
import type { BeneficiariesService } from '../beneficiaries/beneficiaries.service.js';
import type { Fund } from '../funds/entities/fund.entity.js';
import type { FundsService } from '../funds/funds.service.js';
import type { LetterSummary } from '../letters/dto/letter.dto.js';
import type { AwardLetter } from '../letters/entities/award-letter.entity.js';
import type { LetterFacts, LettersService } from '../letters/letters.service.js';
import type { AwardsRepository, NewAward } from './awards.repository.js';
import { AwardsService } from './awards.service.js';
import type { AmendAwardDto } from './dto/award.dto.js';
import type { Award } from './entities/award.entity.js';

const AWARD_ID = 'aw000000-0000-4000-8000-000000000001';
const FUND_ID = 'f0000000-0000-4000-8000-000000000001';
const BENEFICIARY_ID = 'b0000000-0000-4000-8000-000000000001';
const REASON = 'The invoice for Aigerim came in lower';

const award = (overrides: Partial<Award> = {}): Award =>
  as<Award>({
    id: AWARD_ID,
    number: 'AWD-KZ-2026-00001',
    applicationId: 'a0000000-0000-4000-8000-000000000001',
    organisationId: ORG_A,
    fundId: FUND_ID,
    beneficiaryId: BENEFICIARY_ID,
    country: 'KZ',
    currency: 'KZT',
    amount: '150.00',
    items: [
      { itemId: 'i1', type: 'cash', description: 'rent', amount: '100.00' },
      { itemId: 'i2', type: 'food', description: 'food', amount: '50.00' },
    ],
    conditions: 'receipts',
    approvers: [{ officerId: 'officer-1', at: NOW.toISOString() }],
    status: 'active',
    language: 'ru',
    committed: '150.00',
    letterVersion: 1,
    version: 4,
    createdAt: NOW,
    ...overrides,
  });

/** What the application asked for: i1 was granted less than requested. */
const REQUESTED = [
  { id: 'i1', type: 'cash', description: 'rent for Aigerim', amount: '120.00' },
  { id: 'i2', type: 'food', description: 'food', amount: '50.00' },
];

const fund = (threshold: string | null = null): Fund =>
  as<Fund>({ id: FUND_ID, currency: 'KZT', rules: { secondApprovalThreshold: threshold } });

/** Blanks the beneficiary's name out of free text, as the real redactor does with the decrypted record. */
const redactor = (text: string) => text.replace(/Aigerim/g, '[name]');

const FACTS: LetterFacts = {
  organisationName: 'Sana Sezim',
  organisationAddress: null,
  fundName: 'Emergency Fund Kazakhstan',
  beneficiaryCode: 'BEN-0001',
  applicationReference: 'EF-KZ-2026-000001',
  officerNames: new Map([['officer-1', 'Officer One']]),
};

function setup() {
  const tx = new FakeTransactions();
  tranches(tx, '0', '0');
  const repository = {
    findById: jest.fn<AwardsRepository['findById']>().mockResolvedValue(award()),
    lockForUpdate: jest.fn<AwardsRepository['lockForUpdate']>().mockResolvedValue(award()),
    requestedItems: jest.fn<AwardsRepository['requestedItems']>().mockResolvedValue(REQUESTED),
    saveAmendment: jest
      .fn<AwardsRepository['saveAmendment']>()
      .mockImplementation(
        async (_m, a, change) => ({ ...a, ...change, letterVersion: a.letterVersion + 1, version: a.version + 1 }) as Award,
      ),
    closeOut: jest.fn<AwardsRepository['closeOut']>().mockResolvedValue(undefined),
    beneficiaryCodes: jest.fn<AwardsRepository['beneficiaryCodes']>().mockResolvedValue(new Map([[BENEFICIARY_ID, 'BEN-0001']])),
    // the detail read: the award as `findById` has it, with its person's code and no letter yet
    detail: jest.fn<AwardsRepository['detail']>(),
  };
  repository.detail.mockImplementation(async (id) => {
    const found = await repository.findById(id);
    return found && { award: found, beneficiaryCode: 'BEN-0001', letter: null };
  });
  const access = fakeAccess();
  const letters = {
    createPending: jest.fn<LettersService['createPending']>().mockResolvedValue(as<AwardLetter>({ id: 'letter-2' })),
    pendingLetterRow: jest
      .fn<LettersService['pendingLetterRow']>()
      .mockReturnValue({ version: 1, language: 'ru', verificationCode: 'code', verificationCodeHash: 'hash', content: '{}' }),
    issuePending: jest.fn<LettersService['issuePending']>().mockResolvedValue(undefined),
    download: jest
      .fn<LettersService['download']>()
      .mockResolvedValue({ letter: as<AwardLetter>({ version: 2, language: 'kk' }), bytes: Buffer.from('%PDF') }),
    summaries: jest.fn<LettersService['summaries']>().mockResolvedValue(new Map()),
  };
  const beneficiaries = { redactorFor: jest.fn<BeneficiariesService['redactorFor']>().mockResolvedValue(redactor) };
  const funds = {
    lockFundForUpdate: jest.fn<FundsService['lockFundForUpdate']>().mockResolvedValue(fund()),
    balances: jest
      .fn<FundsService['balances']>()
      .mockResolvedValue({ budget: 1_000_000n, committed: 0n, disbursed: 0n, available: 1_000_000n }),
    appendEntry: jest.fn<FundsService['appendEntry']>().mockResolvedValue(as({ id: 'entry-1' })),
  };
  const audit = { record: jest.fn<AuditService['record']>().mockResolvedValue(undefined) };
  const clock = new FixedClock();
  const service = new AwardsService(
    as<AwardsRepository>(repository),
    as<AccessService>(access),
    as<LettersService>(letters),
    as<BeneficiariesService>(beneficiaries),
    as<FundsService>(funds),
    tx.asTransactions,
    as<AuditService>(audit),
    as<Clock>(clock),
  );
  const writes = {
    saveAmendment: repository.saveAmendment,
    closeOut: repository.closeOut,
    appendEntry: funds.appendEntry,
    createPending: letters.createPending,
    record: audit.record,
    issuePending: letters.issuePending,
  };
  return { service, tx, repository, access, letters, beneficiaries, funds, audit, clock, writes };
}

type Setup = ReturnType<typeof setup>;

/** What `trancheTotals` reads for the award: tranches paid, and scheduled or sent. */
function tranches(tx: FakeTransactions, paid: string, unpaid: string) {
  tx.manager.query.mockResolvedValue([{ paid, unpaid }]);
}

function expectNothingWritten(s: Setup) {
  for (const [name, write] of Object.entries(s.writes)) expect([name, write.mock.calls.length]).toEqual([name, 0]);
}

const amendment = (overrides: Partial<AmendAwardDto> = {}): AmendAwardDto => ({ version: 4, reason: REASON, ...overrides });

describe('AwardsService.prepareForApproval', () => {
  const redact = (text: string) => text.replace(/Aigerim/g, '[name]');

  it('takes the approval’s year for the number, blanks the person out of the free text and fixes its first letter, with the caller’s manager', async () => {
    const s = setup();
    const input = as<NewAward>({
      ...award(),
      items: [{ itemId: 'i1', type: 'cash', description: 'rent for Aigerim', amount: '100.00' }],
      conditions: 'Aigerim signs for it',
    });
    const at = new Date('2026-12-31T23:30:00Z');
    const row = s.service.prepareForApproval(input, at, redact, FACTS);
    expect(row.year).toBe(2026);
    expect(row.award).toMatchObject({
      items: [expect.objectContaining({ description: 'rent for [name]' })],
      conditions: '[name] signs for it',
    });
    expect(s.letters.pendingLetterRow).toHaveBeenCalledWith(
      expect.objectContaining({ letterVersion: 1, conditions: '[name] signs for it' }),
      at,
      FACTS,
    );
    expect(row.letter).toMatchObject({ version: 1, language: 'ru' });
  });

  it('keeps conditions that are null as null', async () => {
    const s = setup();
    const row = s.service.prepareForApproval(as<NewAward>({ ...award(), conditions: null }), NOW, redact, FACTS);
    expect(row.award.conditions).toBeNull();
  });
});

describe('AwardsService: who sees an award', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it.each([
    ['an NGO user of another organisation', ngoUser(ORG_B)],
    ['an officer of another country', officer('officer-1', { countries: ['UZ'] })],
  ])('answers %s with 404', async (_who, who: AuthUser) => {
    await domainError(s.service.get(who, AWARD_ID), 'NOT_FOUND', 'not_found');
    await domainError(s.service.letter(who, AWARD_ID, {}), 'NOT_FOUND', 'not_found');
    expect(s.letters.download).not.toHaveBeenCalled();
  });

  it('answers an award that does not exist with 404', async () => {
    s.repository.findById.mockResolvedValue(null);
    await domainError(s.service.get(admin(), AWARD_ID), 'NOT_FOUND', 'not_found');
  });

  it('shows finance every award without asking the organisation rules, and the holding NGO its own', async () => {
    await expect(s.service.get(finance(), AWARD_ID)).resolves.toMatchObject({ id: AWARD_ID });
    expect(s.access.canSeeOrganisationRecords).not.toHaveBeenCalled();
    await expect(s.service.get(ngoUser(ORG_A), AWARD_ID)).resolves.toMatchObject({ id: AWARD_ID });
  });

  it('answers with the beneficiary’s code and the current letter its one read found', async () => {
    const letter = as<LetterSummary>({ id: 'l2ru', version: 2, language: 'ru' });
    s.repository.detail.mockResolvedValue({ award: award({ letterVersion: 2 }), beneficiaryCode: 'BEN-0001', letter });
    const response = await s.service.get(admin(), AWARD_ID);
    expect(s.letters.summaries).not.toHaveBeenCalled();
    expect(response).toMatchObject({
      beneficiaryCode: 'BEN-0001',
      letterVersion: 2,
      letter: { id: 'l2ru' },
      amount: '150.00',
      createdAt: NOW.toISOString(),
    });
  });

  it('names the downloaded letter after the award, the version and the language', async () => {
    const { filename } = await s.service.letter(admin(), AWARD_ID, { version: 2, lang: 'kk' });
    expect(filename).toBe('AWD-KZ-2026-00001-v2-kk.pdf');
  });
});

describe('AwardsService.amend: refusals', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it('answers an award out of scope with 404 before any transaction', async () => {
    await domainError(s.service.amend(officer('officer-1', { countries: ['UZ'] }), AWARD_ID, amendment()), 'NOT_FOUND', 'not_found');
    expect(s.tx.run).not.toHaveBeenCalled();
  });

  it('answers an edit of an older version with VERSION_CONFLICT naming the current one, and writes nothing', async () => {
    const err = await domainError(
      s.service.amend(officer(), AWARD_ID, amendment({ version: 3, items: [{ itemId: 'i1', approvedAmount: '90.00' }] })),
      'VERSION_CONFLICT',
      'conflict',
    );
    expect(err.extra).toEqual({ currentVersion: 4 });
    expectNothingWritten(s);
  });

  it('refuses to amend a closed award (AWARD_NOT_AMENDABLE)', async () => {
    s.repository.lockForUpdate.mockResolvedValue(award({ status: 'closed' }));
    const err = await domainError(
      s.service.amend(officer(), AWARD_ID, amendment({ items: [{ itemId: 'i1', approvedAmount: '90.00' }] })),
      'AWARD_NOT_AMENDABLE',
      'conflict',
    );
    expect(err.extra).toEqual({ currentStatus: 'closed' });
    expectNothingWritten(s);
  });

  it('never lets an officer of the organisation that holds the award amend it (FOUR_EYES)', async () => {
    await domainError(
      s.service.amend(
        officer('officer-1', { organisationId: ORG_A }),
        AWARD_ID,
        amendment({ items: [{ itemId: 'i1', approvedAmount: '90.00' }] }),
      ),
      'FOUR_EYES',
      'forbidden',
    );
    expectNothingWritten(s);
  });

  it('refuses an amount above what the application requested, even though the award granted less', async () => {
    const err = await domainError(
      s.service.amend(officer(), AWARD_ID, amendment({ items: [{ itemId: 'i1', approvedAmount: '120.01' }] })),
      'VALIDATION_FAILED',
      'validation',
    );
    expect(err.details?.map((d) => d.field)).toEqual(['items.0.approvedAmount']);
    expectNothingWritten(s);
  });

  it('refuses an amendment that changes neither amounts nor conditions', async () => {
    const err = await domainError(
      s.service.amend(officer(), AWARD_ID, amendment({ items: [{ itemId: 'i1', approvedAmount: '100.00' }], conditions: 'receipts' })),
      'VALIDATION_FAILED',
      'validation',
    );
    expect(err.details?.map((d) => d.field)).toEqual(['items']);
    expectNothingWritten(s);
  });

  it('refuses to lower the award below the tranches paid or planned (AMENDMENT_BELOW_TRANCHES)', async () => {
    tranches(s.tx, '60.00', '30.00');
    const err = await domainError(
      s.service.amend(officer(), AWARD_ID, amendment({ items: [{ itemId: 'i1', approvedAmount: '39.99' }] })),
      'AMENDMENT_BELOW_TRANCHES',
      'conflict',
    );
    expect(err.extra).toEqual({ tranches: '90.00' });
    expectNothingWritten(s);
  });

  it('leaves an increase to or above the fund’s second-approval threshold to an admin (FOUR_EYES for an officer)', async () => {
    s.funds.lockFundForUpdate.mockResolvedValue(fund('170.00'));
    await domainError(
      s.service.amend(officer(), AWARD_ID, amendment({ items: [{ itemId: 'i1', approvedAmount: '120.00' }] })),
      'FOUR_EYES',
      'forbidden',
    );
    expectNothingWritten(s);
    await s.service.amend(admin(), AWARD_ID, amendment({ items: [{ itemId: 'i1', approvedAmount: '120.00' }] }));
    expect(s.funds.appendEntry).toHaveBeenCalledWith(s.tx.manager, FUND_ID, 'commit', 2000n, expect.anything());
  });

  it('answers an increase the fund cannot cover with INSUFFICIENT_FUNDS and writes nothing', async () => {
    s.funds.balances.mockResolvedValue({ budget: 0n, committed: 0n, disbursed: 0n, available: 1999n });
    const err = await domainError(
      s.service.amend(officer(), AWARD_ID, amendment({ items: [{ itemId: 'i1', approvedAmount: '120.00' }] })),
      'INSUFFICIENT_FUNDS',
      'conflict',
    );
    expect(err.extra).toEqual({ available: '19.99' });
    expectNothingWritten(s);
  });
});

describe('AwardsService.amend: what it changes', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it('commits an increase in one transaction: lock, check, ledger, write, letter, audit; then issues the letter', async () => {
    await s.service.amend(officer(), AWARD_ID, amendment({ items: [{ itemId: 'i1', approvedAmount: '120.00' }] }));
    expect(
      callOrder({
        lock: s.repository.lockForUpdate,
        fund: s.funds.lockFundForUpdate,
        balances: s.funds.balances,
        ledger: s.funds.appendEntry,
        write: s.repository.saveAmendment,
        letter: s.letters.createPending,
        audit: s.audit.record,
        issue: s.letters.issuePending,
      }),
    ).toEqual(['lock', 'fund', 'balances', 'ledger', 'write', 'letter', 'audit', 'issue']);
    for (const call of [
      s.repository.lockForUpdate,
      s.funds.lockFundForUpdate,
      s.funds.appendEntry,
      s.repository.saveAmendment,
      s.letters.createPending,
      s.audit.record,
    ]) {
      expect(call.mock.calls[0][0]).toBe(s.tx.manager);
    }
    expect(s.funds.appendEntry).toHaveBeenCalledWith(
      s.tx.manager,
      FUND_ID,
      'commit',
      2000n,
      expect.objectContaining({ refType: 'award', refId: AWARD_ID }),
    );
    expect(s.repository.saveAmendment.mock.calls[0][2]).toEqual({
      amount: '170.00',
      committed: '170.00',
      conditions: 'receipts',
      items: [
        { itemId: 'i1', type: 'cash', description: 'rent for [name]', amount: '120.00' },
        { itemId: 'i2', type: 'food', description: 'food', amount: '50.00' },
      ],
    });
    expect(s.letters.createPending).toHaveBeenCalledWith(s.tx.manager, expect.objectContaining({ letterVersion: 2 }), NOW, {
      previousVersion: 1,
      reason: 'The invoice for [name] came in lower',
    });
    expect(s.audit.record).toHaveBeenCalledWith(
      s.tx.manager,
      expect.objectContaining({
        action: 'award.amend',
        before: expect.objectContaining({ amount: '150.00', letterVersion: 1 }),
        after: expect.objectContaining({ amount: '170.00', letterVersion: 2 }),
      }),
    );
    expect(s.letters.issuePending).toHaveBeenCalledWith(AWARD_ID);
  });

  it('releases what a decrease no longer needs, without a balance check and without the threshold rule', async () => {
    s.funds.lockFundForUpdate.mockResolvedValue(fund('10.00'));
    await s.service.amend(officer(), AWARD_ID, amendment({ items: [{ itemId: 'i2', approvedAmount: '0' }] }));
    expect(s.funds.balances).not.toHaveBeenCalled();
    expect(s.funds.appendEntry).toHaveBeenCalledWith(s.tx.manager, FUND_ID, 'release', 5000n, expect.anything());
    // an item granted nothing leaves the award
    expect(s.repository.saveAmendment.mock.calls[0][2]).toMatchObject({
      amount: '100.00',
      committed: '100.00',
      items: [expect.objectContaining({ itemId: 'i1' })],
    });
    expect(s.repository.saveAmendment.mock.calls[0][2].items).toHaveLength(1);
  });

  it('keeps the commitment when cancelled tranches already gave back more than the decrease (nothing to release)', async () => {
    // 50 paid; cancelled tranches released all but 20 of the commitment; the new amount leaves 50 to pay
    s.repository.lockForUpdate.mockResolvedValue(award({ committed: '20.00' }));
    tranches(s.tx, '50.00', '0');
    await s.service.amend(officer(), AWARD_ID, amendment({ items: [{ itemId: 'i2', approvedAmount: '0' }] }));
    expect(s.funds.lockFundForUpdate).not.toHaveBeenCalled();
    expect(s.funds.appendEntry).not.toHaveBeenCalled();
    expect(s.repository.saveAmendment.mock.calls[0][2]).toMatchObject({ amount: '100.00', committed: '20.00' });
  });

  it('releases down to what is left to pay when the commitment is above it', async () => {
    tranches(s.tx, '50.00', '0');
    s.repository.lockForUpdate.mockResolvedValue(award({ committed: '100.00' })); // 150 granted, 50 paid
    await s.service.amend(officer(), AWARD_ID, amendment({ items: [{ itemId: 'i2', approvedAmount: '0' }] })); // 100 granted, 50 left to pay
    expect(s.funds.appendEntry).toHaveBeenCalledWith(s.tx.manager, FUND_ID, 'release', 5000n, expect.anything());
    expect(s.repository.saveAmendment.mock.calls[0][2]).toMatchObject({ committed: '50.00' });
  });

  it('changes only the conditions without moving money; they are redacted, and null removes them', async () => {
    await s.service.amend(officer(), AWARD_ID, amendment({ conditions: 'Aigerim brings receipts' }));
    expect(s.funds.lockFundForUpdate).not.toHaveBeenCalled();
    expect(s.repository.saveAmendment.mock.calls[0][2]).toMatchObject({
      amount: '150.00',
      committed: '150.00',
      conditions: '[name] brings receipts',
    });
    await s.service.amend(officer(), AWARD_ID, amendment({ conditions: null }));
    expect(s.repository.saveAmendment.mock.calls[1][2].conditions).toBeNull();
  });
});

describe('AwardsService.close', () => {
  let s: Setup;
  beforeEach(() => {
    s = setup();
  });

  it('answers an older version with VERSION_CONFLICT and a closed award with AWARD_NOT_ACTIVE, writing nothing', async () => {
    await domainError(s.service.close(finance(), AWARD_ID, { version: 1, note: 'case ended' }), 'VERSION_CONFLICT', 'conflict');
    s.repository.lockForUpdate.mockResolvedValue(award({ status: 'closed' }));
    await domainError(s.service.close(finance(), AWARD_ID, { version: 4, note: 'case ended' }), 'AWARD_NOT_ACTIVE', 'conflict');
    expectNothingWritten(s);
  });

  it('refuses while tranches are scheduled or at the bank (TRANCHES_PENDING)', async () => {
    tranches(s.tx, '50.00', '0.01');
    const err = await domainError(s.service.close(finance(), AWARD_ID, { version: 4, note: 'case ended' }), 'TRANCHES_PENDING', 'conflict');
    expect(err.extra).toEqual({ unpaid: '0.01' });
    expectNothingWritten(s);
  });

  it('gives what is still committed back to the fund, closes the award and audits it, in that order, in the transaction', async () => {
    tranches(s.tx, '50.00', '0');
    s.repository.lockForUpdate.mockResolvedValue(award({ committed: '100.00' }));
    await s.service.close(finance(), AWARD_ID, { version: 4, note: ' Aigerim moved away ' });
    expect(
      callOrder({
        lock: s.repository.lockForUpdate,
        fund: s.funds.lockFundForUpdate,
        ledger: s.funds.appendEntry,
        write: s.repository.closeOut,
        audit: s.audit.record,
      }),
    ).toEqual(['lock', 'fund', 'ledger', 'write', 'audit']);
    expect(s.funds.appendEntry).toHaveBeenCalledWith(
      s.tx.manager,
      FUND_ID,
      'release',
      10000n,
      expect.objectContaining({ refType: 'award', refId: AWARD_ID, createdBy: 'finance-1' }),
    );
    expect(s.audit.record).toHaveBeenCalledWith(
      s.tx.manager,
      expect.objectContaining({
        action: 'award.close',
        after: { status: 'closed', committed: '0.00', paid: '50.00', released: '100.00', note: '[name] moved away' },
      }),
    );
  });

  it('closes an award with nothing committed without touching the fund', async () => {
    s.repository.lockForUpdate.mockResolvedValue(award({ committed: '0.00' }));
    await s.service.close(admin(), AWARD_ID, { version: 4, note: 'paid in full' });
    expect(s.funds.lockFundForUpdate).not.toHaveBeenCalled();
    expect(s.funds.appendEntry).not.toHaveBeenCalled();
    expect(s.repository.closeOut).toHaveBeenCalledWith(s.tx.manager, expect.objectContaining({ id: AWARD_ID }));
    expect(s.audit.record).toHaveBeenCalledTimes(1);
  });
});
