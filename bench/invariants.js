// The invariants of the whole system, checked on a database after a load or a crash (bench/load.js,
// scripts/fault.mjs). Each check is SQL over the tables the service wrote, plus two API answers (the
// fund figures and the audit chain verification), and names what it found when it fails:
//   - every application is in a legal state, its history is a legal path whose last step is its
//     status, and its version counts its changes (no lost update);
//   - awards: one per approved application, numbers, application and payment references gapless
//     per country and year, never twice;
//   - money: per fund budget = committed + disbursed + available, each the sum of the ledger (and the
//     fund's kept `available` equal to it),
//     committed what the awards hold, disbursed what was paid, nothing negative; no award planned
//     beyond its amount, no disbursement paid twice, one disbursement per idempotency key, an award
//     closed when it is paid in full (or closed by hand, audited), with nothing committed once closed;
//   - the scheduler's work done once: one notice per user and key, one scheduler run per SLA breach
//     and per lapsed claim, two follow-ups per closed award, one rendering per letter;
//   - the audit chain intact (GET /audit-events/verify).
import { request } from './lib.js';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'ineligible',
  'in_review',
  'info_requested',
  'pending_second_approval',
  'approved',
  'rejected',
  'withdrawn',
];

const EDITABLE = ['draft', 'ineligible', 'info_requested'];
const WAIVABLE = ['ineligible', 'submitted', 'in_review', 'info_requested', 'pending_second_approval'];

/** Every step an application's history may hold: action → allowed [from, to] pairs (SPEC section 3). */
const STEPS = {
  create: [[null, 'draft']],
  submit: [
    ['draft', 'submitted'],
    ['draft', 'ineligible'],
  ],
  resubmit: ['ineligible', 'info_requested'].flatMap((from) => [
    [from, 'submitted'],
    [from, 'ineligible'],
  ]),
  edit: EDITABLE.map((s) => [s, s]),
  withdraw: ['draft', 'submitted', 'ineligible', 'info_requested'].map((from) => [from, 'withdrawn']),
  waive: [...WAIVABLE.map((s) => [s, s]), ['ineligible', 'submitted']],
  claim: [['submitted', 'in_review']],
  release: [['in_review', 'submitted']],
  claim_lapsed: [['in_review', 'submitted']],
  reassign: [
    ['submitted', 'in_review'],
    ['in_review', 'in_review'],
  ],
  approve: [
    ['in_review', 'approved'],
    ['in_review', 'pending_second_approval'],
  ],
  second_approve: [['pending_second_approval', 'approved']],
  reject: [
    ['in_review', 'rejected'],
    ['pending_second_approval', 'rejected'],
  ],
  request_info: [['in_review', 'info_requested']],
};

const legalStep = (e) => (STEPS[e.action] ?? []).some(([from, to]) => from === e.from_status && to === e.to_status);

/**
 * Puts one application's events in the order they happened. They are sorted by time; events of the
 * same millisecond are ordered so that each starts where the previous one ended.
 */
function ordered(events) {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const out = [];
  let current = null;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j < sorted.length && sorted[j].at === sorted[i].at) j++;
    const tie = sorted.slice(i, j);
    while (tie.length) {
      const k = Math.max(
        0,
        tie.findIndex((e) => e.from_status === current),
      );
      const [next] = tie.splice(k, 1);
      out.push(next);
      current = next.to_status;
    }
    i = j;
  }
  return out;
}

/** `AWD-KZ-2026-00042` → scope AWD, country KZ, year 2026, number 42. */
function parseNumber(text) {
  const m = /^([A-Z]+)-([A-Z]{2})-(\d{4})-(\d+)$/.exec(text ?? '');
  return m ? { scope: m[1], country: m[2], year: Number(m[3]), n: Number(m[4]) } : null;
}

/**
 * Runs every check. `api` ({ base, adminToken, auditorToken }) adds the fund figures and the audit
 * chain as the API reports them. `settled`: the scheduler had time to finish (every closed award
 * has its follow-ups, every letter is issued). Returns { ok, checks: [{ name, ok, detail }] }.
 */
