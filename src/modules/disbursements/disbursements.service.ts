import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Clock } from '../../common/clock/clock.js';
import { FieldCipher } from '../../common/crypto/field-cipher.js';
import { invalid, notFound } from '../../common/errors/domain-error.js';
import { assertVersion } from '../../common/errors/version.js';
import { Idempotency } from '../../common/idempotency/idempotency.js';
import { formatMinor, normaliseMoney, toMinor } from '../../common/money/money.js';
import { keysetPage, type Page } from '../../common/pagination/pagination.js';
import { Transactions } from '../../common/database/transaction.js';
import { AuditService } from '../audit/audit.service.js';
import { awardTakesNoTranches } from '../awards/awards.errors.js';
import { trancheTotalsOf } from '../awards/awards.sql.js';
import { insufficientFundsToRecommit } from '../funds/funds.errors.js';
import { FundsService } from '../funds/funds.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { batchedMeanwhile, cannotGiveBack, inDownloadedBatch, overAward } from './disbursements.errors.js';
import { DisbursementsRepository, type LockedAward } from './disbursements.repository.js';
import { newTranche } from './domain/tranche.js';
import type { CancelDisbursementDto, CreateDisbursementDto, DisbursementQueryDto, DisbursementResponse } from './dto/disbursement.dto.js';
import type { Disbursement, Payee } from './entities/disbursement.entity.js';
import { TrancheBatches } from './tranche-batches.js';
import { encryptVendorIban, vendorIban } from './vendor-iban.js';

/** How far ahead a tranche may be scheduled: a year and a day (a yearly instalment on the same date stays possible). */
const MAX_SCHEDULE_AHEAD_DAYS = 366;

const CREATE_SCOPE = 'POST /disbursements';

/**
 * Tranches of awards. Creating one takes an Idempotency-Key (a retried request never pays twice);
 * tranches of an award never add up to more than it grants; a cancelled tranche releases its
 * commitment to the fund, and a later tranche commits it again if the fund still has it.
 */
@Injectable()
export class DisbursementsService {
  constructor(
    private readonly repository: DisbursementsRepository,
    private readonly transactions: Transactions,
    private readonly idempotency: Idempotency,
    private readonly funds: FundsService,
    private readonly organisations: OrganisationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly batches: TrancheBatches,
    private readonly cipher: FieldCipher,
  ) {}

