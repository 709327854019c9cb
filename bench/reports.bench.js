// Issue 7 benchmark: the EF results table (GET /reports/ef-results, counting awards and counting
// people) and the turnaround report (GET /reports/turnaround) over 1,000,000 awards, each with its own
// approved application and beneficiary, plus rejected and waiting applications (seeded by set-based
// SQL), next to the same figures computed by hand-written SQL on the same database in the same run.
// Target: each report under 1 s. BENCH_REPORTS_AWARDS and BENCH_REPORTS_SAMPLES override the size
// and the number of timed calls.
import { fmt, login, request, seededDatabase, startService } from './lib.js';

const AWARDS = Number(process.env.BENCH_REPORTS_AWARDS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_REPORTS_SAMPLES ?? 5);
/** One person in REJECTED_EVERY also had an earlier request rejected; WAITING requests are still open, two thirds of them past their due time. */
const REJECTED_EVERY = 7;
const WAITING = 600;

/**
 * The program's countries with the demo's local units per US dollar and standard SLA hours (see
 * src/database/seed-data.ts); person g lives in the country whose [lo, hi) holds g % 20: KZ 30 %,
 * KG 25 %, TJ 20 %, UZ 20 %, TM 5 %.
 */
const COUNTRIES = `(VALUES ('KZ', 0, 6, 500, 48), ('KG', 6, 11, 87, 72), ('TJ', 11, 15, 11, 120), ('UZ', 15, 19, 12500, 72), ('TM', 19, 20, 3.5, 72))
                    AS c(country, lo, hi, per_usd, sla_hours)`;

/** A repeatable number in [0, 1) from the series index and a salt: spreads values without random(). */
const u = (salt, g = 'g') => `((hashint4extended(${g}, ${salt}) & 1048575)::float8 / 1048576)`;

/**
 * Beneficiaries (one per award), their approved applications (decided by one of the country's two
 * officers over 2026, with first submission, pause, SLA due time and turnaround), a rejected earlier
 * application for every seventh person, WAITING open applications, and an award for every approved
 * application; set-based, on the funds, NGOs and officers of the minimal demo seed.
 */
export async function seedAwards(client, awards) {
  await withoutSecondaryIndexes(client, ['beneficiary', 'application', 'award'], () => insertAwards(client, awards));
  // as autovacuum would have left tables written over a year (hint bits, visibility map, statistics)
  await client.query('VACUUM ANALYZE');
}

/**
 * Runs `load` with the tables' foreign keys and secondary indexes dropped, then builds the indexes
 * and adds the foreign keys back, validated, from their own definitions (what a restore does):
 * checking and indexing millions of rows one at a time took most of the seeding time. Throws if the
 * schema afterwards is not what it was.
 */
async function withoutSecondaryIndexes(client, tables, load) {
  const schema = async () => ({
    indexes: (
      await client.query(
        `SELECT quote_ident(c.relname) AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) ORDER BY 1`,
        [tables],
      )
    ).rows,
    foreignKeys: (
      await client.query(
        `SELECT quote_ident(conrelid::regclass::text) AS tbl, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def, convalidated FROM pg_constraint
          WHERE contype = 'f' AND conrelid = ANY($1::regclass[]) ORDER BY 1, 2`,
        [tables],
      )
    ).rows,
  });
  const before = await schema();
  for (const k of before.foreignKeys) await client.query(`ALTER TABLE ${k.tbl} DROP CONSTRAINT ${k.name}`);
  for (const i of before.indexes) await client.query(`DROP INDEX ${i.name}`);
  await load();
  await client.query(`SET maintenance_work_mem = '256MB'`);
  for (const i of before.indexes) await client.query(i.def);
  for (const k of before.foreignKeys) await client.query(`ALTER TABLE ${k.tbl} ADD CONSTRAINT ${k.name} ${k.def}`);
  await client.query('RESET maintenance_work_mem');
  const after = await schema();
  if (JSON.stringify(after) !== JSON.stringify(before)) {
    const changed = ['indexes', 'foreignKeys'].flatMap((k) =>
      before[k]
        .filter((x, i) => JSON.stringify(x) !== JSON.stringify(after[k][i]))
        .map((x) => [x, after[k].find((y) => y.name === x.name)]),
    );
    throw new Error(`the indexes and foreign keys after seeding differ from those before: ${JSON.stringify(changed)}`);
  }
}

