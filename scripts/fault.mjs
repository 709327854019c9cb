// The fault test (issue 8, run by .ci/run): the mixed load of bench/load.js on two instances of the
// service on one database; in the middle, `kill -9` of one instance while its requests are in
// flight. Its traffic is taken out of rotation (as a load balancer would), it is started again on
// the same port and settings after FAULT_DOWN_MS, and the load goes on against both. Afterwards the
// invariants of bench/invariants.js must hold: ledger balances, no duplicate references, awards or
// payments, every application in a legal state consistent with its history, scheduler work done
// once, the audit chain intact. The surviving instance must not have failed one request, the
// restarted one must serve again. Needs `npm run build`. FAULT_SECONDS (default 20) and
// FAULT_CONNECTIONS (default 50) size the load, FAULT_KILL_AT (default the middle) says when.
import { printChecks, checkInvariants } from '../bench/invariants.js';
import { endpointRows, runMixedLoad, settle, startSystem } from '../bench/load.js';
import { fmt } from '../bench/lib.js';

const SECONDS = Number(process.env.FAULT_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.FAULT_CONNECTIONS ?? 50);
const KILL_AT = Number(process.env.FAULT_KILL_AT ?? SECONDS / 2);
const DOWN_MS = Number(process.env.FAULT_DOWN_MS ?? 1000);
const VICTIM = 1;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const sys = await startSystem({ instances: 2 });
const problems = [];
try {
  const fault = {};
  console.log(
    `fault test: ${CONNECTIONS} connections for ${SECONDS} s over 2 instances; kill -9 of instance ${VICTIM + 1} after ${KILL_AT} s`,
  );
  const run = await runMixedLoad(sys, {
    seconds: SECONDS,
    connections: CONNECTIONS,
    during: [
      {
        at: KILL_AT,
        async run(ctl) {
          // what the database was doing for the services at that moment: evidence that the kill fell mid-work
          const [busy] = (
            await sys.seeded.client.query(
              `SELECT count(*) FILTER (WHERE state = 'active')::int AS active, count(*) FILTER (WHERE state LIKE 'idle in transaction%')::int AS open
                 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
            )
          ).rows;
          fault.pid = sys.services[VICTIM].pid;
          fault.killing = Date.now();
          await sys.kill(VICTIM);
          fault.killedAt = Date.now();
          fault.busy = busy;
          ctl.stopRuns(VICTIM);
          await sleep(DOWN_MS);
          const back = await sys.restart(VICTIM);
          fault.restartedAt = Date.now();
          fault.newPid = back.pid;
          fault.answeredAtRestart = ctl.recorder.perService[VICTIM] ?? 0;
          ctl.startRuns(VICTIM);
        },
      },
    ],
  });
  await settle(sys);
  const { recorder } = run;
  const { all, conflicts } = endpointRows(recorder, run.seconds);
  const cutOff = recorder.transport.filter((t) => t.service === VICTIM && t.at >= fault.killing && t.at < fault.restartedAt);
  const otherTransport = recorder.transport.filter((t) => !cutOff.includes(t));
  const servedAfter = (recorder.perService[VICTIM] ?? 0) - fault.answeredAtRestart;
  console.log(
    `killed instance ${VICTIM + 1} (pid ${fault.pid}) after ${fmt((fault.killedAt - t0) / 1000)} s of the script with ${fault.busy.active} statements running and ` +
      `${fault.busy.open} transactions open in the database; ${cutOff.filter((t) => t.code !== 'ECONNREFUSED').length} requests cut off ` +
      `(and ${cutOff.filter((t) => t.code === 'ECONNREFUSED').length} reconnections refused until its traffic was stopped); back as pid ${fault.newPid} after ${fmt((fault.restartedAt - fault.killedAt) / 1000)} s`,
  );
  console.log(
    `load: ${all.count} answers in ${fmt(run.seconds)} s (${fmt(all.count / run.seconds)}/s, p50 ${fmt(all.p50)} ms, p99 ${fmt(all.p99)} ms), ${conflicts} expected conflicts, ` +
      `${recorder.errors} errors; instance ${VICTIM + 1} answered ${servedAfter} requests after its restart`,
  );
  if (recorder.errors)
    problems.push(
      `${recorder.errors} requests failed (5xx, unexpected 4xx or answers against the workflow): ${recorder.samples.slice(0, 5).join('; ')}`,
    );
  if (otherTransport.length)
    problems.push(
      `${otherTransport.length} transport errors outside the outage: ${otherTransport
        .slice(0, 3)
        .map((t) => `instance ${t.service + 1}: ${t.message}`)
        .join('; ')}`,
    );
  if (servedAfter <= 0) problems.push('the restarted instance answered nothing');
  const invariants = await checkInvariants(sys.seeded.client, {
    api: { base: sys.services[VICTIM].base, adminToken: sys.users.admin.token, auditorToken: sys.users.auditor.token },
  });
  console.log('invariants after the crash:');
  printChecks(invariants);
  for (const c of invariants.checks) if (!c.ok) problems.push(`${c.name}: ${c.detail}`);
} catch (error) {
  problems.push(`the test itself failed: ${error instanceof Error ? error.stack : error}`);
} finally {
  await sys.close();
}
console.log(
  problems.length ? `fault test FAILED:\n  ${problems.join('\n  ')}` : `fault test passed in ${fmt((Date.now() - t0) / 1000, 0)} s`,
);
process.exit(problems.length ? 1 : 0);
