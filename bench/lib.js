// Shared pieces of the benchmarks: start the built service on a fresh embedded database, a small
// keep-alive HTTP client, a closed-loop load runner and percentile maths. Loopback only.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';
import { startEmbeddedPostgres } from '../dist/src/database/embedded-postgres.js';

export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node dist/src/main.js` with its own data folder; resolves when /health/ready answers.
 * `env.PORT` keeps a port (a restarted instance comes back where its clients point); a DATA_DIR
 * passed in belongs to the caller and is left in place by `stop()`. `baseline: true` starts
 * `bench/server.js` instead: the same service plus the baseline route POST /bench/baseline.
 */
export async function startService(env = {}, { baseline = false } = {}) {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'ef-bench-'));
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, baseline ? 'bench/server.js' : 'dist/src/main.js'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      DEMO_PASSWORD: 'bench-password-1',
      DEMO_SEED: 'minimal',
      RATE_LIMIT_PER_MINUTE: '0',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  const base = `http://127.0.0.1:${port}/api/v1`;
  for (let i = 0; i < 120; i++) {
    try {
      const res = await request(base, 'GET', '/health/ready');
      if (res.status === 200) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
    if (i === 119) throw new Error('service did not start');
  }
  return {
    base,
    port,
    pid: child.pid,
    dataDir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
    /** kill -9: no shutdown hooks, open transactions left for PostgreSQL to roll back. */
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function request(base, method, path, body, token) {
  const url = new URL(base + path);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, body: json, text });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export async function login(base, email, password = 'bench-password-1') {
  const res = await request(base, 'POST', '/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
  return res.body.accessToken;
}

/**
 * Closed loop: `connections` workers each run `step(worker)` back to back for `seconds`. A step
 * returns the latencies (ms) of the requests it made and whether they all succeeded.
 */
export async function runLoad({ connections, seconds, step, warmupSeconds = 2 }) {
  const latencies = [];
  const flows = [];
  let errors = 0;
  let requests = 0;
  let measuring = false;
  const warmupEnd = Date.now() + warmupSeconds * 1000;
  const end = warmupEnd + seconds * 1000;
  const worker = async (w) => {
    while (Date.now() < end) {
      const started = performance.now();
      const result = await step(w).catch((e) => ({ ok: false, latencies: [], error: e }));
      measuring = Date.now() >= warmupEnd;
      if (!measuring) continue;
      if (!result.ok) errors++;
      requests += result.latencies.length;
      latencies.push(...result.latencies);
      flows.push(performance.now() - started);
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)));
  const elapsed = (Date.now() - Math.max(t0, warmupEnd)) / 1000;
  return {
    seconds: elapsed,
    latencies,
    flows,
    requests,
    flowsCompleted: flows.length,
    requestsPerSecond: requests / elapsed,
    flowsPerSecond: flows.length / elapsed,
    errors,
    requestLatency: summarise(latencies),
    flowLatency: summarise(flows),
  };
}

/**
 * Closed loop over a fixed amount of work: `connections` workers each run `step(worker, i)` for
 * i = 0 … perConnection − 1, no warm-up; the time is from the start to the last answer. For workloads
 * that use up prepared rows (one approval per claimed application). Same result shape as `runLoad`.
 */
export async function runBatch({ connections, perConnection, step }) {
  const latencies = [];
  const flows = [];
  let errors = 0;
  let requests = 0;
  const worker = async (w) => {
    for (let i = 0; i < perConnection; i++) {
      const started = performance.now();
      const result = await step(w, i).catch((e) => ({ ok: false, latencies: [], error: e }));
      if (!result.ok) errors++;
      requests += result.latencies.length;
      latencies.push(...result.latencies);
      flows.push(performance.now() - started);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)));
  const elapsed = (performance.now() - t0) / 1000;
  return {
    seconds: elapsed,
    latencies,
    flows,
    requests,
    flowsCompleted: flows.length,
    requestsPerSecond: requests / elapsed,
    flowsPerSecond: flows.length / elapsed,
    errors,
    requestLatency: summarise(latencies),
    flowLatency: summarise(flows),
  };
}

/** Several runs of one workload as one: totals over the summed time, percentiles over every sample. */
export function combine(runs) {
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  const requests = runs.reduce((s, r) => s + r.requests, 0);
  const flowsCompleted = runs.reduce((s, r) => s + r.flowsCompleted, 0);
  return {
    seconds,
    requests,
    flowsCompleted,
    requestsPerSecond: requests / seconds,
    flowsPerSecond: flowsCompleted / seconds,
    errors: runs.reduce((s, r) => s + r.errors, 0),
    requestLatency: summarise(runs.flatMap((r) => r.latencies)),
    flowLatency: summarise(runs.flatMap((r) => r.flows)),
  };
}

export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export function summarise(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, count: sorted.length };
}

export function machine() {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, embedded PostgreSQL 18 (embedded-postgres), load generator in the same machine`;
}

export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/**
 * A fresh embedded PostgreSQL in its own folder with the minimal demo seeded (migrations, funds,
 * NGOs, users; password bench-password-1) and a client on it; `close()` removes it all. `onLog`
 * receives the server's log lines (deadlock reports, for one).
 */
export async function seededDatabase(prefix, { onLog } = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = await startEmbeddedPostgres({ dataDir: dir, password: 'bench', database: 'ef', onLog });
  const serviceDir = join(dir, 'service');
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    DATA_DIR: serviceDir,
    DEMO_PASSWORD: 'bench-password-1',
    DEMO_SEED: 'minimal',
    LOG_LEVEL: 'warn',
  };
  execFileSync(process.execPath, ['dist/src/database/seed.cli.js'], { env, stdio: 'ignore' });
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  return {
    db,
    client,
    serviceDir,
    async close() {
      await client.end().catch(() => undefined);
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The markdown section of one benchmark result: title, when and where, the table, the verdicts. */
export function benchBlockText(result) {
  const columns = result.columns ?? ['what', 'per second', 'p50 ms', 'p99 ms', 'errors'];
  return [
    `## ${result.title}`,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}. ${result.note}`,
    '',
    `| ${columns.join(' | ')} |`,
    `|---|${columns
      .slice(1)
      .map(() => '---:')
      .join('|')}|`,
    ...result.rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    ...result.verdicts.map(([text, ok]) => `- ${ok ? 'met' : 'NOT met'}: ${text}`),
    '',
  ].join('\n');
}

/**
 * Writes (or replaces) the `<!-- bench:name -->` block of docs/benchmarks.md; text written by hand
 * around the blocks stays. `text` is what `benchBlockText` made, so the file matches what was printed.
 */
export function writeBenchBlock(name, text, file = 'docs/benchmarks.md') {
  let doc;
  try {
    doc = readFileSync(file, 'utf8');
  } catch {
    doc =
      '# Benchmarks\n\nWritten by `npm run bench` (see `bench/`). Figures are ratios against a baseline measured in the same run on the same machine; absolute numbers move with the machine.\n';
  }
  const start = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  const block = `${start}\n${text}${end}`;
  // a function as replacement, so a `$` in the text is not read as a pattern
  doc = doc.includes(start) ? doc.replace(new RegExp(`${start}[\\s\\S]*?${end}`), () => block) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, doc);
}