async function insertAwards(client, awards) {
  // people: category VOT 35 %, VM 50 %, OTHER 15 %; female 55 %, male 40 %, other 2 %, undisclosed 3 %;
  // some foreign nationals, survivors of gender-based violence, people with a disability
  await client.query(
    `WITH slots AS (SELECT s, c.country FROM generate_series(0, 19) s JOIN ${COUNTRIES} ON s >= c.lo AND s < c.hi),
          o AS (SELECT id, country, (row_number() OVER (PARTITION BY country ORDER BY registration_number) - 1)::int AS k FROM organisation)
     INSERT INTO beneficiary (id, code, organisation_id, category, flags, sex, birth_year, nationality, pii_enc, person_hash, consent_given_at, consent_method, created_at, updated_at, version)
     SELECT gen_random_uuid(), 'BEN-B-' || g, o.id,
            CASE WHEN ${u(1)} < 0.35 THEN 'VOT' WHEN ${u(1)} < 0.85 THEN 'VM' ELSE 'OTHER' END,
            CASE WHEN ${u(3)} < 0.06 THEN '{disability}'::text[] WHEN ${u(3)} < 0.20 THEN '{gbv_survivor}' WHEN ${u(3)} < 0.35 THEN '{foreign}'
                 WHEN ${u(3)} < 0.40 THEN '{foreign,gbv_survivor}' ELSE '{}' END,
            CASE WHEN ${u(2)} < 0.55 THEN 'female' WHEN ${u(2)} < 0.95 THEN 'male' WHEN ${u(2)} < 0.97 THEN 'other' ELSE 'undisclosed' END,
            1950 + (${u(4)} * 58)::int,
            CASE WHEN ${u(3)} >= 0.20 AND ${u(3)} < 0.40 THEN CASE WHEN o.country = 'UZ' THEN 'TJ' ELSE 'UZ' END ELSE o.country END,
            'v1.bench', encode(sha256(('bench-person-' || g)::bytea), 'hex'),
            date '2026-01-01' + (${u(5)} * 330)::int, 'written', timestamptz '2026-01-01' + ${u(5)} * interval '330 days', timestamptz '2026-01-01' + ${u(5)} * interval '330 days', 1
       FROM generate_series(1, $1::int) g
       JOIN slots ON slots.s = g % 20
       JOIN o ON o.country = slots.country AND o.k = (g / 20) % 2`,
    [awards],
  );
  // applications: r = 0 the approved one, r = 1 an earlier rejected one (every seventh person);
  // net turnaround 1–97 h (skewed to the short end), a quarter paused up to 3 days for the NGO;
  // decided over 2026 up to 30 November by the country's first (60 %) or second officer
  await client.query(
    `WITH c AS (SELECT * FROM ${COUNTRIES}),
          f AS (SELECT id, country, currency FROM fund),
          u AS (SELECT id, countries[1] AS country, CASE WHEN email LIKE 'officer.%' THEN 0 ELSE 1 END AS k FROM app_user WHERE role = 'officer'),
          p AS (SELECT b.id, b.organisation_id, o.country, substr(b.code, 7)::int AS g, r
                  FROM beneficiary b JOIN organisation o ON o.id = b.organisation_id
                  CROSS JOIN LATERAL generate_series(0, CASE WHEN substr(b.code, 7)::int % ${REJECTED_EVERY} = 0 THEN 1 ELSE 0 END) r
                 WHERE b.code LIKE 'BEN-B-%'),
          t AS MATERIALIZED (SELECT p.*, f.id AS fund_id, f.currency, c.per_usd,
                       CASE WHEN ${u(11)} < 0.15 THEN 'urgent' ELSE 'standard' END AS urgency,
                       CASE WHEN ${u(11)} < 0.15 THEN 24 ELSE c.sla_hours END AS sla_hours,
                       timestamptz '2026-01-03' + ${u(12)} * interval '331 days' - r * interval '20 days' AS decided_at,
                       (3600 + 345600 * power(${u(13, 'g * 2 + r')}, 3))::int AS net,
                       CASE WHEN ${u(14, 'g * 2 + r')} < 0.25 THEN (${u(15, 'g * 2 + r')} * 259200)::int ELSE 0 END AS paused,
                       CASE WHEN ${u(16, 'g * 2 + r')} < 0.6 THEN 0 ELSE 1 END AS officer
                  FROM p JOIN c ON c.country = p.country JOIN f ON f.country = p.country),
          d AS MATERIALIZED (SELECT t.*, t.decided_at - (t.net + t.paused) * interval '1 second' AS first_submitted_at, u.id AS officer_id
                  FROM t JOIN u ON u.country = t.country AND u.k = t.officer)
     INSERT INTO application (id, reference, organisation_id, beneficiary_id, fund_id, country, currency, status, urgency, language, total, approved_total,
                              first_submitted_at, last_submitted_at, sla_due_at, claimed_by, claimed_at, paused_seconds, decided_at, decided_by,
                              decision_reason_code, gross_turnaround_seconds, net_turnaround_seconds, created_at, updated_at, version)
     SELECT gen_random_uuid(), 'EF-' || country || '-B-' || g || CASE WHEN r = 1 THEN 'R' ELSE '' END, organisation_id, id, fund_id, country, currency,
            CASE WHEN r = 0 THEN 'approved' ELSE 'rejected' END, urgency, CASE WHEN g % 3 = 0 THEN 'en' ELSE 'ru' END,
            round(((100 + ${u(17)} * 900) * per_usd)::numeric, 2), CASE WHEN r = 0 THEN round(((100 + ${u(17)} * 900) * per_usd)::numeric, 2) END,
            first_submitted_at, first_submitted_at + paused * interval '1 second', first_submitted_at + sla_hours * interval '1 hour' + paused * interval '1 second',
            officer_id, first_submitted_at + paused * interval '1 second', paused, decided_at, officer_id,
            CASE WHEN r = 1 THEN 'over_cap' END, net + paused, net, first_submitted_at - interval '1 day', decided_at, 1
       FROM d`,
  );
  // open applications, submitted or claimed by an officer: 400 past their due time, 200 due in 1 to 101 hours
  await client.query(
    `WITH c AS (SELECT * FROM ${COUNTRIES}),
          f AS (SELECT id, country, currency FROM fund),
          u AS (SELECT id, countries[1] AS country, CASE WHEN email LIKE 'officer.%' THEN 0 ELSE 1 END AS k FROM app_user WHERE role = 'officer'),
          w AS (SELECT b.id, b.organisation_id, o.country, f.id AS fund_id, f.currency, c.per_usd, c.sla_hours, substr(b.code, 7)::int AS g,
                       now() + CASE WHEN substr(b.code, 7)::int % 3 = 0 THEN 1 ELSE -1 END * (interval '1 hour' + ${u(21, 'substr(b.code, 7)::int')} * interval '100 hours') AS sla_due_at
                  FROM beneficiary b JOIN organisation o ON o.id = b.organisation_id JOIN c ON c.country = o.country JOIN f ON f.country = o.country
                 WHERE b.code LIKE 'BEN-B-%' AND substr(b.code, 7)::int <= $1)
     INSERT INTO application (id, reference, organisation_id, beneficiary_id, fund_id, country, currency, status, urgency, language, total,
                              first_submitted_at, last_submitted_at, sla_due_at, claimed_by, claimed_at, created_at, updated_at, version)
     SELECT gen_random_uuid(), 'EF-' || w.country || '-B-' || w.g || 'W', w.organisation_id, w.id, w.fund_id, w.country, w.currency,
            CASE WHEN w.g % 2 = 0 THEN 'in_review' ELSE 'submitted' END, 'standard', 'ru', round(500 * w.per_usd, 2),
            w.sla_due_at - w.sla_hours * interval '1 hour', w.sla_due_at - w.sla_hours * interval '1 hour', w.sla_due_at,
            CASE WHEN w.g % 2 = 0 THEN u.id END, CASE WHEN w.g % 2 = 0 THEN w.sla_due_at - w.sla_hours * interval '1 hour' END,
            w.sla_due_at - w.sla_hours * interval '1 hour', w.sla_due_at - w.sla_hours * interval '1 hour', 1
       FROM w JOIN u ON u.country = w.country AND u.k = w.g % 4 / 2`,
    [WAITING],
  );
  // an award for every approved application, made when it was decided, fully committed
  await client.query(`
    INSERT INTO award (number, application_id, organisation_id, fund_id, beneficiary_id, beneficiary_category, beneficiary_sex, country, currency, amount, committed, items, conditions, approvers,
                       language, letter_version, created_at, updated_at, version)
    SELECT 'AWD-' || a.country || '-B-' || substr(a.reference, 9), a.id, a.organisation_id, a.fund_id, a.beneficiary_id, b.category, b.sex, a.country, a.currency, a.approved_total, a.approved_total,
           '[]', NULL, '[]', a.language, 1, a.decided_at, a.decided_at, 1
      FROM application a JOIN beneficiary b ON b.id = a.beneficiary_id WHERE a.status = 'approved' AND a.reference LIKE 'EF-__-B-%'`);
}

