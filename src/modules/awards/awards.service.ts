import { Injectable } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { invalid, notFound } from '../../common/errors/domain-error.js';
import { assertVersion } from '../../common/errors/version.js';
import { formatMinor, normaliseMoney, toMinor } from '../../common/money/money.js';
import { keysetPage, type Page } from '../../common/pagination/pagination.js';
import { Clock } from '../../common/clock/clock.js';
import { Transactions } from '../../common/database/transaction.js';
import { AuditService } from '../audit/audit.service.js';
import { BeneficiariesService } from '../beneficiaries/beneficiaries.service.js';
import { insufficientFundsToAmend } from '../funds/funds.errors.js';
import { FundsService } from '../funds/funds.service.js';
import type { LetterQueryDto, LetterSummary } from '../letters/dto/letter.dto.js';
import type { AwardLetter } from '../letters/entities/award-letter.entity.js';
import { type LetterFacts, LettersService } from '../letters/letters.service.js';
import { approvedAmounts, needsSecondApproval } from './domain/approval.js';
import { amendmentBelowTranches, awardNotActive, awardNotAmendable, fourEyes, tranchesPending } from './awards.errors.js';
import { AwardsRepository, type NewAward } from './awards.repository.js';
import { type ApprovedAwardRow, trancheTotals } from './awards.sql.js';
import type { AmendAwardDto, AwardQueryDto, AwardResponse, CloseAwardDto } from './dto/award.dto.js';
import type { Award } from './entities/award.entity.js';

