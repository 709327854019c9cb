import { Injectable } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { invalid } from '../../common/errors/domain-error.js';
import { efResultsRows, efResultsRowsByGroup } from './domain/ef-results.js';
import type {
  EfResultsQueryDto,
  EfResultsResponse,
  FollowUpReport,
  ReportRangeQueryDto,
  FollowUpReportRow,
  FundReport,
  GenderTargetReport,
  TurnaroundResponse,
  TurnaroundRow,
} from './dto/report.dto.js';
import { OVERDUE_AFTER_DAYS } from '../follow-ups/entities/follow-up.entity.js';
import { formatMinor, normaliseMoney, toMinor } from '../../common/money/money.js';
import { percent } from './domain/percent.js';
import { type FollowUpFigures, ReportsRepository, type TurnaroundGroup } from './reports.repository.js';
import { Clock } from '../../common/clock/clock.js';

/** De-identified reports: counts only, never names, document numbers or beneficiary codes. Officers see their countries. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async efResults(user: AuthUser, query: EfResultsQueryDto): Promise<EfResultsResponse> {
    checkRange(query);
    const unit = query.unit ?? 'awards';
    const breakdown = query.breakdown ?? null;
    const cells = await this.repository.efResultCells({
      unit,
      from: query.from,
      to: query.to,
      countries: this.access.countryScope(user),
      breakdown: breakdown ?? undefined,
    });
    return {
      unit,
      breakdown,
      from: query.from ?? null,
      to: query.to ?? null,
      rows: breakdown ? efResultsRowsByGroup(cells, breakdown) : efResultsRows(cells),
    };
  }

  /** Turnaround per country and per officer of the final decision, gross and net, with the SLA record and what is overdue now. */
  async turnaround(user: AuthUser, query: ReportRangeQueryDto): Promise<TurnaroundResponse> {
    checkRange(query);
    const { byCountry, byOfficer } = await this.repository.turnaround({
      from: query.from,
      to: query.to,
      countries: this.access.countryScope(user),
      now: this.clock.now(),
    });
    return {
      from: query.from ?? null,
      to: query.to ?? null,
      countries: byCountry.map((g) => ({ country: g.key, ...turnaroundRow(g) })),
      officers: byOfficer.map((g) => ({ officerId: g.key, fullName: g.full_name, ...turnaroundRow(g) })),
    };
  }

  /** Budget, committed, disbursed and available per fund, in its currency and in US dollars at the recorded monthly rates. */
  async funds(user: AuthUser): Promise<FundReport> {
    const rows = await this.repository.fundFigures(this.access.countryScope(user));
    const figures = (budget: string, committed: string, disbursed: string) => ({
      budget: normaliseMoney(budget),
      committed: normaliseMoney(committed),
      disbursed: normaliseMoney(disbursed),
      available: formatMinor(toMinor(normaliseMoney(budget)) - toMinor(normaliseMoney(committed)) - toMinor(normaliseMoney(disbursed))),
    });
    return {
      items: rows.map((f) => ({
        fundId: f.id,
        name: f.name,
        country: f.country,
        currency: f.currency,
        status: f.status,
        local: figures(f.budget, f.committed, f.disbursed),
        usd: f.budget_usd === null ? null : figures(f.budget_usd, f.committed_usd!, f.disbursed_usd!),
        missingRates: f.missing_months.sort(),
      })),
    };
  }

  /** The female share of each fund's awards against its target. */
  async genderTargets(user: AuthUser): Promise<GenderTargetReport> {
    const rows = await this.repository.genderFigures(this.access.countryScope(user));
    return {
      items: rows.map((f) => {
        const share = f.awards ? percent(f.female, f.awards) : null;
        return {
          fundId: f.id,
          name: f.name,
          country: f.country,
          awards: f.awards,
          femaleAwards: f.female,
          femalePercent: share,
          targetPercent: f.target,
          met: share === null ? null : share >= f.target,
        };
      }),
    };
  }

  /** Completion and answers of the follow-ups per country and milestone, per country and in all. */
  async followUps(user: AuthUser, query: ReportRangeQueryDto): Promise<FollowUpReport> {
    checkRange(query);
    const today = this.clock.today();
    const rows = await this.repository.followUpFigures({
      from: query.from,
      to: query.to,
      countries: this.access.countryScope(user),
      today,
      overdueDays: OVERDUE_AFTER_DAYS,
    });
    return { from: query.from ?? null, to: query.to ?? null, rows: rows.map(followUpRow) };
  }
}

/** Seconds (PostgreSQL may interpolate fractions) as hours with one decimal. */
const hours = (seconds: number | string | null) => (seconds === null ? null : Math.round(Number(seconds) / 360) / 10);

function turnaroundRow(g: TurnaroundGroup): TurnaroundRow {
  return {
    decisions: g.decisions,
    grossHours: { median: hours(g.gross_median), p90: hours(g.gross_p90), max: hours(g.gross_max) },
    netHours: { median: hours(g.net_median), p90: hours(g.net_p90), max: hours(g.net_max) },
    withinSlaPercent: g.decisions ? percent(g.in_sla, g.decisions) : null,
    overdueNow: g.overdue,
  };
}

function followUpRow(f: FollowUpFigures): FollowUpReportRow {
  const yesNo = (yes: number, no: number) => ({ yes, no, notAnswered: f.completed - yes - no });
  return {
    country: f.country,
    milestone: f.milestone,
    fallenDue: f.fallen_due,
    completed: f.completed,
    completionPercent: f.fallen_due ? percent(f.completed, f.fallen_due) : null,
    overdue: f.overdue,
    upcoming: f.upcoming,
    contactMade: yesNo(f.contact_made_true, f.contact_made_false),
    livelihoodOperating: yesNo(f.livelihood_operating_true, f.livelihood_operating_false),
    incomeChange: {
      lower: f.income_change_lower,
      same: f.income_change_same,
      higher: f.income_change_higher,
      notAnswered: f.completed - f.income_change_lower - f.income_change_same - f.income_change_higher,
    },
    livingStandard: {
      worse: f.living_standard_worse,
      same: f.living_standard_same,
      better: f.living_standard_better,
      notAnswered: f.completed - f.living_standard_worse - f.living_standard_same - f.living_standard_better,
    },
    intendsToMigrate: yesNo(f.intends_to_migrate_true, f.intends_to_migrate_false),
    referredOthers: { followUps: f.referring, people: f.referred },
  };
}

/** A date range whose end is not before its start. */
function checkRange(query: { from?: string; to?: string }): void {
  if (query.from && query.to && query.from > query.to) throw invalid([{ field: 'to', message: 'to must not be before from' }]);
}