/** One untimed call, then SAMPLES timed ones; seconds, and the last result. */
async function timed(fn) {
  let result = await fn();
  const times = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = performance.now();
    result = await fn();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], max: times[times.length - 1], result };
}

// the hand-written baseline: what someone would write straight against the tables
const EF_SQL = {
  awards: `SELECT a.country, b.category, b.sex, count(*)::int AS count FROM award a JOIN beneficiary b ON b.id = a.beneficiary_id GROUP BY 1, 2, 3`,
  beneficiaries: `SELECT a.country, b.category, b.sex, count(DISTINCT a.beneficiary_id)::int AS count FROM award a JOIN beneficiary b ON b.id = a.beneficiary_id GROUP BY 1, 2, 3`,
};
const DECISIONS = (key) => `
  SELECT ${key} AS key, count(*)::int AS decisions,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY gross_turnaround_seconds) AS gross_median, percentile_cont(0.9) WITHIN GROUP (ORDER BY gross_turnaround_seconds) AS gross_p90,
         max(gross_turnaround_seconds) AS gross_max,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY net_turnaround_seconds) AS net_median, percentile_cont(0.9) WITHIN GROUP (ORDER BY net_turnaround_seconds) AS net_p90,
         max(net_turnaround_seconds) AS net_max,
         count(*) FILTER (WHERE decided_at <= sla_due_at)::int AS in_sla
    FROM application WHERE status IN ('approved', 'rejected') AND decided_at IS NOT NULL GROUP BY ${key}`;