  async create(
    user: AuthUser,
    key: string,
    dto: CreateDisbursementDto,
  ): Promise<{ status: number; body: DisbursementResponse; replayed: boolean }> {
    // a tranche is paid within the year: a date further ahead is a slip (2207 for 2027) that would park the commitment for ever
    if (dto.scheduledFor && dto.scheduledFor > this.clock.today(MAX_SCHEDULE_AHEAD_DAYS))
      throw invalid([{ field: 'scheduledFor', message: `scheduledFor cannot be more than ${MAX_SCHEDULE_AHEAD_DAYS} days ahead` }]);
    if (dto.method === 'vendor_payment' && !dto.payee)
      throw invalid([{ field: 'payee', message: 'payee (the supplier) is required for vendor_payment' }]);
    if (dto.method !== 'vendor_payment' && dto.payee)
      throw invalid([{ field: 'payee', message: "payee must be null unless method is vendor_payment: the NGO's account on file is paid" }]);
    // `payee: null` and no payee ask for the same (the NGO's account): a retry may send either
    const claim = { userId: user.id, scope: CREATE_SCOPE, key, body: { ...dto, payee: dto.payee ?? null } };
    // two round trips: the key, the award locked and its tranches' totals with the BEGIN; the tranche, its audit event and the stored answer with the COMMIT
    const { value, rows } = await this.transactions.runInMessages(
      [this.idempotency.claimStatement(claim), ...this.repository.awardForTranche(dto.awardId)],
      async (m, [claimed, [locked], [totalsRow]]) => {
        const { replay } = await this.idempotency.claimed(m, claimed, claim);
        if (replay) return { value: { status: replay.status, body: replay.body as DisbursementResponse, replayed: true }, last: [] };
        const award = locked as unknown as LockedAward | undefined;
        if (!award) throw notFound('Award');
        if (award.status !== 'active') throw awardTakesNoTranches(award.status);
        const amount = toMinor(dto.amount);
        const fit = newTranche(
          { amount: toMinor(award.amount), committed: toMinor(award.committed), ...trancheTotalsOf(totalsRow) },
          amount,
        );
        if (!fit.ok) {
          throw overAward(formatMinor(fit.remaining), award.currency, award.number);
        }
        if (fit.recommit > 0n) await this.recommit(m, user, award.fund_id, award.id, award.number, award.currency, fit.recommit);
        const payee: Payee = dto.payee
          ? {
              kind: 'vendor',
              name: dto.payee.name.trim(),
              bankName: dto.payee.bankName ?? null,
              bic: dto.payee.bic ?? null,
            }
          : { kind: 'organisation' };
        // the id is chosen here: the supplier's IBAN is encrypted bound to it
        const id = randomUUID();
        const row = {
          id,
          payeeIbanEnc: dto.payee?.iban ? encryptVendorIban(this.cipher, id, dto.payee.iban) : null,
          awardId: award.id,
          fundId: award.fund_id,
          organisationId: award.organisation_id,
          country: award.country,
          currency: award.currency,
          amount: formatMinor(amount),
          method: dto.method,
          payee,
          scheduledFor: dto.scheduledFor ?? this.clock.today(),
          createdBy: user.id,
        };
        // the answer but for what the row's insert draws (its reference and creation time)
        const created = {
          ...row,
          status: 'scheduled',
          paymentReference: '',
          batchId: null,
          paidAt: null,
          paidOn: null,
          cancelledAt: null,
          cancelNote: null,
          version: 1,
          createdAt: new Date(0),
          updatedAt: new Date(0),
        } as Disbursement;
        const payout = this.organisations.payoutAccount({
          id: award.organisation_id,
          name: award.organisation_name,
          bankAccountEnc: award.organisation_account_enc,
        });
        const body = this.toResponse(created, award.number, payout);
        const audit = this.audit.prepare(
          {
            action: 'disbursement.create',
            entityType: 'disbursement',
            entityId: id,
            after: { awardId: award.id, amount: row.amount, method: row.method, recommitted: formatMinor(fit.recommit) },
          },
          m,
        );
        return { value: { status: 201, body, replayed: false }, last: [this.repository.insertStatement(row, audit, { ...claim, body })] };
      },
    );
    if (!rows.length) return value;
    const [inserted] = rows[0] as { payment_reference: string; created_at: Date }[];
    return {
      ...value,
      body: { ...value.body, paymentReference: inserted.payment_reference, createdAt: inserted.created_at.toISOString() },
    };
  }

  /** A scheduled tranche that will not be paid: its commitment goes back to the fund (ledger `release`). */
  cancel(user: AuthUser, id: string, dto: CancelDisbursementDto): Promise<DisbursementResponse> {
    return this.giveBack(user, id, dto, 'scheduled', 'cancelled');
  }

  /** The bank did not pay a sent tranche (refused or returned it): like a cancellation, its commitment goes back to the fund. */
  fail(user: AuthUser, id: string, dto: CancelDisbursementDto): Promise<DisbursementResponse> {
    return this.giveBack(user, id, dto, 'sent', 'failed');
  }

  private async giveBack(
    user: AuthUser,
    id: string,
    dto: CancelDisbursementDto,
    from: 'scheduled' | 'sent',
    to: 'cancelled' | 'failed',
  ): Promise<DisbursementResponse> {
    const note = dto.note.trim();
    await this.transactions.run(async (m) => {
      const seen = await this.repository.findById(id, m);
      if (!seen) throw notFound('Disbursement');
      await this.repository.lockAward(m, seen.awardId);
      // a scheduled tranche leaves a batch whose file nobody downloaded yet; award, batch, tranche: the order marking a batch sent keeps
      const batchId = to === 'cancelled' && seen.status === 'scheduled' ? seen.batchId : null;
      const batch = batchId ? await this.batches.lock(m, batchId) : null;
      if (batch && (batch.status !== 'open' || batch.exported)) {
        throw inDownloadedBatch(batchId);
      }
      const d = (await this.repository.lock(m, id))!;
      if (d.status !== from) {
        throw cannotGiveBack(to, d.status);
      }
      assertVersion(d.version, dto.version);
      if (to === 'cancelled' && d.batchId !== batchId) throw batchedMeanwhile(d.batchId);
      await this.repository.giveBack(m, id, from, to, note, this.clock.now());
      if (batch) {
        await this.repository.leaveBatch(m, id, batchId!);
        const left = await this.batches.recount(m, batchId!);
        await this.audit.record(m, {
          action: 'payment_batch.remove',
          entityType: 'payment_batch',
          entityId: batchId,
          before: { count: batch.count, total: normaliseMoney(batch.total) },
          after: { count: left.count, total: normaliseMoney(left.total), removed: d.paymentReference },
        });
      }
      await this.funds.lockFundForUpdate(m, d.fundId);
      await this.funds.appendEntry(m, d.fundId, 'release', toMinor(d.amount), {
        refType: 'disbursement',
        refId: d.id,
        memo: `${d.paymentReference} ${to}`,
        createdBy: user.id,
      });
      await this.repository.moveAwardCommitment(m, d.awardId, `-${normaliseMoney(d.amount)}`);
      await this.audit.record(m, {
        action: `disbursement.${to === 'cancelled' ? 'cancel' : 'fail'}`,
        entityType: 'disbursement',
        entityId: id,
        before: { status: from, ...(batchId ? { batchId } : {}) },
        after: { status: to, note, ...(batchId ? { batchId: null } : {}) },
      });
    });
    return this.get(id);
  }

