// Issue 6 benchmark: import and reconcile a bank statement of N lines against N sent disbursements
// (seeded by set-based SQL), through POST /bank-statements, next to a single SQL join of the same
// tables timed in the same run. Target: 100,000 lines in under 10 s, and linear growth (10,000,
// 100,000 and 1,000,000 are run; BENCH_RECON_SIZES overrides).
import http from 'node:http';
import { fmt, login, seededDatabase, startService } from './lib.js';

const SIZES = (process.env.BENCH_RECON_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const PER_AWARD = 100;

function postCsv(base, path, csv, token) {
  const url = new URL(base + path);
  const body = Buffer.from(csv);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'text/csv', 'content-length': body.length, authorization: `Bearer ${token}` },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Awards of 1,000.00 KZT (100 tranches of 10.00) committed on the KZ fund of a database seeded with
 * the minimal demo, and `lines` sent tranches with references PAY-KZ-2026-0000001 …; set-based.
 * Returns the number of awards. Shared with the import crash test (scripts/crash-import.mjs).
 */
export async function seedSentDisbursements(client, lines) {
  const awards = Math.ceil(lines / PER_AWARD);
  // awards of 1,000.00 KZT (100 tranches of 10.00), committed on the KZ fund, every tranche sent
  await client.query(`
    INSERT INTO beneficiary (id, code, organisation_id, category, flags, sex, birth_year, nationality, pii_enc, person_hash, consent_given_at, consent_method, version)
    SELECT gen_random_uuid(), 'BEN-KZ-BENCH', o.id, 'VM', '{}', 'male', 1990, 'KZ', 'v1.bench', md5(o.id::text), '2026-01-01', 'written', 1
      FROM organisation o WHERE o.country = 'KZ' LIMIT 1`);
  await client.query(
    `INSERT INTO application (id, reference, organisation_id, beneficiary_id, fund_id, country, currency, status, urgency, language, total, approved_total, version)
     SELECT gen_random_uuid(), 'EF-KZ-B-' || g, b.organisation_id, b.id, f.id, 'KZ', 'KZT', 'approved', 'standard', 'en', 1000, 1000, 1
       FROM generate_series(1, $1::int) g, (SELECT * FROM beneficiary LIMIT 1) b, (SELECT id FROM fund WHERE country = 'KZ') f`,
    [awards],
  );
  await client.query(`
    INSERT INTO award (number, application_id, organisation_id, fund_id, beneficiary_id, beneficiary_category, beneficiary_sex, country, currency, amount, committed, items, conditions, approvers, language, letter_version, version)
    SELECT 'AWD-KZ-B-' || substr(a.reference, 9), a.id, a.organisation_id, a.fund_id, a.beneficiary_id, 'VM', 'male', 'KZ', 'KZT', 1000, 1000, '[]', NULL, '[]', 'en', 1, 1
      FROM application a WHERE a.reference LIKE 'EF-KZ-B-%'`);
  await client.query(`
    INSERT INTO fund_ledger_entry (fund_id, kind, budget_delta, committed_delta, disbursed_delta, memo)
    SELECT id, 'budget_adjustment', 1000000000000, 0, 0, 'bench budget' FROM fund WHERE country = 'KZ'`);
  await client.query(`
    INSERT INTO fund_ledger_entry (fund_id, kind, budget_delta, committed_delta, disbursed_delta, ref_type, ref_id, memo)
    SELECT fund_id, 'commit', 0, amount, 0, 'application', application_id, number FROM award`);
  await client.query(
    `INSERT INTO disbursement (award_id, fund_id, organisation_id, country, currency, amount, method, payee, scheduled_for, status, payment_reference, version)
     SELECT a.id, a.fund_id, a.organisation_id, 'KZ', 'KZT', 10, 'bank_transfer', '{"kind":"organisation"}', '2026-11-25', 'sent', 'PAY-KZ-2026-' || lpad(g::text, 7, '0'), 1
       FROM generate_series(1, $1::int) g
       JOIN award a ON a.number = 'AWD-KZ-B-' || (1 + (g - 1) / ${PER_AWARD})`,
    [lines],
  );
  // as autovacuum would have left tables seeded long before the statement arrives (hint bits, visibility map, statistics)
  await client.query('VACUUM ANALYZE');
  return awards;
}

/** A statement line paying tranche g (10.00 KZT) with bank transaction id BANK-TX-g. */
export const paymentLine = (g, amount = '-10.00') =>
  `2026-11-30,${amount},KZT,PAY-KZ-2026-${String(g).padStart(7, '0')},Sana Sezim,BANK-TX-${g}`;

/** One size on its own embedded database: seed, import, join. */
async function runSize(lines) {
  const { db, client, serviceDir, close } = await seededDatabase('ef-bench-recon-');
  const t0 = Date.now();
  const awards = await seedSentDisbursements(client, lines);
  const seedSeconds = (Date.now() - t0) / 1000;
  const csv = ['bookingDate,amount,currency,reference,counterparty,bankTransactionId'];
  for (let g = 1; g <= lines; g++) csv.push(paymentLine(g));
  const file = `${csv.join('\n')}\n`;

  const service = await startService({
    DATABASE_URL: db.url,
    DATA_DIR: serviceDir,
    SCHEDULER_INTERVAL_SECONDS: '0',
    MAX_STATEMENT_MB: '500',
  });
  try {
    const token = await login(service.base, 'finance@example.org');
    const t1 = performance.now();
    const res = await postCsv(service.base, '/bank-statements', file, token);
    const importSeconds = (performance.now() - t1) / 1000;
    if (res.status !== 200 || res.body.matched !== lines) throw new Error(`import of ${lines}: ${res.status} ${JSON.stringify(res.body)}`);
    const [{ closed }] = (await client.query(`SELECT count(*)::int AS closed FROM award WHERE status = 'closed'`)).rows;
    if (closed !== awards) throw new Error(`expected ${awards} closed awards, found ${closed}`);
    // the baseline: one join of the same tables, the matching condition without any writing
    const t2 = performance.now();
    await client.query(
      `SELECT count(*) FROM bank_statement_line l JOIN disbursement d ON d.payment_reference = l.reference AND d.amount = abs(l.amount) AND d.currency = l.currency`,
    );
    const joinSeconds = (performance.now() - t2) / 1000;
    return { lines, awards, seedSeconds, importSeconds, joinSeconds, bytes: file.length };
  } finally {
    await service.stop().catch(() => undefined);
    await close();
  }
}

export async function benchReconciliation() {
  const results = [];
  for (const size of SIZES) {
    const r = await runSize(size);
    console.log(`  ${size} lines: import ${fmt(r.importSeconds, 2)} s, join ${fmt(r.joinSeconds, 3)} s`);
    results.push(r);
  }
  const perLine = (r) => r.importSeconds / r.lines;
  const hundred = results.find((r) => r.lines === 100_000);
  const growth = results.slice(1).map((r, i) => perLine(r) / perLine(results[i]));
  return {
    title: 'Bank statement import and reconciliation (issue 6)',
    note: `Each size on its own embedded database: N sent disbursements of 10.00 KZT (100 per award) seeded by SQL, then POST /bank-statements with a CSV of N lines that all match (parse, insert, match, pay entries, award commitments, ${'closing'} every award), one request; the baseline is one SQL join of the imported lines with the disbursements on the matching condition, in the same run.`,
    columns: ['lines', 'import s', 'lines/s', 'join s (baseline)', 'import ÷ join', 'CSV MB'],
    rows: results.map((r) => [
      r.lines.toLocaleString('en'),
      fmt(r.importSeconds, 2),
      fmt(r.lines / r.importSeconds, 0),
      fmt(r.joinSeconds, 3),
      fmt(r.importSeconds / r.joinSeconds, 0),
      fmt(r.bytes / 1e6, 1),
    ]),
    verdicts: [
      ...(hundred ? [[`100,000 lines in ${fmt(hundred.importSeconds, 2)} s (target < 10 s)`, hundred.importSeconds < 10]] : []),
      [
        `time per line grows ${growth.map((g) => `${fmt(g, 2)}×`).join(', then ')} from each size to the next, ten times larger (linear: about 1×; target ≤ 1.5×)`,
        growth.every((g) => g <= 1.5),
      ],
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchReconciliation());
