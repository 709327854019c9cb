import { CATEGORIES, SEXES, type Sex } from '../../../common/domain-codes.js';
import { PROGRAM_COUNTRIES } from '../../../common/validation/decorators.js';
import { percent } from './percent.js';

export interface Cell {
  /** The age group or flag of a broken-down report; absent otherwise. */
  group?: string;
  country: string;
  category: string;
  sex: Sex;
  count: number;
}

export interface EfResultsRow {
  group?: string;
  country: string;
  category: string;
  female: number;
  male: number;
  other: number;
  undisclosed: number;
  total: number;
  femalePercent: number;
  malePercent: number;
  shareOfCountryPercent: number;
}

const countryOrder = (c: string) => {
  const i = (PROGRAM_COUNTRIES as readonly string[]).indexOf(c);
  return i < 0 ? PROGRAM_COUNTRIES.length : i;
};
const categoryOrder = (c: string) => (CATEGORIES as readonly string[]).indexOf(c);

function row(country: string, category: string, counts: Record<Sex, number>, countryTotal: number): EfResultsRow {
  const total = SEXES.reduce((s, x) => s + counts[x], 0);
  return {
    country,
    category,
    ...counts,
    total,
    femalePercent: percent(counts.female, total),
    malePercent: percent(counts.male, total),
    shareOfCountryPercent: percent(total, countryTotal),
  };
}

/**
 * The EF results table (SPEC section 4) from counts per country, category and sex: a row per
 * country and category present (program countries first, then VOT, VM, OTHER), a `category: "ALL"`
 * row per country, and a last `country: "ALL", category: "ALL"` row. Shares of the country's total;
 * the total rows are 100 % of themselves.
 */
export function efResultsRows(cells: Cell[]): EfResultsRow[] {
  const zero = (): Record<Sex, number> => ({ female: 0, male: 0, other: 0, undisclosed: 0 });
  const byCountry = new Map<string, Map<string, Record<Sex, number>>>();
  for (const c of cells) {
    if (!c.count) continue;
    const categories = byCountry.get(c.country) ?? new Map<string, Record<Sex, number>>();
    const counts = categories.get(c.category) ?? zero();
    counts[c.sex] += c.count;
    categories.set(c.category, counts);
    byCountry.set(c.country, categories);
  }
  const rows: EfResultsRow[] = [];
  const grand = zero();
  const countries = [...byCountry.keys()].sort((a, b) => countryOrder(a) - countryOrder(b) || a.localeCompare(b));
  for (const country of countries) {
    const categories = byCountry.get(country)!;
    const all = zero();
    for (const counts of categories.values()) for (const s of SEXES) all[s] += counts[s];
    const countryTotal = SEXES.reduce((s, x) => s + all[x], 0);
    for (const category of [...categories.keys()].sort((a, b) => categoryOrder(a) - categoryOrder(b))) {
      rows.push(row(country, category, categories.get(category)!, countryTotal));
    }
    rows.push(row(country, 'ALL', all, countryTotal));
    for (const s of SEXES) grand[s] += all[s];
  }
  rows.push(
    row(
      'ALL',
      'ALL',
      grand,
      SEXES.reduce((s, x) => s + grand[x], 0),
    ),
  );
  return rows;
}

/** Age at the award (award year − birth year) in the groups of SPEC section 3. */
const AGE_GROUPS = ['under 18', '18-24', '25-34', '35-49', '50+'] as const;

/** The flags the program reports on. A person may have several, or none of them. */
export const REPORTED_FLAGS = ['disability', 'gbv_survivor', 'foreign'] as const;

export type Breakdown = 'ageGroup' | 'flag';

const BREAKDOWN_GROUPS: Record<Breakdown, readonly string[]> = { ageGroup: AGE_GROUPS, flag: REPORTED_FLAGS };

/**
 * A broken-down report: for every group in order (each age group, each flag), the whole EF results
 * table of the cells in that group, every row carrying its `group`. A group without awards still
 * has its zero total row, so every age group and flag shows.
 */
export function efResultsRowsByGroup(cells: Cell[], breakdown: Breakdown): EfResultsRow[] {
  return BREAKDOWN_GROUPS[breakdown].flatMap((group) =>
    efResultsRows(cells.filter((c) => c.group === group)).map((r) => ({ group, ...r })),
  );
}