@Injectable()
export class AwardsService {
  constructor(
    private readonly repository: AwardsRepository,
    private readonly access: AccessService,
    private readonly letters: LettersService,
    private readonly beneficiaries: BeneficiariesService,
    private readonly funds: FundsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * In the transaction of the approval that makes an application `approved`: the award with the
   * person's personal data blanked out of its free text (`redact`), and its first letter, ready for
   * the statement that numbers the award (`approvedAwardInsert`) as the approval's last step.
   */
  prepareForApproval(award: NewAward, at: Date, redact: (text: string) => string, facts: LetterFacts): ApprovedAwardRow {
    const blanked: NewAward = {
      ...award,
      items: award.items.map((i) => ({ ...i, description: redact(i.description) })),
      conditions: award.conditions === null ? null : redact(award.conditions),
    };
    const letter = this.letters.pendingLetterRow({ ...blanked, letterVersion: 1 }, at, facts);
    return { award: blanked, year: at.getUTCFullYear(), letter };
  }

  /** After an approval committed: its letter is rendered after the answer (LettersService.issueInBackground). */
  issueLettersInBackground(awardId: string): void {
    this.letters.issueInBackground(awardId);
  }

  /** After the approval or amendment committed: render its letter now (a failure is retried by the scheduler). */
  issueLetters(awardId: string): Promise<void> {
    return this.letters.issuePending(awardId);
  }

  async list(user: AuthUser, query: AwardQueryDto): Promise<Page<AwardResponse>> {
    const page = await keysetPage(this.repository.listQuery({ ...query, ...this.access.listScope(user) }), query);
    return { items: await this.toResponses(page.items), nextCursor: page.nextCursor };
  }

  async get(user: AuthUser, id: string): Promise<AwardResponse> {
    const found = await this.repository.detail(id);
    if (!found || !this.canSee(user, found.award)) throw notFound('Award');
    return toAwardResponse(found.award, found.beneficiaryCode, found.letter);
  }

  /** The stored PDF of a letter version in a language, exactly the bytes issued. */
  async letter(user: AuthUser, id: string, query: LetterQueryDto): Promise<{ letter: AwardLetter; bytes: Buffer; filename: string }> {
    const award = await this.findVisible(user, id);
    const { letter, bytes } = await this.letters.download(award, query);
    return { letter, bytes, filename: `${award.number}-v${letter.version}-${letter.language}.pdf` };
  }

  async letterList(user: AuthUser, id: string): Promise<{ items: LetterSummary[] }> {
    const award = await this.findVisible(user, id);
    return { items: (await this.letters.summaries([award.id])).get(award.id) ?? [] };
  }

  /**
   * Changes the granted amounts or conditions of an active award and issues the next letter
   * version; earlier versions stay as they were. The commitment on the fund follows the amount in
   * the same transaction (an increase needs the balance, 409 otherwise). Officers of the country and
   * admins; an increase to or above the second-approval threshold is for an admin (four eyes).
   */
  async amend(user: AuthUser, id: string, dto: AmendAwardDto): Promise<AwardResponse> {
    await this.findVisible(user, id);
    await this.transactions.run(async (m) => {
      const award = (await this.repository.lockForUpdate(m, id))!;
      assertVersion(award.version, dto.version);
      if (award.status !== 'active') throw awardNotAmendable(award.status);
      if (user.organisationId && user.organisationId === award.organisationId) {
        throw fourEyes('holdingOrganisation');
      }
      const requested = await this.repository.requestedItems(m, award.applicationId);
      const granted = new Map(award.items.map((i) => [i.itemId, i.amount]));
      const result = approvedAmounts(
        requested.map((r) => ({ id: r.id, amount: r.amount, current: granted.get(r.id) ?? '0' })),
        dto.items,
      );
      if ('problems' in result) throw invalid(result.problems);
      const redact = await this.beneficiaries.redactorFor(m, award.beneficiaryId);
      const amounts = new Map(result.amounts.map((a) => [a.id, a.amount]));
      const items = requested
        .filter((r) => toMinor(amounts.get(r.id)!) > 0n)
        .map((r) => ({ itemId: r.id, type: r.type, description: redact(r.description), amount: amounts.get(r.id)! }));
      const conditions = dto.conditions === undefined ? award.conditions : dto.conditions === null ? null : redact(dto.conditions);
      const before = toMinor(award.amount);
      const unchanged =
        result.total === before &&
        conditions === award.conditions &&
        items.every((i) => granted.get(i.itemId) !== undefined && toMinor(granted.get(i.itemId)!) === toMinor(i.amount));
      if (unchanged) throw invalid([{ field: 'items', message: 'the amendment changes neither amounts nor conditions' }]);

      const delta = result.total - before;
      // tranches already planned or paid stay covered; the commitment follows the new amount
      const { paid, unpaid } = await trancheTotals(m, id);
      if (result.total < paid + unpaid) {
        throw amendmentBelowTranches(formatMinor(paid + unpaid), award.currency);
      }
      const committed = toMinor(award.committed);
      const target = delta > 0n ? committed + delta : committed < result.total - paid ? committed : result.total - paid;
      const move = target - committed;
      if (move !== 0n) {
        const fund = (await this.funds.lockFundForUpdate(m, award.fundId))!;
        if (move > 0n) {
          if (user.role !== 'admin' && needsSecondApproval(result.total, fund.rules.secondApprovalThreshold)) {
            throw fourEyes('increaseByAdmin');
          }
          const { available } = await this.funds.balances(m, award.fundId);
          if (available < move) {
            throw insufficientFundsToAmend(formatMinor(available), fund.currency, formatMinor(move));
          }
        }
        await this.funds.appendEntry(m, award.fundId, move > 0n ? 'commit' : 'release', move > 0n ? move : -move, {
          refType: 'award',
          refId: award.id,
          memo: `${award.number} amendment ${award.letterVersion}`,
          createdBy: user.id,
        });
      }
      const amended = await this.repository.saveAmendment(m, award, {
        amount: formatMinor(result.total),
        items,
        conditions,
        committed: formatMinor(target),
      });
      const reason = redact(dto.reason.trim());
      await this.letters.createPending(m, amended, this.clock.now(), { previousVersion: award.letterVersion, reason });
      await this.audit.record(m, {
        action: 'award.amend',
        entityType: 'award',
        entityId: id,
        before: {
          amount: normaliseMoney(award.amount),
          items: award.items.map((i) => ({ itemId: i.itemId, amount: i.amount })),
          letterVersion: award.letterVersion,
        },
        after: {
          amount: formatMinor(result.total),
          items: items.map((i) => ({ itemId: i.itemId, amount: i.amount })),
          letterVersion: amended.letterVersion,
          reason,
        },
      });
    });
    await this.issueLetters(id);
    return this.get(user, id);
  }

  /**
   * Closes an active award that will be paid no further (the case ended for less, the NGO returned
   * the rest): what is still committed for it goes back to the fund (ledger `release`), and its
   * follow-ups fall due after its last payment as for an award paid in full. Every tranche must be
   * settled first (paid, cancelled or failed). Finance and admins.
   */
  async close(user: AuthUser, id: string, dto: CloseAwardDto): Promise<AwardResponse> {
    await this.findVisible(user, id);
    await this.transactions.run(async (m) => {
      const award = (await this.repository.lockForUpdate(m, id))!;
      assertVersion(award.version, dto.version);
      if (award.status !== 'active') throw awardNotActive(award.status);
      const { paid, unpaid } = await trancheTotals(m, id);
      if (unpaid > 0n) {
        throw tranchesPending(formatMinor(unpaid), award.currency);
      }
      const released = toMinor(award.committed);
      if (released > 0n) {
        await this.funds.lockFundForUpdate(m, award.fundId);
        await this.funds.appendEntry(m, award.fundId, 'release', released, {
          refType: 'award',
          refId: award.id,
          memo: `${award.number} closed`,
          createdBy: user.id,
        });
      }
      await this.repository.closeOut(m, award);
      const note = (await this.beneficiaries.redactorFor(m, award.beneficiaryId))(dto.note.trim());
      await this.audit.record(m, {
        action: 'award.close',
        entityType: 'award',
        entityId: id,
        before: { status: 'active', committed: normaliseMoney(award.committed) },
        after: { status: 'closed', committed: '0.00', paid: formatMinor(paid), released: formatMinor(released), note },
      });
    });
    return this.get(user, id);
  }

  /** The award, if the user may see it; 404 otherwise (also for share links, which follow the award's scope). */
  async findVisible(user: AuthUser, id: string): Promise<Award> {
    const award = await this.repository.findById(id);
    if (!award || !this.canSee(user, award)) throw notFound('Award');
    return award;
  }

  /** NGO users their organisation's awards; officers their countries'; finance, admins and auditors all. */
  private canSee(user: AuthUser, award: Award): boolean {
    if (user.role === 'finance') return true;
    return this.access.canSeeOrganisationRecords(user, award.organisationId, award.country);
  }

  private async toResponses(awards: Award[]): Promise<AwardResponse[]> {
    const ids = awards.map((a) => a.id);
    const [codes, letters] = await Promise.all([
      this.repository.beneficiaryCodes([...new Set(awards.map((a) => a.beneficiaryId))]),
      this.letters.summaries(ids),
    ]);
    return awards.map((a) => {
      // the letter in the award's own language (the first made of this version), not a copy asked for later
      const current = (letters.get(a.id) ?? []).find((l) => l.version === a.letterVersion);
      return toAwardResponse(a, codes.get(a.beneficiaryId) ?? '', current ?? null);
    });
  }
}

/** An award's answer: the row, the beneficiary's code and its current letter. */
function toAwardResponse(a: Award, beneficiaryCode: string, letter: LetterSummary | null): AwardResponse {
  return {
    id: a.id,
    number: a.number,
    applicationId: a.applicationId,
    organisationId: a.organisationId,
    fundId: a.fundId,
    beneficiaryCode,
    country: a.country,
    amount: normaliseMoney(a.amount),
    currency: a.currency,
    status: a.status,
    items: a.items.map((i) => ({ ...i, amount: normaliseMoney(i.amount) })),
    conditions: a.conditions,
    approvers: a.approvers,
    language: a.language,
    letterVersion: a.letterVersion,
    letter,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
  };
}