  /** For reconciliation, in its transaction: the disbursement, its award locked first (the order every tranche change keeps). */
  async lockWithAward(m: EntityManager, id: string): Promise<Disbursement | null> {
    const found = await this.repository.findById(id, m);
    if (!found) return null;
    await this.repository.lockAward(m, found.awardId);
    return this.repository.lock(m, id);
  }

  async list(query: DisbursementQueryDto): Promise<Page<DisbursementResponse>> {
    const page = await keysetPage(this.repository.listQuery(query), query);
    return { items: await this.toResponses(page.items), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<DisbursementResponse> {
    const d = await this.repository.findById(id);
    if (!d) throw notFound('Disbursement');
    return (await this.toResponses([d]))[0];
  }

  /** Commits again, for a new tranche, what cancelled ones of the award released; 409 if the fund no longer has it. */
  private async recommit(
    m: EntityManager,
    user: AuthUser,
    fundId: string,
    awardId: string,
    number: string,
    currency: string,
    amount: bigint,
  ): Promise<void> {
    await this.funds.lockFundForUpdate(m, fundId);
    const { available } = await this.funds.balances(m, fundId);
    if (available < amount) {
      throw insufficientFundsToRecommit(formatMinor(amount), currency, formatMinor(available));
    }
    await this.funds.appendEntry(m, fundId, 'commit', amount, {
      refType: 'award',
      refId: awardId,
      memo: `${number} committed again for a tranche`,
      createdBy: user.id,
    });
    await this.repository.moveAwardCommitment(m, awardId, formatMinor(amount));
  }

  private async toResponses(list: Disbursement[]): Promise<DisbursementResponse[]> {
    const [numbers, accounts] = await Promise.all([
      this.repository.awardNumbers([...new Set(list.map((d) => d.awardId))]),
      this.organisations.payoutAccounts(list.map((d) => d.organisationId)),
    ]);
    return list.map((d) => {
      const org = accounts.get(d.organisationId);
      return this.toResponse(d, numbers.get(d.awardId) ?? '', org);
    });
  }

  /** A tranche's answer, with its award's number and its NGO's name and account on file. */
  private toResponse(
    d: Disbursement,
    awardNumber: string,
    org: ReturnType<OrganisationsService['payoutAccount']> | undefined,
  ): DisbursementResponse {
    const iban = d.payee.kind === 'vendor' ? vendorIban(this.cipher, d.id, d.payeeIbanEnc) : (org?.account?.iban ?? null);
    return {
      id: d.id,
      awardId: d.awardId,
      awardNumber,
      fundId: d.fundId,
      organisationId: d.organisationId,
      country: d.country,
      amount: normaliseMoney(d.amount),
      currency: d.currency,
      method: d.method,
      payee: {
        kind: d.payee.kind,
        name: d.payee.kind === 'vendor' ? d.payee.name : (org?.name ?? ''),
        bankName: d.payee.kind === 'vendor' ? d.payee.bankName : (org?.account?.bankName ?? null),
        ibanLast4: iban ? iban.slice(-4) : null,
      },
      scheduledFor: d.scheduledFor,
      status: d.status,
      paymentReference: d.paymentReference,
      paidAt: d.paidAt?.toISOString() ?? null,
      paidOn: d.paidOn,
      cancelledAt: d.cancelledAt?.toISOString() ?? null,
      cancelNote: d.cancelNote,
      batchId: d.batchId,
      version: d.version,
      createdAt: d.createdAt.toISOString(),
    };
  }
}
