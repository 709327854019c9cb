import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccessService } from '../../common/access/access.service.js';
import { notFound } from '../../common/errors/domain-error.js';
import { assertVersion } from '../../common/errors/version.js';
import { formatMinor, normaliseMoney, toMinor } from '../../common/money/money.js';
import { keysetPage, type Page, type PageQueryDto } from '../../common/pagination/pagination.js';
import { LOCAL_CURRENCY, type ProgramCountry } from '../../common/validation/decorators.js';
import { Transactions } from '../../common/database/transaction.js';
import { AuditService } from '../audit/audit.service.js';
import { DEFAULT_RULES, type FundRules, mergeRules } from '../eligibility/domain/fund-rules.js';
import { deltasFor, formatBalances, type LedgerBalances, type LedgerKind, reversal } from './domain/ledger.js';
import {
  type CreateFundDto,
  type FundQueryDto,
  type FundResponse,
  type LedgerEntryResponse,
  toLedgerEntryResponse,
  type UpdateFundDto,
} from './dto/fund.dto.js';
import type { FundLedgerEntry } from './entities/fund-ledger-entry.entity.js';
import type { Fund } from './entities/fund.entity.js';
import { budgetBelowUse, fundPeriodOverlap, periodReversed, wrongCurrency } from './funds.errors.js';
import { FundsRepository } from './funds.repository.js';

