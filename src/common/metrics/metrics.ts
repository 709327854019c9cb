import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export const metricsRegistry = new Registry();
let defaultsStarted = false;

const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});

export function startDefaultMetrics() {
  if (defaultsStarted) return;
  defaultsStarted = true;
  collectDefaultMetrics({ register: metricsRegistry });
}

export function recordHttpRequest(method: string, route: string, status: number, seconds: number) {
  httpDuration.observe({ method, route, status: String(status) }, seconds);
}

const fundLockHold = new Histogram({
  name: 'ef_fund_lock_hold_seconds',
  help: "Time an approval holds its fund's row lock: from the lock taken in the approval's last statement to the commit's answer",
  buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
  registers: [metricsRegistry],
});

export function recordFundLockHold(seconds: number) {
  fundLockHold.observe(seconds);
}
