import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PROGRAM_COUNTRIES } from '../../common/validation/decorators.js';
import { withWorkMem } from '../../common/database/work-mem.js';
import { type Breakdown, type Cell, REPORTED_FLAGS } from './domain/ef-results.js';

/** Memory for the sorts of a report query (percentiles over a million decisions), per connection. */
const REPORT_WORK_MEM = '32MB';

@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Awards (or distinct beneficiaries with an award) per country, category and sex, awarded in
   * [from, to] (UTC dates, both optional), in the given countries (null: all). One grouped query,
   * read from the award table's report index alone (category and sex are copied onto the award).
   * Broken down by age group (the award's year less the birth year) or by each reported flag the
   * person has (a person with two flags counts in both, one without any in neither).
   */
  async efResultCells(filter: {
    unit: 'awards' | 'beneficiaries';
    from?: string;
    to?: string;
    countries: string[] | null;
    breakdown?: Breakdown;
  }): Promise<Cell[]> {
    const counted = filter.unit === 'awards' ? 'count(*)' : 'count(DISTINCT a.beneficiary_id)';
    const age = `extract(year FROM a.created_at AT TIME ZONE 'UTC')::int - b.birth_year`;
    const group =
      filter.breakdown === 'ageGroup'
        ? `CASE WHEN ${age} < 18 THEN 'under 18' WHEN ${age} < 25 THEN '18-24' WHEN ${age} < 35 THEN '25-34' WHEN ${age} < 50 THEN '35-49' ELSE '50+' END`
        : filter.breakdown === 'flag'
          ? 'f.flag'
          : 'NULL::text';
    const person = filter.breakdown ? `JOIN beneficiary b ON b.id = a.beneficiary_id` : '';
    const flags = filter.breakdown === 'flag' ? `CROSS JOIN LATERAL unnest(b.flags) AS f(flag)` : '';
    const rows: (Omit<Cell, 'group'> & { group: string | null })[] = await this.dataSource.query(
      `SELECT ${group} AS group, a.country, a.beneficiary_category AS category, a.beneficiary_sex AS sex, ${counted}::int AS count
         FROM award a ${person} ${flags}
        WHERE ($1::date IS NULL OR a.created_at >= $1::date)
          AND ($2::date IS NULL OR a.created_at < $2::date + 1)
          AND ($3::text[] IS NULL OR a.country = ANY($3::text[]))
          ${filter.breakdown === 'flag' ? 'AND f.flag = ANY($4::text[])' : ''}
        GROUP BY 1, a.country, a.beneficiary_category, a.beneficiary_sex`,
      [filter.from ?? null, filter.to ?? null, filter.countries, ...(filter.breakdown === 'flag' ? [[...REPORTED_FLAGS]] : [])],
    );
    return rows.map(({ group, ...cell }) => (group === null ? cell : { group, ...cell }));
  }

  /**
   * Each fund's figures summed from its ledger, in its currency and in US dollars (USD itself at 1).
   * An entry about an award (its commitment, release, payment or their reversal, referring to the
   * award, its application or one of its disbursements) is converted at the recorded rate of the
   * award's month, so what a payment takes off `committed` is what the approval put there; an entry
   * without an award (the budget) at the rate of its own month. Months whose rate an entry needs and
   * which have none are listed, and the dollar figures are then null rather than wrong.
   */
  fundFigures(countries: string[] | null): Promise<FundFigures[]> {
    return this.dataSource.query(
      `SELECT f.id, f.name, f.country, f.currency, f.status,
              COALESCE(sum(e.budget_delta), 0)::text AS budget, COALESCE(sum(e.committed_delta), 0)::text AS committed, COALESCE(sum(e.disbursed_delta), 0)::text AS disbursed,
              CASE WHEN bool_and(r.usd_rate IS NOT NULL OR f.currency = 'USD' OR e.id IS NULL) THEN round(COALESCE(sum(e.budget_delta * COALESCE(r.usd_rate, 1)), 0), 2)::text END AS budget_usd,
              CASE WHEN bool_and(r.usd_rate IS NOT NULL OR f.currency = 'USD' OR e.id IS NULL) THEN round(COALESCE(sum(e.committed_delta * COALESCE(r.usd_rate, 1)), 0), 2)::text END AS committed_usd,
              CASE WHEN bool_and(r.usd_rate IS NOT NULL OR f.currency = 'USD' OR e.id IS NULL) THEN round(COALESCE(sum(e.disbursed_delta * COALESCE(r.usd_rate, 1)), 0), 2)::text END AS disbursed_usd,
              COALESCE(array_agg(DISTINCT m.month) FILTER (WHERE e.id IS NOT NULL AND r.usd_rate IS NULL AND f.currency <> 'USD'), '{}') AS missing_months
         FROM fund f
         LEFT JOIN fund_ledger_entry e ON e.fund_id = f.id
         -- the entry's award: named by it, by its application, or by the disbursement it is about
         LEFT JOIN disbursement d ON e.ref_type = 'disbursement' AND d.id = e.ref_id
         LEFT JOIN award a ON e.ref_type IN ('award', 'disbursement') AND a.id = CASE e.ref_type WHEN 'award' THEN e.ref_id ELSE d.award_id END
         LEFT JOIN award pa ON e.ref_type = 'application' AND pa.application_id = e.ref_id
         CROSS JOIN LATERAL (SELECT to_char(COALESCE(a.created_at, pa.created_at, e.created_at) AT TIME ZONE 'UTC', 'YYYY-MM') AS month) m
         LEFT JOIN fx_rate r ON r.currency = f.currency AND r.month = m.month
        WHERE ($1::text[] IS NULL OR f.country = ANY($1::text[]))
        GROUP BY f.id ORDER BY f.country, f.period_start`,
      [countries],
    );
  }

  /** Awards per fund and how many went to women, with the fund's target. */
  genderFigures(countries: string[] | null): Promise<GenderFigures[]> {
    return this.dataSource.query(
      `SELECT f.id, f.name, f.country, (f.rules ->> 'femaleTargetPercent')::int AS target,
              count(a.id)::int AS awards, count(a.id) FILTER (WHERE a.beneficiary_sex = 'female')::int AS female
         FROM fund f
         LEFT JOIN award a ON a.fund_id = f.id
        WHERE ($1::text[] IS NULL OR f.country = ANY($1::text[]))
        GROUP BY f.id ORDER BY f.country, f.period_start`,
      [countries],
    );
  }

  /**
   * Follow-ups due in [from, to] per country and milestone, per country, and in all: how many fell
   * due by `today`, were completed, are overdue or still to come, and how the completed ones were
   * answered. Counts only: the NGO's notes never leave the table.
   */
  followUpFigures(filter: {
    from?: string;
    to?: string;
    countries: string[] | null;
    today: string;
    overdueDays: number;
  }): Promise<FollowUpFigures[]> {
    const answers = (column: string, values: string[]) =>
      values.map((v) => `count(*) FILTER (WHERE ${column} = ${v})::int AS ${column}_${v.replace(/'/g, '')}`).join(', ');
    return this.dataSource.query(
      `SELECT COALESCE(country, 'ALL') AS country, CASE WHEN GROUPING(milestone) = 0 THEN milestone ELSE 'ALL' END AS milestone,
              count(*) FILTER (WHERE due_on <= $4::date)::int AS fallen_due, count(*) FILTER (WHERE completed_at IS NOT NULL)::int AS completed,
              count(*) FILTER (WHERE completed_at IS NULL AND due_on < $4::date - $5::int)::int AS overdue, count(*) FILTER (WHERE completed_at IS NULL AND due_on > $4::date)::int AS upcoming,
              ${answers('contact_made', ['true', 'false'])}, ${answers('livelihood_operating', ['true', 'false'])}, ${answers('intends_to_migrate', ['true', 'false'])},
              ${answers('income_change', ["'lower'", "'same'", "'higher'"])}, ${answers('living_standard', ["'worse'", "'same'", "'better'"])},
              count(*) FILTER (WHERE referred_others > 0)::int AS referring, COALESCE(sum(referred_others), 0)::int AS referred
         FROM follow_up
        WHERE ($1::date IS NULL OR due_on >= $1::date) AND ($2::date IS NULL OR due_on <= $2::date)
          AND ($3::text[] IS NULL OR country = ANY($3::text[]))
        GROUP BY GROUPING SETS ((country, milestone), (country), ())
        ORDER BY GROUPING(country), array_position($6::text[], country::text), country, GROUPING(milestone), milestone`,
      [filter.from ?? null, filter.to ?? null, filter.countries, filter.today, filter.overdueDays, [...PROGRAM_COUNTRIES]],
    );
  }

  /**
   * Decided applications (approved or rejected, decided in [from, to]) grouped by country and by
   * the officer of the final decision: count, median, 90th percentile (interpolated) and maximum of
   * gross and net turnaround in seconds, and how many were decided by their SLA due time; plus the
   * applications waiting past their due time now, by country and by the officer holding them.
   * Each grouping is read from its own partial covering index (decisions only).
   */
  async turnaround(filter: {
    from?: string;
    to?: string;
    countries: string[] | null;
    now: Date;
  }): Promise<{ byCountry: TurnaroundGroup[]; byOfficer: (TurnaroundGroup & { full_name: string })[] }> {
    const stats = (key: string) => `
      SELECT ${key} AS key, count(*)::int AS decisions,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY gross_turnaround_seconds) AS gross_median, percentile_cont(0.9) WITHIN GROUP (ORDER BY gross_turnaround_seconds) AS gross_p90,
             max(gross_turnaround_seconds) AS gross_max,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY net_turnaround_seconds) AS net_median, percentile_cont(0.9) WITHIN GROUP (ORDER BY net_turnaround_seconds) AS net_p90,
             max(net_turnaround_seconds) AS net_max,
             count(*) FILTER (WHERE decided_at <= sla_due_at)::int AS in_sla
        FROM application
       WHERE status IN ('approved', 'rejected') AND decided_at IS NOT NULL AND ${key} IS NOT NULL
         AND ($1::date IS NULL OR decided_at >= $1::date) AND ($2::date IS NULL OR decided_at < $2::date + 1)
         AND ($3::text[] IS NULL OR country = ANY($3::text[]))
       GROUP BY ${key}`;
    const overdue = (key: string) => `
      SELECT ${key} AS key, count(*)::int AS overdue
        FROM application
       WHERE status IN ('submitted', 'in_review', 'pending_second_approval') AND sla_due_at < $4 AND ${key} IS NOT NULL
         AND ($3::text[] IS NULL OR country = ANY($3::text[]))
       GROUP BY ${key}`;
    // decisions grouped by `decided`, waiting applications by `waiting` (the officer holding the claim)
    const joined = (decided: string, waiting: string, officer: boolean) => `
      WITH s AS (${stats(decided)}), o AS (${overdue(waiting)})
      SELECT COALESCE(s.key, o.key)::text AS key, ${officer ? 'u.full_name,' : ''} COALESCE(s.decisions, 0) AS decisions, s.gross_median, s.gross_p90, s.gross_max,
             s.net_median, s.net_p90, s.net_max, COALESCE(s.in_sla, 0) AS in_sla, COALESCE(o.overdue, 0) AS overdue
        FROM s FULL JOIN o ON o.key = s.key ${officer ? 'JOIN app_user u ON u.id = COALESCE(s.key, o.key) ORDER BY u.full_name' : 'ORDER BY 1'}`;
    const params = [filter.from ?? null, filter.to ?? null, filter.countries, filter.now];
    // the two groupings side by side on two connections, each sorting in memory
    const [byCountry, byOfficer] = await Promise.all([
      withWorkMem(this.dataSource, REPORT_WORK_MEM, (m) => m.query(joined('country', 'country', false), params)),
      withWorkMem(this.dataSource, REPORT_WORK_MEM, (m) => m.query(joined('decided_by', 'claimed_by', true), params)),
    ]);
    return { byCountry, byOfficer };
  }
}

export interface FundFigures {
  id: string;
  name: string;
  country: string;
  currency: string;
  status: string;
  budget: string;
  committed: string;
  disbursed: string;
  budget_usd: string | null;
  committed_usd: string | null;
  disbursed_usd: string | null;
  missing_months: string[];
}

export interface FollowUpFigures {
  country: string;
  milestone: string;
  fallen_due: number;
  completed: number;
  overdue: number;
  upcoming: number;
  contact_made_true: number;
  contact_made_false: number;
  livelihood_operating_true: number;
  livelihood_operating_false: number;
  intends_to_migrate_true: number;
  intends_to_migrate_false: number;
  income_change_lower: number;
  income_change_same: number;
  income_change_higher: number;
  living_standard_worse: number;
  living_standard_same: number;
  living_standard_better: number;
  referring: number;
  referred: number;
}

export interface GenderFigures {
  id: string;
  name: string;
  country: string;
  target: number;
  awards: number;
  female: number;
}

export interface TurnaroundGroup {
  key: string;
  decisions: number;
  gross_median: number | null;
  gross_p90: number | null;
  gross_max: number | null;
  net_median: number | null;
  net_p90: number | null;
  net_max: number | null;
  in_sla: number;
  overdue: number;
}
