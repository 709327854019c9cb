// Issue 16 (point 4) benchmark: a refused login takes as long whatever the reason, so timing tells an
// attacker nothing. Baseline: a wrong password for a real account; measured in the same run: an
// unknown e-mail and an address locked out of its account. Target: each p50 within 0.8×–1.25× of the
// wrong password's (argon2 runs every time, against a throwaway hash when there is no account to check).
import { fmt, login, request, seededDatabase, startService, summarise } from './lib.js';

const SAMPLES = Number(process.env.BENCH_LOGIN_SAMPLES ?? 40);

export async function benchLogin() {
  const { db, serviceDir, close } = await seededDatabase('ef-bench-login-');
  const service = await startService({
    DATABASE_URL: db.url,
    DATA_DIR: serviceDir,
    SCHEDULER_INTERVAL_SECONDS: '0',
    LOGIN_RATE_LIMIT_PER_MINUTE: '0',
  });
  try {
    const refused = async (email, password) => {
      const t0 = performance.now();
      const r = await request(service.base, 'POST', '/auth/login', { email, password });
      const ms = performance.now() - t0;
      if (r.status !== 401 || r.body?.code !== 'INVALID_CREDENTIALS') throw new Error(`login ${email}: ${r.status} ${r.body?.code}`);
      return ms;
    };
    // lock this address out of the finance account (5 failures), before anything is measured
    for (let i = 0; i < 5; i++) await refused('finance@example.org', `lock-${i}`);
    const wrong = [];
    const unknown = [];
    const locked = [];
    for (let i = 0; i < SAMPLES; i++) {
      // interleaved, so a slower moment of the machine weighs on all three alike
      wrong.push(await refused('officer.kz@example.org', `wrong-${i}`));
      await login(service.base, 'officer.kz@example.org'); // a success clears this address's count
      unknown.push(await refused(`nobody-${i}@example.org`, `wrong-${i}`));
      locked.push(await refused('finance@example.org', 'bench-password-1'));
    }
    const [w, u, l] = [wrong, unknown, locked].map(summarise);
    const ratio = (x) => x.p50 / w.p50;
    const close = (x) => ratio(x) >= 0.8 && ratio(x) <= 1.25;
    return {
      title: 'A refused login takes as long whatever the reason (issue 16)',
      columns: ['refused login', 'p50 against baseline', 'p50 ms', 'p99 ms', 'errors'],
      rows: [
        ['wrong password for a real account (baseline)', '1.00×', fmt(w.p50, 1), fmt(w.p99, 1), 0],
        ['unknown e-mail', `${fmt(ratio(u), 2)}×`, fmt(u.p50, 1), fmt(u.p99, 1), 0],
        ['right password from an address locked out of the account', `${fmt(ratio(l), 2)}×`, fmt(l.p50, 1), fmt(l.p99, 1), 0],
      ],
      verdicts: [
        [`unknown e-mail p50 ${fmt(ratio(u), 2)}× the wrong password's (target 0.8×–1.25×)`, close(u)],
        [`locked address p50 ${fmt(ratio(l), 2)}× the wrong password's (target 0.8×–1.25×)`, close(l)],
      ],
      note: `${SAMPLES} sequential logins of each kind, interleaved, one connection; every answer checked to be the same 401 INVALID_CREDENTIALS.`,
    };
  } finally {
    await service.stop().catch(() => undefined);
    await close();
  }
}
