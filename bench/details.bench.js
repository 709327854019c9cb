// Detail reads benchmark: one application, its award and its eligibility read by an officer and by
// the NGO, 32 connections, next to the liveness route GET /health/live measured in the same run.
// Target: GET /applications/:id as officer ≥ 40 % of liveness requests/s, with p99 < 60 ms. The floor row
// (GET /bench/read, one trivial statement) shows what any read of the database costs against liveness.
import { combine, fmt, login, request, runLoad, startService } from './lib.js';
import { approveAll, demoUsers, prepareApplications, raiseBudgets } from './workload.js';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
/** Liveness and the reads alternate this many times. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Approved applications (each with its award) read in turn. */
const APPLICATIONS = Number(process.env.BENCH_DETAIL_APPLICATIONS ?? 300);

export async function benchDetails() {
  const service = await startService({}, { baseline: true });
  try {
    const { base } = service;
    const t0 = Date.now();
    const admin = await login(base, 'admin@example.org');
    await raiseBudgets(base, admin, 5_000_000);
    const { officers, ngos } = await demoUsers(base, 'KZ');
    const [officer] = officers;
    const [ngo] = ngos;
    // all of one NGO user's organisation, so its case worker may read every one
    const claimed = await prepareApplications(
      base,
      Array.from({ length: APPLICATIONS }, () => ({ country: 'KZ', ngo, officer })),
    );
    const approved = await approveAll(
      base,
      claimed.map((app) => ({ app, officer })),
    );
    const prepareSeconds = (Date.now() - t0) / 1000;

    const turn = new Array(CONNECTIONS).fill(0);
    const pick = (w) => approved[(w + CONNECTIONS * turn[w]++) % approved.length];
    const read = (path, token, check) => async (w) => {
      const target = pick(w);
      const s = performance.now();
      const res = await request(base, 'GET', path(target), undefined, token);
      return { ok: res.status === 200 && check(res.body, target), latencies: [performance.now() - s] };
    };
    const sameApp = (body, t) => body?.id === t.app.id;
    const sameAward = (body, t) => body?.id === t.awardId;
    const sameEligibility = (body) => body?.outcome === 'eligible';
    const workloads = [
      // the floor of any read of the database: signed in, one prepared one-row statement, a tiny answer
      [
        'floor: GET /bench/read as officer (one trivial statement)',
        read(
          () => '/bench/read',
          officer,
          (body) => body?.one === 1,
        ),
      ],
      ['GET /applications/:id as officer', read((t) => `/applications/${t.app.id}`, officer, sameApp)],
      ['GET /applications/:id as NGO', read((t) => `/applications/${t.app.id}`, ngo, sameApp)],
      ['GET /awards/:id as officer', read((t) => `/awards/${t.awardId}`, officer, sameAward)],
      ['GET /awards/:id as NGO', read((t) => `/awards/${t.awardId}`, ngo, sameAward)],
      ['GET /applications/:id/eligibility as officer', read((t) => `/applications/${t.app.id}/eligibility`, officer, sameEligibility)],
      ['GET /applications/:id/eligibility as NGO', read((t) => `/applications/${t.app.id}/eligibility`, ngo, sameEligibility)],
    ];
    const liveStep = async () => {
      const s = performance.now();
      const res = await request(base, 'GET', '/health/live');
      return { ok: res.status === 200, latencies: [performance.now() - s] };
    };

    const liveRuns = [];
    const runs = workloads.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      liveRuns.push(await runLoad({ connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: 1, step: liveStep }));
      for (const [i, [, step]] of workloads.entries()) {
        runs[i].push(await runLoad({ connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: 1, step }));
      }
    }
    const live = combine(liveRuns);
    const results = runs.map(combine);
    const share = (r) => (r.requestsPerSecond / live.requestsPerSecond) * 100;
    const row = (label, r) => [
      label,
      fmt(r.requestsPerSecond),
      fmt(r.requestLatency.p50),
      fmt(r.requestLatency.p99),
      r.errors,
      fmt(share(r)),
    ];
    const [, officerApp] = results;
    const errors = live.errors + results.reduce((n, r) => n + r.errors, 0);
    return {
      title: 'Detail reads: application, award, eligibility',
      columns: ['what', 'per second', 'p50 ms', 'p99 ms', 'errors', '% of liveness/s'],
      rows: [row('liveness: GET /health/live (no sign-in)', live), ...workloads.map(([label], i) => row(label, results[i]))],
      verdicts: [
        [`GET /applications/:id as officer: ${fmt(share(officerApp))} % of liveness requests/s (target ≥ 40 %)`, share(officerApp) >= 40],
        [
          `GET /applications/:id as officer: p99 ${fmt(officerApp.requestLatency.p99)} ms (target < 60 ms)`,
          officerApp.requestLatency.p99 < 60,
        ],
        [`errors: ${errors} (target 0)`, errors === 0],
      ],
      note: `${CONNECTIONS} connections; ${approved.length} approved KZ applications with their awards, prepared through the API in ${fmt(prepareSeconds, 0)} s (registered, created and submitted by ngo.kz, claimed and approved by officer.kz), read in turn as officer.kz and ngo.kz. Liveness, the floor read (GET /bench/read: the cheapest signed-in read of the database, one prepared SELECT 1 on the pool, in the bench server only) and the six reads alternate ${ROUNDS} times, ${SECONDS} s measured after 1 s warm-up each; rates are totals over all rounds, latencies in ms over all requests; a read counts only when answered 200 with the asked-for record.`,
    };
  } finally {
    await service.stop();
  }
}