export async function checkInvariants(client, options = {}) {
  // one snapshot for every query: the schedulers may still run while the checks read
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    return await runChecks(client, options);
  } finally {
    await client.query('COMMIT');
  }
}

async function runChecks(client, { api, settled = true }) {
  const checks = [];
  const check = (name, problems, counted = '') => {
    const list = problems.filter(Boolean);
    checks.push({
      name,
      ok: list.length === 0,
      detail: list.length ? list.slice(0, 5).join('; ') + (list.length > 5 ? `; … ${list.length - 5} more` : '') : counted,
    });
  };
  const q = async (sql, params) => (await client.query(sql, params)).rows;

  // applications: legal states, legal histories, the last step is the status, versions count changes
  const apps = await q(`SELECT id, reference, status, version, claimed_by, decided_at FROM application`);
  const events = await q(
    `SELECT application_id, action, from_status, to_status, (extract(epoch FROM created_at) * 1000)::bigint AS at FROM application_event`,
  );
  const byApp = new Map();
  for (const e of events) {
    e.at = Number(e.at);
    if (!byApp.has(e.application_id)) byApp.set(e.application_id, []);
    byApp.get(e.application_id).push(e);
  }
  const stateProblems = [];
  const historyProblems = [];
  const versionProblems = [];
  for (const a of apps) {
    if (!APPLICATION_STATUSES.includes(a.status)) stateProblems.push(`${a.id} is in "${a.status}"`);
    if ((a.status === 'in_review') !== (a.claimed_by !== null))
      stateProblems.push(`${a.reference ?? a.id}: ${a.status} with claimed_by ${a.claimed_by}`);
    if (['approved', 'rejected'].includes(a.status) !== (a.decided_at !== null))
      stateProblems.push(`${a.reference ?? a.id}: ${a.status} with decided_at ${a.decided_at}`);
    const history = ordered(byApp.get(a.id) ?? []);
    let at = null;
    for (const e of history) {
      if (e.from_status !== at) historyProblems.push(`${a.reference ?? a.id}: "${e.action}" from ${e.from_status} after reaching ${at}`);
      else if (!legalStep(e)) historyProblems.push(`${a.reference ?? a.id}: illegal step ${e.action} ${e.from_status} → ${e.to_status}`);
      at = e.to_status;
    }
    if (at !== a.status) historyProblems.push(`${a.reference ?? a.id}: status ${a.status}, last event leads to ${at}`);
    // every event but a waiver that moved nothing raised the version by one (create wrote 1)
    const changes = history.filter((e) => !(e.action === 'waive' && e.from_status === e.to_status)).length;
    if (a.version !== changes) versionProblems.push(`${a.reference ?? a.id}: version ${a.version}, ${changes} recorded changes`);
  }
  check(
    'every application is in a legal state (claimed only in review, decided only when approved or rejected)',
    stateProblems,
    `${apps.length} applications`,
  );
  check('every history is a legal path of the state machine and ends in the current status', historyProblems, `${events.length} events`);
  check('every version counts the recorded changes (no lost update)', versionProblems);

  // awards: one per approved application, for an approved application
  const [awardCounts] = await q(`
    SELECT (SELECT count(*)::int FROM application WHERE status = 'approved') AS approved,
           (SELECT count(*)::int FROM award) AS awards,
           (SELECT count(*)::int FROM award w JOIN application a ON a.id = w.application_id WHERE a.status <> 'approved') AS of_unapproved,
           (SELECT count(*)::int FROM (SELECT application_id FROM award GROUP BY 1 HAVING count(*) > 1) x) AS twice,
           (SELECT count(*)::int FROM award w JOIN application a ON a.id = w.application_id WHERE w.letter_version = 1 AND w.amount <> a.approved_total) AS amount_differs`);
  check(
    'one award per approved application, of the approved amount',
    [
      awardCounts.approved !== awardCounts.awards && `${awardCounts.approved} approved applications, ${awardCounts.awards} awards`,
      awardCounts.of_unapproved && `${awardCounts.of_unapproved} awards of applications not approved`,
      awardCounts.twice && `${awardCounts.twice} applications with more than one award`,
      awardCounts.amount_differs && `${awardCounts.amount_differs} awards differ from the approved total`,
    ],
    `${awardCounts.awards} awards`,
  );

  // numbers: gapless from 1 per country and year, each once, in step with the counters
  const counters = new Map(
    (await q(`SELECT scope, country, year, last_number FROM reference_counter`)).map((r) => [
      `${r.scope}-${r.country}-${r.year}`,
      r.last_number,
    ]),
  );
  const numberProblems = [];
  const series = [
    ['EF', await q(`SELECT reference AS number FROM application WHERE reference IS NOT NULL`)],
    ['AWD', await q(`SELECT number FROM award`)],
    ['PAY', await q(`SELECT payment_reference AS number FROM disbursement`)],
  ];
  let numbered = 0;
  for (const [scope, rows] of series) {
    const groups = new Map();
    for (const { number } of rows) {
      const p = parseNumber(number);
      if (!p || p.scope !== scope) {
        numberProblems.push(`malformed ${scope} number ${number}`);
        continue;
      }
      const key = `${scope}-${p.country}-${p.year}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(p.n);
    }
    for (const [key, ns] of groups) {
      numbered += ns.length;
      const distinct = new Set(ns);
      if (distinct.size !== ns.length) numberProblems.push(`${key}: ${ns.length - distinct.size} numbers used twice`);
      const max = Math.max(...ns);
      if (max !== distinct.size) numberProblems.push(`${key}: ${distinct.size} numbers up to ${max} (a gap)`);
      if (counters.get(key) !== max) numberProblems.push(`${key}: counter at ${counters.get(key)}, highest number ${max}`);
    }
  }
  check(
    'application references, award numbers and payment references are gapless per country and year, none twice',
    numberProblems,
    `${numbered} numbers`,
  );

  // money: the ledger per fund
  const funds = await q(`
    SELECT f.id, f.country, f.available::text AS kept_available,
           COALESCE((SELECT sum(budget_delta) FROM fund_ledger_entry e WHERE e.fund_id = f.id), 0)::text AS budget,
           COALESCE((SELECT sum(committed_delta) FROM fund_ledger_entry e WHERE e.fund_id = f.id), 0)::text AS committed,
           COALESCE((SELECT sum(disbursed_delta) FROM fund_ledger_entry e WHERE e.fund_id = f.id), 0)::text AS disbursed,
           COALESCE((SELECT sum(committed) FROM award w WHERE w.fund_id = f.id), 0)::text AS awards_committed,
           COALESCE((SELECT sum(amount) FROM disbursement d WHERE d.fund_id = f.id AND d.status = 'paid'), 0)::text AS paid
      FROM fund f ORDER BY f.country`);
  const cents = (v) => Math.round(Number(v) * 100);
  const moneyProblems = [];
  for (const f of funds) {
    const available = cents(f.budget) - cents(f.committed) - cents(f.disbursed);
    if (available < 0) moneyProblems.push(`${f.country}: available ${available / 100}`);
    if (cents(f.kept_available) !== available)
      moneyProblems.push(`${f.country}: the fund keeps ${f.kept_available} available, the ledger says ${available / 100}`);
    if (cents(f.committed) < 0 || cents(f.disbursed) < 0)
      moneyProblems.push(`${f.country}: committed ${f.committed}, disbursed ${f.disbursed}`);
    if (cents(f.committed) !== cents(f.awards_committed))
      moneyProblems.push(`${f.country}: ledger committed ${f.committed}, awards hold ${f.awards_committed}`);
    if (cents(f.disbursed) !== cents(f.paid))
      moneyProblems.push(`${f.country}: ledger disbursed ${f.disbursed}, paid disbursements ${f.paid}`);
    if (api) {
      const res = await request(api.base, 'GET', `/funds/${f.id}`, undefined, api.adminToken);
      const l = res.body?.ledger;
      if (res.status !== 200 || !l) moneyProblems.push(`${f.country}: GET /funds/:id answered ${res.status}`);
      else {
        if ([l.budget, l.committed, l.disbursed].map(cents).join() !== [f.budget, f.committed, f.disbursed].map(cents).join()) {
          moneyProblems.push(
            `${f.country}: API ${l.budget}/${l.committed}/${l.disbursed}, ledger ${f.budget}/${f.committed}/${f.disbursed}`,
          );
        }
        if (cents(l.budget) !== cents(l.committed) + cents(l.disbursed) + cents(l.available))
          moneyProblems.push(`${f.country}: API budget ≠ committed + disbursed + available`);
      }
    }
  }
  check(
    'per fund: budget = committed + disbursed + available, each the ledger sum (the fund keeps the same available); committed = awards, disbursed = paid; none negative',
    moneyProblems,
    `${funds.length} funds`,
  );

  const [pay] = await q(`
    SELECT (SELECT count(*)::int FROM award w WHERE (SELECT COALESCE(sum(amount), 0) FROM disbursement d WHERE d.award_id = w.id AND d.status <> 'cancelled') > w.amount) AS over_planned,
           (SELECT count(*)::int FROM award w WHERE w.committed < 0) AS negative_commitment,
           (SELECT count(*)::int FROM (SELECT e.ref_id FROM fund_ledger_entry e WHERE e.kind = 'pay'
                                        AND NOT EXISTS (SELECT 1 FROM fund_ledger_entry r WHERE r.reverses_id = e.id) GROUP BY 1 HAVING count(*) > 1) x) AS paid_twice,
           (SELECT count(*)::int FROM disbursement d WHERE d.status = 'paid' AND (SELECT count(*) FROM fund_ledger_entry e WHERE e.kind = 'pay' AND e.ref_id = d.id
                                        AND NOT EXISTS (SELECT 1 FROM fund_ledger_entry r WHERE r.reverses_id = e.id)) <> 1) AS paid_without_one_entry,
           (SELECT count(*)::int FROM (SELECT disbursement_id FROM bank_statement_line WHERE status = 'matched' GROUP BY 1 HAVING count(*) > 1) x) AS matched_twice,
           (SELECT count(*)::int FROM bank_statement_line l JOIN disbursement d ON d.id = l.disbursement_id WHERE l.status = 'matched' AND d.status <> 'paid') AS matched_unpaid,
           (SELECT count(*)::int FROM disbursement d WHERE d.status = 'paid' AND NOT EXISTS (SELECT 1 FROM bank_statement_line l WHERE l.disbursement_id = d.id AND l.status = 'matched')) AS paid_unmatched,
           (SELECT count(*)::int FROM (SELECT payment_reference FROM disbursement GROUP BY 1 HAVING count(*) > 1) x) AS reference_twice,
           (SELECT count(*)::int FROM disbursement) AS disbursements,
           (SELECT count(DISTINCT response_body->>'id')::int FROM idempotency_key WHERE response_body->>'id' IN (SELECT id::text FROM disbursement)) AS keyed,
           (SELECT count(*)::int FROM (SELECT response_body->>'id' FROM idempotency_key WHERE response_body->>'id' IN (SELECT id::text FROM disbursement) GROUP BY 1 HAVING count(*) > 1) x) AS two_keys,
           (SELECT count(*)::int FROM award w WHERE w.status = 'active' AND w.amount > 0
               AND w.amount = (SELECT COALESCE(sum(amount), 0) FROM disbursement d WHERE d.award_id = w.id AND d.status = 'paid')) AS paid_not_closed,
           (SELECT count(*)::int FROM award w WHERE w.status = 'closed'
               AND w.amount <> (SELECT COALESCE(sum(amount), 0) FROM disbursement d WHERE d.award_id = w.id AND d.status = 'paid')
               AND NOT EXISTS (SELECT 1 FROM audit_event e WHERE e.entity_type = 'award' AND e.entity_id = w.id AND e.action = 'award.close')) AS closed_not_paid,
           (SELECT count(*)::int FROM award w WHERE w.status = 'closed' AND w.committed <> 0) AS closed_committed`);
  check(
    'no award planned beyond its amount, no disbursement paid twice, one key per disbursement, awards closed when paid in full or by hand, with nothing committed',
    [
      pay.over_planned && `${pay.over_planned} awards with tranches over their amount`,
      pay.negative_commitment && `${pay.negative_commitment} awards with a negative commitment`,
      pay.paid_twice && `${pay.paid_twice} disbursements paid twice on the ledger`,
      pay.paid_without_one_entry && `${pay.paid_without_one_entry} paid disbursements without exactly one payment entry`,
      pay.matched_twice && `${pay.matched_twice} disbursements matched by two statement lines`,
      pay.matched_unpaid && `${pay.matched_unpaid} matched lines of unpaid disbursements`,
      pay.paid_unmatched && `${pay.paid_unmatched} paid disbursements without a matched line`,
      pay.reference_twice && `${pay.reference_twice} payment references used twice`,
      pay.keyed !== pay.disbursements && `${pay.disbursements} disbursements, ${pay.keyed} created through an idempotency key`,
      pay.two_keys && `${pay.two_keys} disbursements answered under two keys`,
      pay.paid_not_closed && `${pay.paid_not_closed} awards paid in full but still active`,
      pay.closed_not_paid && `${pay.closed_not_paid} closed awards neither paid in full nor closed by hand`,
      pay.closed_committed && `${pay.closed_committed} closed awards with money still committed`,
    ],
    `${pay.disbursements} disbursements`,
  );

  // the scheduler: each piece of work once, none lost
  const [notices] = await q(
    `SELECT count(*)::int AS twice FROM (SELECT 1 FROM notification WHERE dedupe_key IS NOT NULL GROUP BY user_id, dedupe_key HAVING count(*) > 1) x`,
  );
  const breachRuns = await q(`
    WITH runs AS (SELECT jsonb_array_elements_text(after->'applications') AS id FROM audit_event WHERE action = 'scheduler.sla_breached'),
         keys AS (SELECT application_id::text AS id, dedupe_key, count(*)::int AS recipients FROM notification WHERE kind = 'sla_breached' GROUP BY 1, 2)
    SELECT a.id, a.reference, a.country, a.sla_breached_at IS NOT NULL AS breached,
           (SELECT count(*)::int FROM runs WHERE runs.id = a.id::text) AS runs,
           (SELECT count(*)::int FROM keys WHERE keys.id = a.id::text) AS keys,
           (SELECT min(recipients)::int FROM keys WHERE keys.id = a.id::text) AS fewest,
           (SELECT count(*)::int FROM app_user u WHERE u.role = 'officer' AND u.status = 'active' AND a.country = ANY(u.countries)) AS officers
      FROM application a
     WHERE a.sla_breached_at IS NOT NULL OR EXISTS (SELECT 1 FROM runs WHERE runs.id = a.id::text)`);
  const breachProblems = [notices.twice && `${notices.twice} (user, key) notices written twice`];
  for (const b of breachRuns) {
    if (b.runs !== b.keys) breachProblems.push(`${b.reference}: marked by ${b.runs} scheduler runs for ${b.keys} breaches`);
    if (b.keys && b.fewest !== b.officers) breachProblems.push(`${b.reference}: a breach told ${b.fewest} of ${b.officers} officers`);
    if (b.breached && !b.keys) breachProblems.push(`${b.reference}: breached, nobody told`);
  }
  const lapses = await q(`
    WITH runs AS (SELECT jsonb_array_elements_text(after->'applications') AS id FROM audit_event WHERE action = 'scheduler.claims_lapsed')
    SELECT a.id, a.reference,
           (SELECT count(*)::int FROM application_event e WHERE e.application_id = a.id AND e.action = 'claim_lapsed') AS events,
           (SELECT count(*)::int FROM runs WHERE runs.id = a.id::text) AS runs,
           (SELECT count(DISTINCT dedupe_key)::int FROM notification n WHERE n.application_id = a.id AND n.kind = 'claim_lapsed') AS notices
      FROM application a
     WHERE EXISTS (SELECT 1 FROM application_event e WHERE e.application_id = a.id AND e.action = 'claim_lapsed') OR EXISTS (SELECT 1 FROM runs WHERE runs.id = a.id::text)`);
  for (const l of lapses) {
    if (l.events !== l.runs || l.events !== l.notices)
      breachProblems.push(`${l.reference}: ${l.events} lapse events, ${l.runs} scheduler runs, ${l.notices} notices`);
  }
  const [follow] = await q(`
    SELECT (SELECT count(*)::int FROM (SELECT 1 FROM follow_up GROUP BY award_id, milestone HAVING count(*) > 1) x) AS twice,
           (SELECT count(*)::int FROM follow_up f JOIN award w ON w.id = f.award_id WHERE w.status <> 'closed') AS of_open,
           (SELECT count(*)::int FROM award w WHERE w.status = 'closed' AND (SELECT count(DISTINCT milestone) FROM follow_up f WHERE f.award_id = w.id) <> 2) AS missing,
           (SELECT count(*)::int FROM follow_up) AS total`);
  breachProblems.push(
    follow.twice && `${follow.twice} follow-ups created twice`,
    follow.of_open && `${follow.of_open} follow-ups of awards not closed`,
    settled && follow.missing && `${follow.missing} closed awards without their two follow-ups`,
  );
  const [letters] = await q(`
    SELECT (SELECT count(*)::int FROM award w WHERE (SELECT count(*) FROM award_letter l WHERE l.award_id = w.id AND l.version = w.letter_version AND l.language = w.language) <> 1) AS not_one,
           (SELECT count(*)::int FROM award_letter WHERE status <> 'issued') AS pending,
           (SELECT count(*)::int FROM (SELECT entity_id FROM audit_event WHERE action = 'letter.issue' GROUP BY 1 HAVING count(*) > 1) x) AS rendered_twice,
           (SELECT count(*)::int FROM stored_file s WHERE NOT EXISTS (SELECT 1 FROM award_letter l WHERE l.file_key = s.id)
                                                    AND NOT EXISTS (SELECT 1 FROM application_document d WHERE d.storage_key = s.id::text)) AS orphan_files,
           (SELECT count(*)::int FROM award_letter WHERE status = 'issued') AS issued`);
  breachProblems.push(
    letters.not_one && `${letters.not_one} awards without exactly one letter of their current version`,
    settled && letters.pending && `${letters.pending} letters not issued`,
    letters.rendered_twice && `${letters.rendered_twice} letters issued twice`,
    letters.orphan_files && `${letters.orphan_files} stored files nothing points to (a letter rendered twice)`,
  );
  check(
    'scheduler work done once: notices, SLA breaches, lapsed claims, follow-ups, letters',
    breachProblems,
    `${breachRuns.length} breached, ${lapses.length} lapsed, ${follow.total} follow-ups, ${letters.issued} letters`,
  );

  if (api) {
    const res = await request(api.base, 'GET', '/audit-events/verify', undefined, api.auditorToken);
    check(
      'audit chain intact (GET /audit-events/verify)',
      [res.status !== 200 ? `verify answered ${res.status}` : !res.body.valid && `broken at ${JSON.stringify(res.body.brokenAt)}`],
      res.status === 200 ? `${res.body.checked} events in ${res.body.chains} chains` : '',
    );
  }
  return { ok: checks.every((c) => c.ok), checks };
}

/** One line per check, for the console. */
export function printChecks({ checks }) {
  for (const c of checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? ` (${c.detail})` : ''}`);
}