const OVERDUE = (key) =>
  `SELECT ${key} AS key, count(*)::int AS overdue FROM application WHERE status IN ('submitted', 'in_review', 'pending_second_approval') AND sla_due_at < now() GROUP BY ${key}`;

/** Per country and per officer: four plain GROUP BY queries, one after the other. */
async function turnaroundSql(client) {
  const byCountry = (await client.query(DECISIONS('country'))).rows;
  const byOfficer = (await client.query(`SELECT u.full_name, s.* FROM (${DECISIONS('decided_by')}) s JOIN app_user u ON u.id = s.key`))
    .rows;
  const overdueByCountry = (await client.query(OVERDUE('country'))).rows;
  const overdueByOfficer = (await client.query(`SELECT u.full_name, o.* FROM (${OVERDUE('claimed_by')}) o JOIN app_user u ON u.id = o.key`))
    .rows;
  return { byCountry, byOfficer, overdueByCountry, overdueByOfficer };
}

async function get(base, path, token) {
  const res = await request(base, 'GET', path, undefined, token);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const hours = (seconds) => Math.round(Number(seconds) / 360) / 10;

export async function benchReports() {
  const { db, client, serviceDir, close } = await seededDatabase('ef-bench-reports-');
  const t0 = Date.now();
  await seedAwards(client, AWARDS);
  const seedSeconds = (Date.now() - t0) / 1000;
  const [counts] = (
    await client.query(`SELECT (SELECT count(*)::int FROM award) AS awards,
                               (SELECT count(*)::int FROM application WHERE status IN ('approved', 'rejected') AND decided_at IS NOT NULL) AS decided,
                               (SELECT count(*)::int FROM application) AS applications,
                               (SELECT count(*)::int FROM application WHERE status IN ('submitted', 'in_review', 'pending_second_approval') AND sla_due_at < now()) AS overdue`)
  ).rows;
  if (counts.awards !== AWARDS) throw new Error(`seeded ${counts.awards} awards, expected ${AWARDS}`);
  console.log(
    `  seeded ${counts.awards} awards, ${counts.applications} applications (${counts.decided} decided, ${counts.overdue} overdue) in ${fmt(seedSeconds)} s`,
  );

  const service = await startService({ DATABASE_URL: db.url, DATA_DIR: serviceDir, SCHEDULER_INTERVAL_SECONDS: '0' });
  try {
    const token = await login(service.base, 'admin@example.org');
    const results = [];
    for (const unit of ['awards', 'beneficiaries']) {
      const api = await timed(() => get(service.base, `/reports/ef-results?unit=${unit}`, token));
      const sql = await timed(() => client.query(EF_SQL[unit]));
      // the last row is the grand total; the endpoint and the baseline agree cell by cell
      const grand = api.result.rows.at(-1);
      if (grand.country !== 'ALL' || grand.category !== 'ALL' || grand.total !== AWARDS)
        throw new Error(`ef-results ${unit}: grand total ${JSON.stringify(grand)}, expected ${AWARDS}`);
      for (const r of sql.result.rows) {
        const row = api.result.rows.find((x) => x.country === r.country && x.category === r.category);
        if (row?.[r.sex] !== r.count)
          throw new Error(`ef-results ${unit}: ${r.country} ${r.category} ${r.sex} is ${row?.[r.sex]}, SQL says ${r.count}`);
      }
      results.push({ report: `ef-results, unit=${unit}`, endpoint: `GET /reports/ef-results?unit=${unit}`, api, sql });
      console.log(`  ef-results ${unit}: endpoint ${fmt(api.median, 3)} s, SQL ${fmt(sql.median, 3)} s`);
    }
    const api = await timed(() => get(service.base, '/reports/turnaround', token));
    const sql = await timed(() => turnaroundSql(client));
    const decisions = api.result.countries.reduce((s, c) => s + c.decisions, 0);
    if (decisions !== counts.decided) throw new Error(`turnaround: ${decisions} decisions over the countries, expected ${counts.decided}`);
    const overdue = api.result.countries.reduce((s, c) => s + c.overdueNow, 0);
    if (overdue !== counts.overdue || !overdue) throw new Error(`turnaround: ${overdue} overdue now, expected ${counts.overdue}`);
    for (const r of sql.result.byCountry) {
      const c = api.result.countries.find((x) => x.country === r.key);
      if (c?.decisions !== r.decisions || c.grossHours.median !== hours(r.gross_median) || c.netHours.p90 !== hours(r.net_p90)) {
        throw new Error(`turnaround ${r.key}: endpoint ${JSON.stringify(c)} differs from SQL ${JSON.stringify(r)}`);
      }
    }
    if (api.result.officers.length !== sql.result.byOfficer.length)
      throw new Error(`turnaround: ${api.result.officers.length} officers, SQL has ${sql.result.byOfficer.length}`);
    results.push({ report: 'turnaround', endpoint: 'GET /reports/turnaround', api, sql });
    console.log(`  turnaround: endpoint ${fmt(api.median, 3)} s, SQL ${fmt(sql.median, 3)} s`);

    return {
      title: 'Reports over 1,000,000 awards (issue 7)',
      note: `${counts.awards.toLocaleString('en')} awards over the five countries' funds, each with its own approved application and beneficiary, plus rejected and open applications (${counts.applications.toLocaleString('en')} applications, ${counts.decided.toLocaleString('en')} decided, ${counts.overdue} past their due time now), seeded by SQL in ${fmt(seedSeconds)} s and vacuumed. Per report one warm-up call, then ${SAMPLES} timed calls as admin (every country), one at a time; the baseline is hand-written SQL computing the same figures, run directly on the database in the same run (ef-results: one grouped join; turnaround: a GROUP BY per country and per officer for decisions, and for overdue applications). The HTTP times include authentication, the report's assembly, JSON and the round trip. The endpoints read covering indexes (the EF table from \`award\` alone, category and sex being copied onto each award; turnaround from two partial indexes of the decisions, per country and per officer side by side, 32 MB \`work_mem\`); the baseline reads the tables as they are, with the server's default settings.`,
      columns: ['report', 'endpoint median s', 'endpoint max s', 'hand-written SQL median s', 'endpoint ÷ SQL'],
      rows: results.map((r) => [
        r.endpoint,
        fmt(r.api.median, 3),
        fmt(r.api.max, 3),
        fmt(r.sql.median, 3),
        `${fmt(r.api.median / r.sql.median, 2)}×`,
      ]),
      verdicts: results.map((r) => [
        `${r.report}: median ${fmt(r.api.median, 3)} s (target < 1 s; hand-written SQL ${fmt(r.sql.median, 3)} s)`,
        r.api.median < 1,
      ]),
    };
  } finally {
    await service.stop().catch(() => undefined);
    await close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchReports());
