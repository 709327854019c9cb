// Approvals benchmark: officers approving different claimed applications of one fund at once (the
// fund's row lock serialises them), at 16 and 50 connections, then the same spread over the five
// funds; next to the baseline insert (POST /bench/baseline) measured in the same run. Targets: one fund
// at 16 connections ≥ 150 approvals/s with p99 < 150 ms; five funds ≥ 250 approvals/s.
import { combine, fmt, login, request, runBatch, runLoad, startService } from './lib.js';
import { COUNTRIES, approve, createOfficers, demoUsers, histogramTotals, prepareApplications, raiseBudgets } from './workload.js';

/** Baseline and approvals alternate this many times per configuration. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Approvals in one measured round (rounded up to whole approvals per connection). */
const PER_ROUND = Number(process.env.BENCH_APPROVALS_PER_ROUND ?? 400);
const BASELINE_SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
/** Unmeasured approvals per connection before the first round of a configuration. */
const WARMUP = 2;
const METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef';
/** The fund-lock histogram, once src/ records it; until then the column says n/a. */
const LOCK_METRIC = 'ef_fund_lock_hold_seconds';

const CONFIGS = [
  { label: 'one fund (KZ), 16 connections', connections: 16, countries: ['KZ'] },
  { label: 'one fund (KZ), 50 connections', connections: 50, countries: ['KZ'] },
  { label: 'five funds, 16 connections', connections: 16, countries: COUNTRIES },
];

export async function benchApprovals() {
  const service = await startService({ METRICS_TOKEN }, { baseline: true });
  try {
    const { base } = service;
    const t0 = Date.now();
    const admin = await login(base, 'admin@example.org');
    await raiseBudgets(base, admin, 5_000_000);
    // one officer per connection and country: 50 in KZ, 4 elsewhere
    const officers = {};
    const ngos = {};
    for (const country of COUNTRIES) {
      const needed = Math.max(
        ...CONFIGS.filter((c) => c.countries.includes(country)).map((c) => Math.ceil(c.connections / c.countries.length)),
      );
      officers[country] = await createOfficers(base, admin, country, needed);
      ngos[country] = (await demoUsers(base, country)).ngos;
    }

    // every connection's claimed applications, prepared for all configurations before anything is measured
    const plans = [];
    for (const config of CONFIGS) {
      const perConnection = Math.ceil(PER_ROUND / config.connections);
      const workers = Array.from({ length: config.connections }, (_, w) => {
        const country = config.countries[w % config.countries.length];
        return { country, officer: officers[country][Math.floor(w / config.countries.length)], ngo: ngos[country][w % 2], queue: [] };
      });
      const specs = workers.flatMap((worker) =>
        Array.from({ length: WARMUP + ROUNDS * perConnection }, () => ({
          country: worker.country,
          ngo: worker.ngo,
          officer: worker.officer,
          worker,
        })),
      );
      const apps = await prepareApplications(base, specs);
      apps.forEach((app, i) => specs[i].worker.queue.push(app));
      plans.push({ config, perConnection, workers });
    }
    const prepared = plans.reduce((n, p) => n + p.workers.reduce((m, w) => m + w.queue.length, 0), 0);
    const prepareSeconds = (Date.now() - t0) / 1000;

    const baselineToken = ngos.KZ[0];
    const baselineStep = async () => {
      const s = performance.now();
      const res = await request(base, 'POST', '/bench/baseline', {}, baselineToken);
      return { ok: res.status === 201, latencies: [performance.now() - s] };
    };

    const results = [];
    for (const { config, perConnection, workers } of plans) {
      const approveStep = async (w) => {
        const worker = workers[w];
        const app = worker.queue.shift();
        const s = performance.now();
        const res = await approve(base, worker.officer, app);
        return { ok: res.status === 200 && res.body?.status === 'approved', latencies: [performance.now() - s] };
      };
      await runBatch({ connections: config.connections, perConnection: WARMUP, step: approveStep });
      const baselineRuns = [];
      const approvalRuns = [];
      let lockSum = 0;
      let lockCount = 0;
      let lockSeen = true;
      for (let round = 0; round < ROUNDS; round++) {
        baselineRuns.push(
          await runLoad({ connections: config.connections, seconds: BASELINE_SECONDS, warmupSeconds: 1, step: baselineStep }),
        );
        const before = await histogramTotals(base, METRICS_TOKEN, LOCK_METRIC);
        approvalRuns.push(await runBatch({ connections: config.connections, perConnection, step: approveStep }));
        const after = await histogramTotals(base, METRICS_TOKEN, LOCK_METRIC);
        if (before && after) {
          lockSum += after.sum - before.sum;
          lockCount += after.count - before.count;
        } else lockSeen = false;
      }
      results.push({
        config,
        baseline: combine(baselineRuns),
        approvals: combine(approvalRuns),
        lockMs: lockSeen && lockCount > 0 ? (lockSum / lockCount) * 1000 : NaN,
      });
    }

    const rows = results.flatMap(({ config, baseline, approvals, lockMs }) => [
      [
        `baseline: POST /bench/baseline (one row), ${config.connections} connections`,
        fmt(baseline.requestsPerSecond),
        fmt(baseline.requestLatency.p50),
        fmt(baseline.requestLatency.p99),
        baseline.errors,
        '1.00',
        '',
      ],
      [
        `approve (POST /applications/:id/decisions), ${config.label}`,
        fmt(approvals.requestsPerSecond),
        fmt(approvals.requestLatency.p50),
        fmt(approvals.requestLatency.p99),
        approvals.errors,
        fmt(approvals.requestsPerSecond / baseline.requestsPerSecond, 2),
        fmt(lockMs, 2),
      ],
    ]);
    const [one16, , five16] = results;
    const errors = results.reduce((n, r) => n + r.baseline.errors + r.approvals.errors, 0);
    return {
      title: 'Approvals: officers approving at once, one fund and five',
      columns: ['what', 'per second', 'p50 ms', 'p99 ms', 'errors', '÷ baseline/s', 'fund row lock held, mean ms'],
      rows,
      verdicts: [
        [
          `one fund, 16 connections: ${fmt(one16.approvals.requestsPerSecond)} approvals/s (target ≥ 150)`,
          one16.approvals.requestsPerSecond >= 150,
        ],
        [
          `one fund, 16 connections: approve p99 ${fmt(one16.approvals.requestLatency.p99)} ms (target < 150 ms)`,
          one16.approvals.requestLatency.p99 < 150,
        ],
        [
          `five funds, 16 connections: ${fmt(five16.approvals.requestsPerSecond)} approvals/s (target ≥ 250)`,
          five16.approvals.requestsPerSecond >= 250,
        ],
        [`errors: ${errors} (target 0)`, errors === 0],
      ],
      note: `Each connection is its own officer approving its own claimed applications (${prepared.toLocaleString('en')} prepared through the API in ${fmt(prepareSeconds, 0)} s: person registered, draft of 240 USD' worth, submitted, claimed; budgets raised first), one approval per request, each approval a whole request answered 200 and approved. Per configuration: ${WARMUP} unmeasured approvals per connection, then ${ROUNDS} rounds alternating the baseline (${BASELINE_SECONDS} s after 1 s warm-up) and ${PER_ROUND} approvals (rounded up per connection, timed from the first request to the last answer); rates are totals over the rounds, latencies in ms over all requests. The lock column is the mean of the \`${LOCK_METRIC}\` histogram of GET /metrics over the approval rounds; n/a while the service does not record it.`,
    };
  } finally {
    await service.stop();
  }
}
