// `npm run bench:load` (issue 8): a mixed workload with autocannon against two instances of the built
// service on one embedded PostgreSQL, loopback only, then the invariants of bench/invariants.js.
//
// What the 50 connections do (each round of a flow is a chain of requests; a round ends early when
// an answer says another user got there first):
//   - NGO case workers register a person, draft an application (some large enough to need a second
//     approval, some over the cap so that they come back ineligible and are fixed), sometimes edit
//     it, submit it (a few are withdrawn), read the eligibility result and their notices; others
//     answer information requests (message, edit, resubmit) and read awards, letters and follow-ups;
//   - officers take the head of their country's queue: claim, read, decide (approve, reject,
//     request_info) or walk away from the claim (the scheduler releases it); other officers give
//     second approvals, never to their own first approval;
//   - finance plans tranches of awards (Idempotency-Key, sometimes retried), and per currency
//     batches them, exports the bank file, marks it sent and imports the bank statement (a few lines
//     a cent off, whose match by hand is refused; some statements imported twice); finance and the auditor
//     read reports, ledgers, batches, exceptions and the audit trail.
// Expected refusals under concurrency (409 with ILLEGAL_TRANSITION, CLAIMED_BY_ANOTHER,
// VERSION_CONFLICT, OVER_AWARD, INSUFFICIENT_FUNDS, AWARD_NOT_ACTIVE) are counted apart; errors are
// 5xx, timeouts, connection errors, any other 4xx, and answers that contradict the workflow.
//
// Both instances run the scheduler every second. The load's clock runs fast: every second the
// harness moves the due time of a few waiting applications into the past and the claim time of
// claims idle for 4 s back by two hours (CLAIM_IDLE_HOURS=1), as if hours had passed, so both
// schedulers have breaches to mark and claims to release while the load runs. After the load the
// harness waits for the schedulers to finish and checks the invariants in one snapshot.
//
// LOAD_SECONDS (default 60) and LOAD_CONNECTIONS (default 50) size the run; LOAD_WRITE=0 prints the
// docs/benchmarks.md block without writing it (the short CI run). Exits 1 on any error or failed
// invariant. Needs `npm run build`.
import { randomUUID } from 'node:crypto';
import { clearInterval, setInterval } from 'node:timers';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { checkInvariants, printChecks } from './invariants.js';
import { benchBlockText, fmt, request, seededDatabase, startService, summarise, writeBenchBlock } from './lib.js';

const API = '/api/v1';
const COUNTRIES = ['kz', 'kg', 'tj', 'tm', 'uz'];
export const SCHEDULER_SECONDS = 1;

const pick = (xs) => (xs?.length ? xs[Math.floor(Math.random() * xs.length)] : null);
const chance = (p) => Math.random() < p;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cents = (money) => Math.round(Number(money) * 100);
const money = (c) => (c / 100).toFixed(2);

// ---------------------------------------------------------------------------------------------
// The system under load: one database, several instances sharing its secrets (one DATA_DIR)