@Injectable()
export class FundsService {
  constructor(
    private readonly repository: FundsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  async create(dto: CreateFundDto, user: AuthUser | null): Promise<FundResponse> {
    const local = LOCAL_CURRENCY[dto.country as ProgramCountry];
    if (dto.currency !== local && dto.currency !== 'USD') throw wrongCurrency(dto.country, local);
    if (dto.periodEnd < dto.periodStart) throw periodReversed();
    return this.transactions.run(async (m) => {
      await this.repository.lockCountry(m, dto.country);
      const overlap = await this.repository.overlappingFund(m, dto.country, dto.periodStart, dto.periodEnd);
      if (overlap) throw fundPeriodOverlap(dto.country, overlap.name);
      const fund = await this.repository.save(
        m,
        this.repository.create(m, {
          name: dto.name.trim(),
          country: dto.country,
          currency: dto.currency,
          periodStart: dto.periodStart,
          periodEnd: dto.periodEnd,
          status: 'open',
          rules: mergeRules(DEFAULT_RULES, dto.rules as Partial<FundRules>),
        }),
      );
      await this.appendEntry(m, fund.id, 'budget', toMinor(dto.budget), { memo: 'Initial budget', createdBy: user?.id ?? null });
      const response = await this.toResponse(fund, m);
      await this.audit.record(m, { action: 'fund.create', entityType: 'fund', entityId: fund.id, after: response });
      return response;
    });
  }

  async list(user: AuthUser, query: FundQueryDto): Promise<Page<FundResponse>> {
    const page = await keysetPage(this.repository.listQuery({ ...query, countries: this.access.countryScope(user) }), query);
    const balances = await this.repository.balances(page.items.map((f) => f.id));
    return { items: page.items.map((f) => this.toResponseWith(f, balances.get(f.id)!)), nextCursor: page.nextCursor };
  }

  async get(user: AuthUser, id: string): Promise<FundResponse> {
    const fund = await this.findVisible(user, id);
    return this.toResponse(fund);
  }

  async update(id: string, dto: UpdateFundDto, user: AuthUser): Promise<FundResponse> {
    return this.transactions.run(async (m) => {
      const fund = await this.repository.lockFundForUpdate(m, id);
      if (!fund) throw notFound('Fund');
      assertVersion(fund.version, dto.version);
      const before = await this.toResponse(fund, m);
      const periodStart = dto.periodStart ?? fund.periodStart;
      const periodEnd = dto.periodEnd ?? fund.periodEnd;
      if (periodEnd < periodStart) throw periodReversed();
      if (dto.periodStart || dto.periodEnd) {
        await this.repository.lockCountry(m, fund.country);
        const overlap = await this.repository.overlappingFund(m, fund.country, periodStart, periodEnd, fund.id);
        if (overlap) throw fundPeriodOverlap(fund.country, overlap.name);
      }
      if (dto.budget !== undefined) {
        const current = (await this.repository.balances([id], m)).get(id)!;
        const target = toMinor(dto.budget);
        const used = current.committed + current.disbursed;
        if (target < used) throw budgetBelowUse(formatMinor(used), fund.currency);
        if (target !== current.budget) {
          await this.appendEntry(m, id, 'budget_adjustment', target - current.budget, {
            memo: `Budget changed from ${formatMinor(current.budget)} to ${formatMinor(target)}`,
            createdBy: user.id,
          });
        }
      }
      if (dto.name !== undefined) fund.name = dto.name.trim();
      fund.periodStart = periodStart;
      fund.periodEnd = periodEnd;
      if (dto.status !== undefined) fund.status = dto.status;
      if (dto.rules !== undefined) fund.rules = mergeRules(fund.rules, dto.rules as Partial<FundRules>);
      // bump the version for ledger-only changes too, so a stale editor notices
      const saved = await this.repository.save(m, { ...fund, updatedAt: new Date() } as Fund);
      const after = await this.toResponse(saved, m);
      await this.audit.record(m, { action: 'fund.update', entityType: 'fund', entityId: id, before, after });
      return after;
    });
  }

  async ledgerEntries(user: AuthUser, id: string, query: PageQueryDto): Promise<Page<LedgerEntryResponse>> {
    await this.findVisible(user, id);
    const page = await keysetPage(this.repository.ledgerQuery(id), query);
    return { items: page.items.map(toLedgerEntryResponse), nextCursor: page.nextCursor };
  }

  /** For other modules: the fund entity (rules, period, currency), or null. */
  find(manager: EntityManager, id: string): Promise<Fund | null> {
    return this.repository.findById(id, manager);
  }

  openFundOn(manager: EntityManager, country: string, day: string): Promise<Fund | null> {
    return this.repository.openFundOn(manager, country, day);
  }

  /** For money-moving use cases of later modules: lock, then append, in the caller's transaction. */
  lockFundForUpdate(manager: EntityManager, id: string): Promise<Fund | null> {
    return this.repository.lockFundForUpdate(manager, id);
  }

  async balances(manager: EntityManager, fundId: string): Promise<LedgerBalances> {
    return (await this.repository.balances([fundId], manager)).get(fundId)!;
  }

  appendEntry(
    manager: EntityManager,
    fundId: string,
    kind: Exclude<LedgerKind, 'reverse'>,
    amount: bigint,
    ref: { refType?: string; refId?: string; memo?: string; createdBy: string | null },
  ): Promise<FundLedgerEntry> {
    return this.repository.appendLedgerEntry(manager, { fundId, kind, deltas: deltasFor(kind, amount), ...ref });
  }

  /**
   * A correction: the entry of `kind` about `refId` that is not reversed yet gets a `reverse` entry
   * with the opposite deltas (entries are never changed). Null when there is none.
   */
  async reverseLatest(
    manager: EntityManager,
    kind: Exclude<LedgerKind, 'reverse'>,
    refId: string,
    ref: { memo?: string; createdBy: string | null },
  ): Promise<FundLedgerEntry | null> {
    const entry = await this.repository.latestUnreversed(manager, kind, refId);
    if (!entry) return null;
    const deltas = {
      budget: toMinor(entry.budgetDelta),
      committed: toMinor(entry.committedDelta),
      disbursed: toMinor(entry.disbursedDelta),
    };
    return this.repository.appendLedgerEntry(manager, {
      fundId: entry.fundId,
      kind: 'reverse',
      deltas: reversal(deltas),
      refType: entry.refType ?? undefined,
      refId,
      reversesId: entry.id,
      ...ref,
    });
  }

  private async findVisible(user: AuthUser, id: string): Promise<Fund> {
    const fund = await this.repository.findById(id);
    if (!fund || !this.access.canSeeCountry(user, fund.country)) throw notFound('Fund');
    return fund;
  }

  private async toResponse(fund: Fund, manager?: EntityManager): Promise<FundResponse> {
    const balances = (await this.repository.balances([fund.id], manager)).get(fund.id)!;
    return this.toResponseWith(fund, balances);
  }

  private toResponseWith(fund: Fund, balances: LedgerBalances): FundResponse {
    const r = fund.rules;
    return {
      id: fund.id,
      name: fund.name,
      country: fund.country,
      currency: fund.currency,
      periodStart: fund.periodStart,
      periodEnd: fund.periodEnd,
      status: fund.status,
      rules: {
        eligibleCategories: r.eligibleCategories,
        allowedTypes: r.allowedTypes,
        maxPerApplication: r.maxPerApplication === null ? null : normaliseMoney(r.maxPerApplication),
        typeCaps: Object.fromEntries(Object.entries(r.typeCaps).map(([k, v]) => [k, normaliseMoney(v)])),
        beneficiaryCap365d: r.beneficiaryCap365d === null ? null : normaliseMoney(r.beneficiaryCap365d),
        secondApprovalThreshold: r.secondApprovalThreshold === null ? null : normaliseMoney(r.secondApprovalThreshold),
        slaHours: r.slaHours,
        femaleTargetPercent: r.femaleTargetPercent,
        overrides: r.overrides,
      },
      ledger: formatBalances(balances),
      createdAt: fund.createdAt.toISOString(),
      updatedAt: fund.updatedAt.toISOString(),
      version: fund.version,
    };
  }
}
