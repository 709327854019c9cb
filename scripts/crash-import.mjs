// The import crash test (issue 6, run by .ci/run): a bank statement import killed at several points
// (kill -9 of the service while the request runs), then run again, must end in the same state as one
// uninterrupted import: no line matched twice, no payment lost, the ledger in step. Needs `npm run
// build`. CRASH_LINES sets the statement size (default 20,000), CRASH_KILLS the kill points in ms.
import { spawn } from 'node:child_process';
import { freePort, login, seededDatabase } from '../bench/lib.js';
import { paymentLine, seedSentDisbursements } from '../bench/reconciliation.bench.js';

const LINES = Number(process.env.CRASH_LINES ?? 20_000);
const KILLS = (process.env.CRASH_KILLS ?? '150,400,800,1500,2500').split(',').map(Number);
const HEADER = 'bookingDate,amount,currency,reference,counterparty,bankTransactionId';

/** Every 10th line pays 0.01 too much (amount_mismatch), every 25th names no disbursement. */
function statement() {
  const rows = [HEADER];
  for (let g = 1; g <= LINES; g++) {
    if (g % 25 === 0) rows.push(`2026-11-30,-10.00,KZT,,Unknown payer,BANK-TX-${g}`);
    else rows.push(paymentLine(g, g % 10 === 0 ? '-10.01' : '-10.00'));
  }
  return `${rows.join('\n')}\n`;
}

async function startApp(dbUrl, dataDir) {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'error',
      SCHEDULER_INTERVAL_SECONDS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
      DEMO_PASSWORD: 'bench-password-1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 120) throw new Error('service did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, base };
}

const post = (base, token, csv) =>
  fetch(`${base}/bank-statements`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    body: csv,
  });

/** What an import leaves behind, in a form two databases can be compared by. */
async function snapshot(client) {
  const q = async (sql) => (await client.query(sql)).rows;
  return {
    lines: await q(`SELECT status, count(*)::int AS n FROM bank_statement_line GROUP BY status ORDER BY status`),
    disbursements: await q(
      `SELECT status, count(*)::int AS n, sum(amount)::text AS amount FROM disbursement GROUP BY status ORDER BY status`,
    ),
    ledger: await q(
      `SELECT kind, count(*)::int AS n, sum(committed_delta)::text AS committed, sum(disbursed_delta)::text AS disbursed FROM fund_ledger_entry GROUP BY kind ORDER BY kind`,
    ),
    awards: await q(`SELECT status, count(*)::int AS n, sum(committed)::text AS committed FROM award GROUP BY status ORDER BY status`),
    paidTwice: (
      await q(
        `SELECT count(*)::int AS n FROM (SELECT ref_id FROM fund_ledger_entry WHERE kind = 'pay' GROUP BY ref_id HAVING count(*) > 1) x`,
      )
    )[0].n,
    matchedTwice: (
      await q(
        `SELECT count(*)::int AS n FROM (SELECT disbursement_id FROM bank_statement_line WHERE status = 'matched' GROUP BY disbursement_id HAVING count(*) > 1) x`,
      )
    )[0].n,
    unpaidMatches: (
      await q(
        `SELECT count(*)::int AS n FROM bank_statement_line l JOIN disbursement d ON d.id = l.disbursement_id WHERE l.status = 'matched' AND d.status <> 'paid'`,
      )
    )[0].n,
  };
}

async function database(name) {
  const seeded = await seededDatabase(`ef-crash-${name}-`);
  await seedSentDisbursements(seeded.client, LINES);
  return seeded;
}

/** Waits until no backend of the killed service is still working (PostgreSQL then rolls its transaction back). */
async function settled(client) {
  for (let i = 0; i < 600; i++) {
    const [{ n }] = (
      await client.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
      )
    ).rows;
    if (n === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the killed service left a backend running');
}

const csv = statement();
let failed = false;
let midImport = 0; // kills that fell inside the import transaction
{
  // the reference: one uninterrupted import
  const ref = await database('reference');
  const app = await startApp(ref.db.url, ref.serviceDir);
  const res = await post(app.base, await login(app.base, 'finance@example.org'), csv);
  if (res.status !== 200) throw new Error(`reference import: ${res.status} ${await res.text()}`);
  app.child.kill('SIGKILL');
  const expected = await snapshot(ref.client);
  await ref.close();

  const crash = await database('crash');
  for (const ms of KILLS) {
    const victim = await startApp(crash.db.url, crash.serviceDir);
    const token = await login(victim.base, 'finance@example.org');
    const pending = post(victim.base, token, csv).catch(() => null);
    await new Promise((r) => setTimeout(r, ms));
    // what the database was doing for the service at that moment: evidence that the kill fell mid-import
    const doing = (
      await crash.client.query(
        `SELECT state, left(regexp_replace(query, '\\s+', ' ', 'g'), 50) AS query FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction') AND xact_start IS NOT NULL AND application_name = 'emergency-fund' LIMIT 1`,
      )
    ).rows[0];
    victim.child.kill('SIGKILL');
    await pending;
    await settled(crash.client);
    const [{ n }] = (await crash.client.query('SELECT count(*)::int AS n FROM bank_statement')).rows;
    const state = await snapshot(crash.client);
    const whole = JSON.stringify(state) === JSON.stringify(expected);
    const at = doing ? `${doing.state}: ${doing.query}` : 'no statement running';
    console.log(
      `killed after ${ms} ms (${at}): ${n === 0 ? 'nothing was imported' : whole ? 'the import had completed' : 'PARTIAL STATE'}`,
    );
    if (doing && n === 0) midImport += 1; // killed inside the import's transaction, and it left nothing
    if (n !== 0 && !whole) failed = true;
    if (state.paidTwice || state.matchedTwice || state.unpaidMatches) failed = true;
  }
  if (midImport === 0) {
    console.log('no kill fell inside the import transaction: the test proved nothing (adjust CRASH_KILLS to this machine)');
    failed = true;
  }
  const last = await startApp(crash.db.url, crash.serviceDir);
  const rerun = await post(last.base, await login(last.base, 'finance@example.org'), csv);
  if (rerun.status !== 200) throw new Error(`rerun: ${rerun.status} ${await rerun.text()}`);
  last.child.kill('SIGKILL');
  const final = await snapshot(crash.client);
  const same = JSON.stringify(final) === JSON.stringify(expected);
  console.log(`after the rerun: ${same ? 'the same state as one uninterrupted import' : 'DIFFERENT from one uninterrupted import'}`);
  if (!same) {
    console.log(JSON.stringify({ expected, final }, null, 1));
    failed = true;
  }
  await crash.close();
}
console.log(
  failed
    ? 'crash test FAILED'
    : `crash test passed (${LINES} lines, killed at ${KILLS.join(', ')} ms, ${midImport} of them inside the import's transaction)`,
);
process.exit(failed ? 1 : 0);