/** The seeded database and `instances` services on it, every demo user logged in. */
export async function startSystem({ instances = 2 } = {}) {
  // LOAD_PG_LOG=1 shows what PostgreSQL reports (a deadlock names both statements)
  const onLog = process.env.LOAD_PG_LOG === '1' ? (line) => console.error(`postgres: ${String(line).trim()}`) : undefined;
  const seeded = await seededDatabase('ef-load-', { onLog });
  const env = {
    DATABASE_URL: seeded.db.url,
    // the folder holds only the secrets when DATABASE_URL is set: shared, so a token and a
    // PII field from one instance are good on the other
    DATA_DIR: seeded.serviceDir,
    SCHEDULER_INTERVAL_SECONDS: String(SCHEDULER_SECONDS),
    CLAIM_IDLE_HOURS: '1',
    RATE_LIMIT_PER_MINUTE: '0',
    LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'error',
  };
  const services = [];
  try {
    for (let i = 0; i < instances; i++) services.push(await startService(env));
  } catch (error) {
    await Promise.all(services.map((s) => s.stop()));
    await seeded.close();
    throw error;
  }
  const base = services[0].base;
  const login = async (email) => {
    const res = await request(base, 'POST', '/auth/login', { email, password: 'bench-password-1' });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
    const u = res.body.user;
    return {
      email,
      token: res.body.accessToken,
      id: u.id,
      role: u.role,
      organisationId: u.organisationId,
      cc: email.split('@')[0].split('.')[1],
    };
  };
  const ngos = await Promise.all(COUNTRIES.flatMap((cc) => [`ngo.${cc}@example.org`, `ngo2.${cc}@example.org`]).map(login));
  const officers = await Promise.all(COUNTRIES.flatMap((cc) => [`officer.${cc}@example.org`, `officer2.${cc}@example.org`]).map(login));
  const [finance, auditor, admin] = await Promise.all(['finance@example.org', 'auditor@example.org', 'admin@example.org'].map(login));
  const funds = {};
  for (const f of (await seeded.client.query(`SELECT id, country, currency, rules FROM fund`)).rows) funds[f.country.toLowerCase()] = f;
  return {
    seeded,
    env,
    services,
    users: { ngos, officers, finance, auditor, admin },
    funds,
    /** kill -9 of one instance. */
    async kill(i) {
      await services[i].kill();
    },
    /** The instance again, on its port, with the same settings (as a supervisor would). */
    async restart(i) {
      services[i] = await startService({ ...env, PORT: String(services[i].port) });
      return services[i];
    },
    async close() {
      await Promise.all(services.map((s) => s.stop().catch(() => undefined)));
      await seeded.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Flows: autocannon request lists whose setupRequest / onResponse hooks carry each connection's state

/**
 * One request of a flow. `build(ctx)` says what to send: `{ name, method, path, json | csv,
 * headers, ok, expected, then }`, or null to end this round here (the connection starts the flow
 * again). `ok` lists the statuses of success (default 200); `expected` the 409 codes that are a
 * normal outcome of concurrency; `then(body, ctx, headers)` keeps what later steps need and returns
 * a string when the answer contradicts the workflow.
 */
function step(build) {
  return {
    method: 'GET',
    path: '/',
    setupRequest(req, ctx) {
      const spec = ctx.done ? null : build(ctx);
      ctx.pending = spec || null;
      if (!spec) return null;
      const headers = { authorization: `Bearer ${ctx.user.token}` };
      let body;
      if (spec.json !== undefined) {
        body = JSON.stringify(spec.json);
        headers['content-type'] = 'application/json';
      } else if (spec.csv !== undefined) {
        body = spec.csv;
        headers['content-type'] = 'text/csv';
      }
      Object.assign(headers, spec.headers);
      return { ...req, method: spec.method ?? 'GET', path: API + spec.path, headers, ...(body === undefined ? {} : { body }) };
    },
    onResponse(status, body, ctx, headers) {
      const spec = ctx.pending;
      if (!spec) return;
      let json;
      try {
        json = body && body[0] === '{' ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      if ((spec.ok ?? [200]).includes(status)) {
        const contradiction = spec.then?.(json ?? body, ctx, headers ?? {});
        spec.outcome = contradiction ? 'error' : 'ok';
        if (contradiction) spec.detail = contradiction;
      } else if (status === 409 && (spec.expected ?? []).includes(json?.code)) {
        spec.outcome = 'conflict';
        spec.detail = json.code;
      } else {
        spec.outcome = 'error';
        spec.detail = `${status} ${json?.code ?? ''} ${String(json?.message ?? body ?? '').slice(0, 160)}`;
      }
      if (spec.outcome !== 'ok') ctx.done = true;
    },
  };
}

const header = (headers, name) => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];

/** Yesterday: a date in the past in any year the load runs (consent, the State's answer). */
const YESTERDAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

let people = 0;
function person() {
  const n = ++people;
  const year = 1970 + (n % 35);
  return {
    category: ['VOT', 'VM', 'OTHER'][n % 3],
    flags: n % 4 === 0 ? ['foreign'] : [],
    sex: n % 5 < 2 ? 'female' : n % 5 < 4 ? 'male' : 'undisclosed',
    birthYear: year,
    nationality: ['UZ', 'TJ', 'KG'][n % 3],
    fullName: `Load Person ${n} ${randomUUID().slice(0, 8)}`,
    dateOfBirth: `${year}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
    documentNumber: `LD${String(n).padStart(8, '0')}`,
    consent: { givenAt: YESTERDAY, method: 'written' },
  };
}

/**
 * Two items in the fund's currency: mostly 3–12 % of the fund's cap per application; `large` is
 * above its second-approval threshold (60 % of the cap in every demo fund), `over` above the cap.
 */
function items(fund, kind = 'small') {
  const cap = cents(fund.rules.maxPerApplication);
  const share = kind === 'large' ? 0.62 + Math.random() * 0.06 : kind === 'over' ? 1.05 + Math.random() * 0.1 : 0.03 + Math.random() * 0.09;
  const total = Math.round(cap * share);
  const first = Math.round(total * 0.6);
  return [
    { type: 'documents', description: 'Passport restoration fees and consular stamps', amount: money(first) },
    { type: 'social', description: 'Food and hygiene kit for two weeks', amount: money(total - first) },
  ];
}

const STATE_SUPPORT = { requested: true, agency: 'Local social protection office', requestedOn: YESTERDAY, outcome: 'refused', note: null };
const round = (pool) => {
  let turn = 0;
  return () => pool[turn++ % pool.length];
};

/** NGO: a new case from registration to submission. */
function ngoCaseFlow(sys) {
  const next = round(sys.users.ngos);
  const version = (a, c) => {
    c.app.version = a.version;
  };
  return [
    step((ctx) => {
      ctx.user = next();
      return {
        name: 'POST /beneficiaries',
        method: 'POST',
        path: '/beneficiaries',
        ok: [201],
        json: person(),
        then: (b, c) => void (c.beneficiaryId = b.id),
      };
    }),
    step((ctx) => {
      if (!ctx.beneficiaryId) return null;
      const kind = chance(0.05) ? 'over' : chance(0.08) ? 'large' : 'small';
      return {
        name: 'POST /applications',
        method: 'POST',
        path: '/applications',
        ok: [201],
        json: {
          beneficiaryId: ctx.beneficiaryId,
          urgency: chance(0.2) ? 'urgent' : 'standard',
          language: chance(0.3) ? 'ru' : 'en',
          items: items(sys.funds[ctx.user.cc], kind),
          justification: 'Stranded after the employer withheld the passport; no income and no place to stay.',
          stateSupport: STATE_SUPPORT,
        },
        then: (a, c) => void (c.app = { id: a.id, version: a.version }),
      };
    }),
    step((ctx) =>
      !ctx.app
        ? null
        : chance(0.3)
          ? {
              name: 'PATCH /applications/:id',
              method: 'PATCH',
              path: `/applications/${ctx.app.id}`,
              json: { version: ctx.app.version, justification: 'Updated after a call with the person: the landlord gave notice.' },
              then: version,
            }
          : { name: 'GET /applications/:id', path: `/applications/${ctx.app.id}`, then: version },
    ),
    step((ctx) =>
      !ctx.app
        ? null
        : chance(0.03)
          ? {
              name: 'POST /applications/:id/withdraw',
              method: 'POST',
              path: `/applications/${ctx.app.id}/withdraw`,
              json: { version: ctx.app.version, comment: 'The person found work.' },
              then: (a, c) => void (c.app.status = a.status),
            }
          : {
              name: 'POST /applications/:id/submit',
              method: 'POST',
              path: `/applications/${ctx.app.id}/submit`,
              json: { version: ctx.app.version },
              then: (a, c) => {
                Object.assign(c.app, { status: a.status, version: a.version });
                return a.status === 'submitted' || a.status === 'ineligible' ? null : `submitted into ${a.status}`;
              },
            },
    ),
    step((ctx) =>
      !ctx.app?.status
        ? null
        : ctx.app.status === 'ineligible'
          ? {
              name: 'PATCH /applications/:id',
              method: 'PATCH',
              path: `/applications/${ctx.app.id}`,
              json: { version: ctx.app.version, items: items(sys.funds[ctx.user.cc]) },
              then: version,
            }
          : { name: 'GET /applications/:id/eligibility', path: `/applications/${ctx.app.id}/eligibility` },
    ),
    step((ctx) =>
      !ctx.app?.status
        ? null
        : ctx.app.status === 'ineligible'
          ? {
              name: 'POST /applications/:id/submit',
              method: 'POST',
              path: `/applications/${ctx.app.id}/submit`,
              json: { version: ctx.app.version },
              then: (a) => (a.status === 'submitted' ? null : `resubmitted into ${a.status}`),
            }
          : { name: 'GET /notifications', path: '/notifications?limit=20' },
    ),
  ];
}

/** NGO: answers an information request, or reads its awards, a letter, its verification and follow-ups. */
function ngoFollowFlow(sys) {
  const next = round(sys.users.ngos);
  const RACE = ['VERSION_CONFLICT', 'ILLEGAL_TRANSITION'];
  return [
    step((ctx) => {
      ctx.user = next();
      return {
        name: 'GET /applications?status=info_requested',
        path: '/applications?status=info_requested&limit=20',
        then: (p, c) => void (c.app = pick(p.items)),
      };
    }),
    step((ctx) =>
      ctx.app
        ? {
            name: 'POST /applications/:id/messages',
            method: 'POST',
            path: `/applications/${ctx.app.id}/messages`,
            ok: [201],
            json: { body: 'The clinic estimate is on its way; the person can travel next week.' },
          }
        : {
            name: 'GET /awards',
            path: '/awards?limit=20',
            then: (p, c) => void (c.award = pick(p.items.filter((a) => a.letter?.status === 'issued'))),
          },
    ),
    step((ctx) =>
      ctx.app
        ? {
            name: 'PATCH /applications/:id',
            method: 'PATCH',
            path: `/applications/${ctx.app.id}`,
            json: { version: ctx.app.version, justification: 'Answer to the officer: the clinic confirmed the estimate by phone.' },
            expected: RACE,
            then: (a, c) => void (c.app.version = a.version),
          }
        : ctx.award
          ? {
              name: 'GET /awards/:id/letter',
              path: `/awards/${ctx.award.id}/letter`,
              then: (pdf) => (String(pdf).startsWith('%PDF') ? null : 'the letter is not a PDF'),
            }
          : { name: 'GET /follow-ups', path: '/follow-ups?limit=20' },
    ),
    step((ctx) =>
      ctx.app
        ? {
            name: 'POST /applications/:id/submit',
            method: 'POST',
            path: `/applications/${ctx.app.id}/submit`,
            json: { version: ctx.app.version },
            expected: RACE,
            then: (a) => (['submitted', 'ineligible'].includes(a.status) ? null : `resubmitted into ${a.status}`),
          }
        : ctx.award
          ? {
              name: 'GET /letters/verify/:code',
              path: `/letters/verify/${ctx.award.letter.verificationCode}`,
              then: (v) => (v.valid && v.awardNumber === ctx.award.number ? null : 'the letter does not verify'),
            }
          : null,
    ),
  ];
}

/** Officer: the queue, claim, read, decide, or walk away from the claim. */
function reviewFlow(sys) {
  const next = round(sys.users.officers);
  const RACE = ['ILLEGAL_TRANSITION', 'CLAIMED_BY_ANOTHER'];
  const decision = (ctx) => {
    const path = `/applications/${ctx.app.id}/decisions`;
    const r = Math.random();
    if (r < 0.08) return { name: 'GET /review-queue/workload', path: `/review-queue/workload?country=${ctx.user.cc.toUpperCase()}` };
    const expected = [...RACE, 'INSUFFICIENT_FUNDS'];
    const into = (want) => (a) => (want.includes(a.status) ? null : `decided into ${a.status}`);
    if (r < 0.72)
      return {
        name: 'POST /applications/:id/decisions (approve)',
        method: 'POST',
        path,
        json: { decision: 'approve', conditions: chance(0.3) ? 'Receipts within 30 days.' : undefined },
        expected,
        then: into(['approved', 'pending_second_approval']),
      };
    if (r < 0.86)
      return {
        name: 'POST /applications/:id/decisions (reject)',
        method: 'POST',
        path,
        json: { decision: 'reject', reasonCode: 'INSUFFICIENT_EVIDENCE', comment: 'The need is not shown by the documents.' },
        expected,
        then: into(['rejected']),
      };
    return {
      name: 'POST /applications/:id/decisions (request_info)',
      method: 'POST',
      path,
      json: { decision: 'request_info', comment: 'Please attach the clinic cost estimate.' },
      expected,
      then: into(['info_requested']),
    };
  };
  return [
    step((ctx) => {
      ctx.user = next();
      return {
        name: 'GET /review-queue',
        path: `/review-queue?country=${ctx.user.cc.toUpperCase()}&limit=20`,
        then: (p, c) => void (c.app = pick(p.items)),
      };
    }),
    step(
      (ctx) =>
        ctx.app && {
          name: 'POST /applications/:id/claim',
          method: 'POST',
          path: `/applications/${ctx.app.id}/claim`,
          json: {},
          expected: RACE,
          then: (a) => (a.status === 'in_review' ? null : `claimed into ${a.status}`),
        },
    ),
    step((ctx) => ctx.app && { name: 'GET /applications/:id', path: `/applications/${ctx.app.id}` }),
    step((ctx) => ctx.app && { name: 'GET /applications/:id/eligibility', path: `/applications/${ctx.app.id}/eligibility` }),
    step((ctx) => ctx.app && decision(ctx)),
    step((ctx) => ctx.app && { name: 'GET /notifications', path: '/notifications?limit=20' }),
  ];
}

/** Officer: a second approval, after reading the history to leave their own first approvals to a colleague. */
function secondApprovalFlow(sys) {
  const next = round(sys.users.officers);
  return [
    step((ctx) => {
      ctx.user = next();
      return {
        name: 'GET /applications?status=pending_second_approval',
        path: `/applications?status=pending_second_approval&country=${ctx.user.cc.toUpperCase()}&limit=20`,
        then: (p, c) => void (c.app = pick(p.items)),
      };
    }),
    step(
      (ctx) =>
        ctx.app && {
          name: 'GET /applications/:id/events',
          path: `/applications/${ctx.app.id}/events`,
          then: (p, c) => void (c.mine = p.items.filter((e) => e.action === 'approve').at(-1)?.actorId === c.user.id),
        },
    ),
    step(
      (ctx) =>
        ctx.app &&
        !ctx.mine && {
          name: 'POST /applications/:id/decisions (second approval)',
          method: 'POST',
          path: `/applications/${ctx.app.id}/decisions`,
          json: { decision: 'approve', comment: 'Second approval.' },
          expected: ['ILLEGAL_TRANSITION', 'INSUFFICIENT_FUNDS'],
          then: (a) => (a.status === 'approved' ? null : `second approval into ${a.status}`),
        },
    ),
  ];
}

/** Finance: the next tranche of an active award, sometimes sent twice with its key (a network retry). */
function disburseFlow(sys) {
  return [
    step((ctx) => {
      ctx.user = sys.users.finance;
      return { name: 'GET /awards?status=active', path: '/awards?status=active&limit=50', then: (p, c) => void (c.award = pick(p.items)) };
    }),
    step(
      (ctx) =>
        ctx.award && {
          name: 'GET /disbursements?awardId',
          path: `/disbursements?awardId=${ctx.award.id}&limit=100`,
          then: (p, c) => {
            const planned = p.items
              .filter((d) => d.status !== 'cancelled' && d.status !== 'failed')
              .reduce((s, d) => s + cents(d.amount), 0);
            const remaining = cents(c.award.amount) - planned;
            c.amount = planned === 0 && remaining > 1 ? Math.floor(remaining * 0.6) : remaining;
          },
        },
    ),
    step((ctx) => {
      if (ctx.amount === undefined) return null;
      if (ctx.amount <= 0) return { name: 'GET /reports/funds', path: '/reports/funds' };
      ctx.key = randomUUID();
      ctx.body = { awardId: ctx.award.id, amount: money(ctx.amount), method: 'bank_transfer', payee: null };
      return {
        name: 'POST /disbursements',
        method: 'POST',
        path: '/disbursements',
        ok: [201],
        headers: { 'idempotency-key': ctx.key },
        json: ctx.body,
        expected: ['OVER_AWARD', 'AWARD_NOT_ACTIVE', 'INSUFFICIENT_FUNDS'],
        then: (d, c) => void (c.created = d.id),
      };
    }),
    step((ctx) =>
      ctx.created && chance(0.1)
        ? {
            name: 'POST /disbursements (retry, same key)',
            method: 'POST',
            path: '/disbursements',
            ok: [201],
            headers: { 'idempotency-key': ctx.key },
            json: ctx.body,
            then: (d, c, h) =>
              d.id !== c.created
                ? 'a retry made a second disbursement'
                : header(h, 'idempotent-replayed') !== 'true'
                  ? 'a retry was not answered as a replay'
                  : null,
          }
        : { name: 'GET /funds', path: '/funds' },
    ),
  ];
}

/**
 * Finance, one connection per currency: an open batch left behind (by a crash) is finished first;
 * otherwise the scheduled transfers go into a batch. Then the bank file, sent, the statement.
 */
function batchFlow(sys, currency) {
  const statement = (lines) =>
    [
      'bookingDate,amount,currency,reference,counterparty,bankTransactionId',
      // a few lines a cent off: the bank took a fee (finance matches them by hand)
      ...lines.map(
        (l) =>
          `${new Date().toISOString().slice(0, 10)},-${chance(0.04) ? money(cents(l.amount) + 1) : l.amount},${l.currency},${l.reference},Partner NGO,TX-${randomUUID()}`,
      ),
    ].join('\n');
  return [
    step((ctx) => {
      ctx.user = sys.users.finance;
      return {
        name: 'GET /payment-batches?status=open',
        path: '/payment-batches?status=open&limit=20',
        then: (p, c) => void (c.batchId = p.items.find((b) => b.currency === currency)?.id),
      };
    }),
    step((ctx) =>
      ctx.batchId
        ? { name: 'GET /payment-batches/:id', path: `/payment-batches/${ctx.batchId}` }
        : {
            name: 'GET /disbursements?status=scheduled',
            path: '/disbursements?status=scheduled&limit=100',
            then: (p, c) =>
              void (c.ids = p.items.filter((d) => d.currency === currency && d.method === 'bank_transfer' && !d.batchId).map((d) => d.id)),
          },
    ),
    step((ctx) =>
      ctx.batchId
        ? { name: 'GET /reconciliation/exceptions', path: '/reconciliation/exceptions?limit=20' }
        : ctx.ids?.length
          ? {
              name: 'POST /payment-batches',
              method: 'POST',
              path: '/payment-batches',
              ok: [201],
              json: { disbursementIds: ctx.ids },
              then: (b, c) => (b.count === c.ids.length ? void (c.batchId = b.id) : `a batch of ${b.count} for ${c.ids.length}`),
            }
          : null,
    ),
    step(
      (ctx) =>
        ctx.batchId && {
          name: 'GET /payment-batches/:id/export.csv',
          path: `/payment-batches/${ctx.batchId}/export.csv`,
          then: (csv, c) => {
            const [head, ...rows] = String(csv).trim().split('\n');
            if (!head.startsWith('paymentReference,amount,currency')) return 'the bank file has another header';
            c.lines = rows.map((r) => {
              const [reference, amount, cur] = r.split(',');
              return { reference, amount, currency: cur };
            });
          },
        },
    ),
    step(
      (ctx) =>
        ctx.lines && {
          name: 'POST /payment-batches/:id/sent',
          method: 'POST',
          path: `/payment-batches/${ctx.batchId}/sent`,
          json: {},
          then: (b) => (b.status === 'sent' ? null : `batch ${b.status}`),
        },
    ),
    step((ctx) => {
      if (!ctx.lines) return null;
      ctx.csv = statement(ctx.lines);
      return {
        name: 'POST /bank-statements',
        method: 'POST',
        path: '/bank-statements',
        csv: ctx.csv,
        then: (r, c) =>
          r.imported === c.lines.length && r.matched + r.amountMismatch === c.lines.length
            ? null
            : `statement of ${c.lines.length} lines: ${JSON.stringify(r)}`,
      };
    }),
    step((ctx) =>
      ctx.csv && chance(0.2)
        ? {
            name: 'POST /bank-statements (again)',
            method: 'POST',
            path: '/bank-statements',
            csv: ctx.csv,
            then: (r, c) => (r.imported === 0 && r.skipped === c.lines.length ? null : `statement imported twice: ${JSON.stringify(r)}`),
          }
        : { name: 'GET /disbursements', path: '/disbursements?limit=50' },
    ),
  ];
}

/**
 * Finance: a statement line a cent off its disbursement, matched by hand: refused (a line pays a
 * tranche of its exact amount, issue 16), and the tranche is still at the bank.
 */
function reconcileFlow(sys) {
  return [
    step((ctx) => {
      ctx.user = sys.users.finance;
      return {
        name: 'GET /reconciliation/exceptions',
        path: '/reconciliation/exceptions?limit=50',
        then: (p, c) => void (c.line = pick(p.items.filter((l) => l.status === 'amount_mismatch' && l.disbursement?.status === 'sent'))),
      };
    }),
    step(
      (ctx) =>
        ctx.line && {
          name: 'POST /reconciliation/matches',
          method: 'POST',
          path: '/reconciliation/matches',
          json: { statementLineId: ctx.line.id, disbursementId: ctx.line.disbursement.id, note: 'Bank fee of 0.01 confirmed by the bank.' },
          ok: [409],
          then: (b) => (b?.code === 'MATCH_AMOUNT_DIFFERS' ? null : `a line for another amount matched by hand: ${JSON.stringify(b)}`),
        },
    ),
    step(
      (ctx) =>
        ctx.line && {
          name: 'GET /disbursements/:id',
          path: `/disbursements/${ctx.line.disbursement.id}`,
          then: (d) => (d.status === 'sent' ? null : `a refused match left the tranche ${d.status}`),
        },
    ),
  ];
}

/** Finance and the auditor read: reports, ledgers, batches, the audit trail. */
function readFlow(sys) {
  const next = round([sys.users.finance, sys.users.auditor]);
  const reads = {
    finance: ['/reports/funds', '/disbursements?limit=50', '/payment-batches?limit=20', '/funds'],
    auditor: ['/audit-events?limit=50', '/reports/ef-results?unit=awards', '/reports/turnaround', '/reports/gender-targets'],
  };
  return [0, 1, 2, 3].map((i) =>
    step((ctx) => {
      if (i === 0) ctx.user = next();
      const path = reads[ctx.user.role][i];
      return { name: `GET ${path.split('?')[0]}${path.includes('unit=') ? '?unit=awards' : ''}`, path };
    }),
  );
}

/**
 * The connections of each flow: 50 by default, in these shares. The batch and reconciliation flows
 * are single clerks at a clerk's pace (requests per second per connection).
 */
function flows(sys, connections) {
  // 13 + 4 + 14 + 3 + 5 + 5 batch clerks + 1 + 5 = 50
  const share = (n) => Math.max(1, Math.round((n * connections) / 50));
  return [
    { flow: 'ngo-case', requests: ngoCaseFlow(sys), connections: share(13) },
    { flow: 'ngo-follow-up', requests: ngoFollowFlow(sys), connections: share(4) },
    { flow: 'review', requests: reviewFlow(sys), connections: share(14) },
    { flow: 'second-approval', requests: secondApprovalFlow(sys), connections: share(3) },
    { flow: 'disburse', requests: disburseFlow(sys), connections: share(5) },
    ...COUNTRIES.map((cc) => ({ flow: `batch-${cc}`, requests: batchFlow(sys, sys.funds[cc].currency), connections: 1, rate: 4 })),
    { flow: 'reconcile', requests: reconcileFlow(sys), connections: 1, rate: 2 },
    { flow: 'reads', requests: readFlow(sys), connections: share(5) },
  ];
}

// ---------------------------------------------------------------------------------------------
// Running it

/** What every answer was, per endpoint, and every transport error, per instance. */
class Recorder {
  endpoints = new Map();
  transport = [];
  samples = [];
  perService = [];
  conflictCodes = new Map();

  response(service, spec, ms) {
    this.lastAt = Date.now();
    const name = spec?.name ?? '(unknown)';
    let e = this.endpoints.get(name);
    if (!e) this.endpoints.set(name, (e = { latencies: [], ok: 0, conflict: 0, error: 0 }));
    const outcome = spec?.outcome ?? 'error';
    e[outcome]++;
    e.latencies.push(ms);
    if (outcome === 'conflict') this.conflictCodes.set(spec.detail, (this.conflictCodes.get(spec.detail) ?? 0) + 1);
    this.perService[service] = (this.perService[service] ?? 0) + 1;
    if (outcome === 'error' && this.samples.length < 20)
      this.samples.push(`${name}: ${spec?.detail ?? 'no detail'} (instance ${service + 1})`);
  }

  transportError(service, error, runnerTag) {
    this.transport.push({ service, at: Date.now(), code: error?.code ?? null, message: error?.message ?? String(error), runnerTag });
  }

  get errors() {
    let n = 0;
    for (const e of this.endpoints.values()) n += e.error;
    return n;
  }
}

/**
 * Moves time forward for the scheduler (see the header): a few due times into the past, idle
 * claims back by two hours. One row per statement, so it never holds two rows the service wants.
 */
function startClock(client) {
  let busy = false;
  const moved = { due: 0, claims: 0 };
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const due = await client.query(
        `SELECT id FROM application WHERE status = 'submitted' AND sla_breached_at IS NULL AND sla_due_at > now() ORDER BY random() LIMIT 3`,
      );
      for (const { id } of due.rows) {
        moved.due += (
          await client.query(
            `UPDATE application SET sla_due_at = now() - interval '1 minute' WHERE id = $1 AND status = 'submitted' AND sla_due_at > now()`,
            [id],
          )
        ).rowCount;
      }
      const idle = await client.query(
        `SELECT id FROM application WHERE status = 'in_review' AND claimed_at < now() - interval '4 seconds' AND claimed_at > now() - interval '1 hour'`,
      );
      for (const { id } of idle.rows) {
        moved.claims += (
          await client.query(
            `UPDATE application SET claimed_at = claimed_at - interval '2 hours' WHERE id = $1 AND status = 'in_review' AND claimed_at > now() - interval '1 hour'`,
            [id],
          )
        ).rowCount;
      }
    } catch (error) {
      console.error(`clock: ${error.message}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), 1000);
  return {
    moved,
    async stop() {
      clearInterval(timer);
      while (busy) await sleep(20);
    },
  };
}

/**
 * Runs the mixed workload on every instance of `sys` for `seconds`: each flow's connections split
 * over the instances, one autocannon run per flow and instance. `during` lists `{ at, run(ctl) }`
 * events (seconds from the start); `ctl` stops and starts the runs of one instance.
 */
export async function runMixedLoad(sys, { seconds, connections, during = [] }) {
  const recorder = new Recorder();
  const specs = flows(sys, connections);
  const started = Date.now();
  const runners = [];
  const launch = (service, spec, conns, duration) => {
    let finish;
    const done = new Promise((resolve) => (finish = resolve));
    const tag = `${spec.flow}@${service + 1}#${runners.length}`;
    const instance = autocannon(
      {
        url: sys.services[service].base.replace(/\/api\/v1$/, ''),
        connections: conns,
        duration,
        requests: spec.requests,
        connectionRate: spec.rate,
        timeout: 10,
      },
      (err, result) => finish({ err, result }),
    );
    instance.on('response', (client, _status, _bytes, ms) => recorder.response(service, client.requestIterator.context.pending, ms));
    instance.on('reqError', (error) => recorder.transportError(service, error, tag));
    runners.push({ service, tag, instance, done });
  };
  const startRuns = (service, duration) => {
    const n = sys.services.length;
    specs.forEach((spec, k) => {
      // a flow of one connection runs on one instance (spread by flow); larger flows split evenly
      const conns =
        spec.connections === 1 ? (k % n === service ? 1 : 0) : Math.floor(spec.connections / n) + (service < spec.connections % n ? 1 : 0);
      if (conns > 0) launch(service, spec, conns, duration);
    });
  };
  const clock = startClock(sys.seeded.client);
  for (let s = 0; s < sys.services.length; s++) startRuns(s, seconds);
  const ctl = {
    recorder,
    remaining: () => Math.max(1, seconds - (Date.now() - started) / 1000),
    stopRuns(service) {
      for (const r of runners) if (r.service === service) r.instance.stop();
    },
    startRuns(service, duration = ctl.remaining()) {
      startRuns(service, duration);
    },
  };
  try {
    await Promise.all(during.map((e) => sleep(e.at * 1000).then(() => e.run(ctl))));
    // runs started late are part of the list by now
    for (let i = 0; i < runners.length; i++) {
      const { err } = await runners[i].done;
      if (err) throw err;
    }
  } finally {
    for (const r of runners) r.instance.stop();
    await clock.stop();
  }
  // the rates are per second of the window in which answers came (the runs stop on a 1 s tick)
  const used = specs.reduce((sum, spec) => sum + spec.connections, 0);
  return {
    recorder,
    connections: used,
    seconds: ((recorder.lastAt ?? Date.now()) - started) / 1000,
    clock: clock.moved,
    runners: runners.map((r) => r.tag),
  };
}

/** After the load: both schedulers get a few more runs, and no statement of the service is still running. */
export async function settle(sys) {
  await sleep(3000 * SCHEDULER_SECONDS + 500);
  for (let i = 0; i < 200; i++) {
    const [{ n }] = (
      await sys.seeded.client.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')`,
      )
    ).rows;
    if (n === 0) return;
    await sleep(50);
  }
}

/** The table rows of a run: one per endpoint, then all requests. */
export function endpointRows(recorder, seconds) {
  const rows = [...recorder.endpoints.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, e]) => {
      const l = summarise(e.latencies);
      return [name, fmt(l.count / seconds), fmt(l.p50), fmt(l.p99), e.conflict, e.error];
    });
  const all = summarise([...recorder.endpoints.values()].flatMap((e) => e.latencies));
  const conflicts = [...recorder.endpoints.values()].reduce((s, e) => s + e.conflict, 0);
  rows.push(['**all requests**', fmt(all.count / seconds), fmt(all.p50), fmt(all.p99), conflicts, recorder.errors]);
  return { rows, all, conflicts };
}

