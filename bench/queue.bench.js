// Issue 4 benchmark: the review queue with 1,000,000 applications in the database (seeded by
// set-based SQL): latency of GET /review-queue?country=KZ for the first page and a deep page, next to
// the same page read by raw SQL in the same run. Target: p99 < 50 ms and within 3× of the raw query.
import { fmt, login, request, seededDatabase, startService, summarise } from './lib.js';

const ROWS = Number(process.env.BENCH_QUEUE_ROWS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_QUEUE_SAMPLES ?? 300);

async function timed(samples, fn) {
  const times = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return summarise(times);
}

export async function benchQueue() {
  const { db, client, serviceDir, close } = await seededDatabase('ef-bench-queue-');
  const t0 = Date.now();
  // 1,000 people per NGO country, then ROWS applications over the five countries, a fifth of them
  // waiting in the queues, urgent and standard, submitted over the last year
  await client.query(`
    INSERT INTO beneficiary (id, code, organisation_id, category, flags, sex, birth_year, nationality, pii_enc, person_hash, consent_given_at, consent_method, version)
    SELECT gen_random_uuid(), 'BEN-' || o.country || '-' || lpad(g::text, 5, '0') || substr(o.id::text, 1, 3), o.id, 'VM', '{}', 'male', 1990, 'UZ',
           'v1.bench', md5(o.id::text || g), '2026-01-01', 'written', 1
      FROM organisation o, generate_series(1, 500) g`);
  await client.query(
    `
    WITH b AS (SELECT id, organisation_id, row_number() OVER () AS n FROM beneficiary),
         f AS (SELECT id, country, currency FROM fund),
         nb AS (SELECT count(*) AS c FROM b)
    INSERT INTO application (id, reference, organisation_id, beneficiary_id, fund_id, country, currency, status, urgency, language, total,
                             first_submitted_at, last_submitted_at, sla_due_at, version)
    SELECT gen_random_uuid(), 'EF-' || f.country || '-B-' || g, b.organisation_id, b.id, f.id, f.country, f.currency,
           CASE WHEN g % 5 = 0 THEN 'submitted' WHEN g % 5 = 1 THEN 'approved' WHEN g % 5 = 2 THEN 'rejected' WHEN g % 5 = 3 THEN 'in_review' ELSE 'withdrawn' END,
           CASE WHEN g % 7 = 0 THEN 'urgent' ELSE 'standard' END, 'en', 100,
           now() - (g % 525600) * interval '1 minute', now() - (g % 525600) * interval '1 minute', now() - (g % 525600) * interval '1 minute' + interval '72 hours', 1
      FROM generate_series(1, $1::int) g
      JOIN nb ON true
      JOIN b ON b.n = 1 + (g % nb.c)
      JOIN organisation o ON o.id = b.organisation_id
      JOIN f ON f.country = o.country`,
    [ROWS],
  );
  await client.query('ANALYZE application');
  const seedSeconds = (Date.now() - t0) / 1000;
  const service = await startService({ DATABASE_URL: db.url, DATA_DIR: serviceDir, SCHEDULER_INTERVAL_SECONDS: '0' });
  try {
    const token = await login(service.base, 'officer.kz@example.org');
    const [{ n: queued }] = (await client.query(`SELECT count(*)::int AS n FROM application WHERE country = 'KZ' AND status = 'submitted'`))
      .rows;
    // a deep page: the cursor of the row 90 % of the way down the queue
    const deep = (
      await client.query(
        `SELECT CASE WHEN urgency = 'urgent' THEN 0 ELSE 1 END AS rank, last_submitted_at, id FROM application
          WHERE country = 'KZ' AND status = 'submitted' ORDER BY 1, last_submitted_at, id OFFSET $1 LIMIT 1`,
        [Math.floor(queued * 0.9)],
      )
    ).rows[0];
    const cursor = Buffer.from(JSON.stringify([deep.rank, deep.last_submitted_at.toISOString(), deep.id])).toString('base64url');
    const select = `SELECT id, reference, urgency, country, organisation_id, total::text AS total, currency, first_submitted_at, last_submitted_at, sla_due_at,
                           CASE WHEN urgency = 'urgent' THEN 0 ELSE 1 END AS rank
                      FROM application WHERE country = 'KZ' AND status = 'submitted'`;
    const order = `ORDER BY CASE WHEN urgency = 'urgent' THEN 0 ELSE 1 END, last_submitted_at, id LIMIT 51`;
    const apiFirst = await timed(SAMPLES, async () => {
      const r = await request(service.base, 'GET', '/review-queue?country=KZ', undefined, token);
      if (r.status !== 200 || r.body.items.length !== 50) throw new Error(`queue: ${r.status}`);
    });
    const apiDeep = await timed(SAMPLES, async () => {
      const r = await request(service.base, 'GET', `/review-queue?country=KZ&cursor=${cursor}`, undefined, token);
      if (r.status !== 200 || r.body.items.length !== 50) throw new Error(`deep: ${r.status}`);
    });
    const sqlFirst = await timed(SAMPLES, () => client.query({ name: 'q1', text: `${select} ${order}` }));
    const sqlDeep = await timed(SAMPLES, () =>
      client.query({
        name: 'q2',
        text: `${select} AND (CASE WHEN urgency = 'urgent' THEN 0 ELSE 1 END, last_submitted_at, id) > ($1::int, $2::timestamptz, $3::uuid) ${order}`,
        values: [deep.rank, deep.last_submitted_at, deep.id],
      }),
    );
    const within = (api, sql) => api.p99 < 50 && api.p99 <= 3 * Math.max(sql.p99, 1);
    return {
      title: 'Review queue with 1,000,000 applications (issue 4)',
      rows: [
        ['raw SQL, first page', '', fmt(sqlFirst.p50, 2), fmt(sqlFirst.p99, 2), 0],
        ['GET /review-queue?country=KZ, first page', '', fmt(apiFirst.p50, 2), fmt(apiFirst.p99, 2), 0],
        ['raw SQL, page at 90 % depth', '', fmt(sqlDeep.p50, 2), fmt(sqlDeep.p99, 2), 0],
        ['GET /review-queue?country=KZ&cursor=…, page at 90 % depth', '', fmt(apiDeep.p50, 2), fmt(apiDeep.p99, 2), 0],
      ],
      verdicts: [
        [
          `first page p99 ${fmt(apiFirst.p99, 1)} ms (target < 50 ms and ≤ 3× raw SQL's ${fmt(sqlFirst.p99, 1)} ms, floored at 1 ms)`,
          within(apiFirst, sqlFirst),
        ],
        [
          `deep page p99 ${fmt(apiDeep.p99, 1)} ms (target < 50 ms and ≤ 3× raw SQL's ${fmt(sqlDeep.p99, 1)} ms, floored at 1 ms)`,
          within(apiDeep, sqlDeep),
        ],
      ],
      note: `${ROWS.toLocaleString('en')} applications (${queued.toLocaleString('en')} waiting in the KZ queue), seeded by SQL in ${fmt(seedSeconds)} s; ${SAMPLES} sequential requests per row, one connection, 50 items a page. The HTTP rows include authentication, the API's JSON and the round trip.`,
    };
  } finally {
    await service.stop().catch(() => undefined);
    await close();
  }
}