export const COLUMNS = ['endpoint', 'per second', 'p50 ms', 'p99 ms', 'expected conflicts', 'errors'];

/** The load test as a benchmark result (for bench/run.js's format), plus what the process exits on. */
export async function benchLoad({
  seconds = Number(process.env.LOAD_SECONDS ?? 60),
  connections = Number(process.env.LOAD_CONNECTIONS ?? 50),
} = {}) {
  const t0 = Date.now();
  const sys = await startSystem({ instances: 2 });
  try {
    console.log(
      `load: ${connections} connections for ${seconds} s over ${sys.services.length} instances (ports ${sys.services.map((s) => s.port).join(', ')})`,
    );
    const run = await runMixedLoad(sys, { seconds, connections });
    await settle(sys);
    const invariants = await checkInvariants(sys.seeded.client, {
      api: { base: sys.services[0].base, adminToken: sys.users.admin.token, auditorToken: sys.users.auditor.token },
    });
    const { recorder } = run;
    const transport = recorder.transport.length;
    const errors = recorder.errors + transport;
    const { rows, all, conflicts } = endpointRows(recorder, run.seconds);
    const [counts] = (
      await sys.seeded.client.query(`
        SELECT (SELECT count(*)::int FROM application) AS applications, (SELECT count(*)::int FROM award) AS awards,
               (SELECT count(*)::int FROM disbursement WHERE status = 'paid') AS paid, (SELECT count(*)::int FROM award WHERE status = 'closed') AS closed,
               (SELECT count(*)::int FROM application WHERE sla_breached_at IS NOT NULL) AS breached,
               (SELECT count(*)::int FROM application_event WHERE action = 'claim_lapsed') AS lapsed,
               (SELECT count(*)::int FROM follow_up) AS follow_ups`)
    ).rows;
    const scheduler = invariants.checks.filter((c) => /scheduler|version|history/.test(c.name));
    const result = {
      title: 'Load test: mixed workload on two instances (issue 8)',
      columns: COLUMNS,
      rows,
      verdicts: [
        [
          `errors: ${errors} (5xx, timeouts, connection errors, unexpected 4xx or answers against the workflow: ${recorder.errors}; transport: ${transport}); target 0`,
          errors === 0,
        ],
        [
          `${conflicts} expected conflicts, counted apart (409s of two users on one record: ${
            [...recorder.conflictCodes]
              .sort(([, a], [, b]) => b - a)
              .map(([code, n]) => `${code} ${n}`)
              .join(', ') || 'none'
          })`,
          true,
        ],
        [
          `invariants after the run: ${invariants.checks.filter((c) => c.ok).length} of ${invariants.checks.length} checks hold`,
          invariants.ok,
        ],
        [
          `two instances, scheduler every ${SCHEDULER_SECONDS} s on both: no duplicated scheduler work, no lost update (${scheduler
            .map((c) => c.detail)
            .filter(Boolean)
            .join(', ')})`,
          scheduler.every((c) => c.ok),
        ],
      ],
      note:
        `${run.connections} connections for ${fmt(run.seconds, 0)} s (autocannon, loopback), over two instances of the service on one embedded PostgreSQL ` +
        `(${recorder.perService.map((n, i) => `instance ${i + 1}: ${n} answers`).join(', ')}), each with the scheduler every ${SCHEDULER_SECONDS} s. ` +
        `Workload (bench/load.js): NGO cases from registration to submission, information requests answered, officers claiming and deciding, second approvals, ` +
        `tranches with retries, per currency batches, bank files and statements, hand matches of a cent-off line (refused), reports and the audit trail. ` +
        `The clock ran fast for the scheduler (${run.clock.due} due times and ${run.clock.claims} idle claims moved). ` +
        `Result: ${counts.applications} applications, ${counts.awards} awards, ${counts.paid} paid tranches, ${counts.closed} awards closed, ` +
        `${counts.breached} SLA breaches marked, ${counts.lapsed} claims lapsed, ${counts.follow_ups} follow-ups. ` +
        `All requests: ${fmt(all.count / run.seconds)} per second, p50 ${fmt(all.p50)} ms, p99 ${fmt(all.p99)} ms; latencies over every answer, rates per second of the run.`,
      ok: errors === 0 && invariants.ok,
      invariants,
      samples: [...recorder.samples, ...recorder.transport.slice(0, 5).map((t) => `transport (instance ${t.service + 1}): ${t.message}`)],
      elapsed: (Date.now() - t0) / 1000,
    };
    return result;
  } finally {
    await sys.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchLoad();
  const text = benchBlockText(result);
  console.log(text);
  console.log('invariants:');
  printChecks(result.invariants);
  if (result.samples.length) console.log(`first errors:\n  ${result.samples.join('\n  ')}`);
  if (process.env.LOAD_WRITE !== '0') {
    writeBenchBlock('load', text);
    console.log('wrote docs/benchmarks.md');
  }
  console.log(`${result.ok ? 'load test passed' : 'load test FAILED'} in ${fmt(result.elapsed, 0)} s`);
  process.exit(result.ok ? 0 : 1);
}
