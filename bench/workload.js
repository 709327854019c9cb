// Shared setup of the review benchmarks (approvals, program, details), all through the API: fund
// budgets raised by the admin, extra officers created by the admin, and applications taken through
// register → draft → submit → claim → approve by the demo NGO users and officers.
import { login, request } from './lib.js';

export const COUNTRIES = ['KZ', 'KG', 'TJ', 'TM', 'UZ'];
/** Local units per US dollar, as the demo seed sizes its funds and rules (src/database/seed-data.ts). */
const PER_USD = { KZ: 500, KG: 87, TJ: 11, TM: 3.5, UZ: 12500 };
/** `usd` US dollars in the country's currency, a money string. */
const money = (usd, country) => (Math.round(usd * PER_USD[country] * 100) / 100).toFixed(2);

async function expectStatus(promise, status, what) {
  const res = await promise;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Runs `fn(item, index)` over `items`, `concurrency` at a time; the results in the items' order. */
export async function inParallel(items, concurrency, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/** Sets each demo fund's budget to `usd` US dollars' worth (the seed gives 100,000); returns the funds by country. */
export async function raiseBudgets(base, adminToken, usd) {
  const page = await expectStatus(request(base, 'GET', '/funds?limit=100', undefined, adminToken), 200, 'list funds');
  const funds = {};
  for (const fund of page.items) {
    if (fund.status !== 'open' || !COUNTRIES.includes(fund.country)) continue;
    funds[fund.country] = await expectStatus(
      request(base, 'PATCH', `/funds/${fund.id}`, { budget: money(usd, fund.country), version: fund.version }, adminToken),
      200,
      `raise budget of ${fund.country}`,
    );
  }
  return funds;
}

/** The demo users of a country (password bench-password-1), logged in: its two officers and two NGO case workers. */
export async function demoUsers(base, country) {
  const cc = country.toLowerCase();
  const [officer, officer2, ngo, ngo2] = await Promise.all(
    [`officer.${cc}`, `officer2.${cc}`, `ngo.${cc}`, `ngo2.${cc}`].map((u) => login(base, `${u}@example.org`)),
  );
  return { officers: [officer, officer2], ngos: [ngo, ngo2] };
}

/** Creates `count` officers of `country` as admin and logs them in; returns their tokens. */
export async function createOfficers(base, adminToken, country, count) {
  const cc = country.toLowerCase();
  return inParallel(Array.from({ length: count }), 4, async (_, i) => {
    const email = `bench.officer${i + 1}.${cc}@example.org`;
    const body = { email, password: 'bench-password-1', fullName: `Bench Officer ${i + 1}`, role: 'officer', countries: [country] };
    await expectStatus(request(base, 'POST', '/users', body, adminToken), 201, `create ${email}`);
    return login(base, email);
  });
}

let people = 0;

/** POST /beneficiaries as an NGO user: one new person of the given category and sex. */
export function registerBeneficiary(base, ngoToken, { category = 'VM', sex = 'male' } = {}) {
  const n = people++;
  const year = 1970 + (n % 35);
  return request(
    base,
    'POST',
    '/beneficiaries',
    {
      category,
      sex,
      birthYear: year,
      nationality: ['UZ', 'TJ', 'KG'][n % 3],
      fullName: `Bench Person ${n}`,
      dateOfBirth: `${year}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
      documentNumber: `BP${String(n).padStart(7, '0')}`,
      consent: { givenAt: '2026-01-10', method: 'written' },
    },
    ngoToken,
  );
}

/** POST /applications: a draft of 240 US dollars' worth in two items, below every demo fund's cap and its second-approval threshold (600). */
export function createDraft(base, ngoToken, beneficiaryId, country, n = 0) {
  return request(
    base,
    'POST',
    '/applications',
    {
      beneficiaryId,
      urgency: n % 4 ? 'standard' : 'urgent',
      items: [
        { type: 'documents', description: 'Passport restoration fees', amount: money(150, country) },
        { type: 'social', description: 'Food and hygiene kit for two weeks', amount: money(90, country) },
      ],
      justification: 'Passport withheld by the former employer; stranded without income.',
      stateSupport: { requested: true, agency: 'Migration service', requestedOn: '2026-11-01', outcome: 'refused', note: null },
    },
    ngoToken,
  );
}

export const submit = (base, ngoToken, app) => request(base, 'POST', `/applications/${app.id}/submit`, { version: app.version }, ngoToken);
export const claim = (base, officerToken, app) =>
  request(base, 'POST', `/applications/${app.id}/claim`, { version: app.version }, officerToken);
export const approve = (base, officerToken, app) =>
  request(base, 'POST', `/applications/${app.id}/decisions`, { decision: 'approve', version: app.version }, officerToken);

/**
 * One application per spec `{ country, ngo, officer?, category?, sex? }` (tokens): a new person
 * registered, the draft created and submitted, then claimed by `officer` when given. Throws on any
 * unexpected answer. Returns the applications as last answered (id, version, status…).
 */
export function prepareApplications(base, specs, concurrency = 8) {
  return inParallel(specs, concurrency, async (spec, n) => {
    const person = await expectStatus(registerBeneficiary(base, spec.ngo, spec), 201, 'register beneficiary');
    let app = await expectStatus(createDraft(base, spec.ngo, person.id, spec.country, n), 201, 'create application');
    app = await expectStatus(submit(base, spec.ngo, app), 200, 'submit');
    if (app.status !== 'submitted') throw new Error(`submit: ${app.status} ${JSON.stringify(app.eligibility)}`);
    if (spec.officer) app = await expectStatus(claim(base, spec.officer, app), 200, 'claim');
    return app;
  });
}

/** Approves claimed applications (`[{ app, officer }]`) and returns the approved ones with their award ids. */
export function approveAll(base, claimed, concurrency = 8) {
  return inParallel(claimed, concurrency, async ({ app, officer }) => {
    const approved = await expectStatus(approve(base, officer, app), 200, 'approve');
    if (approved.status !== 'approved') throw new Error(`approve: ${approved.status}`);
    const awards = await expectStatus(request(base, 'GET', `/awards?applicationId=${app.id}`, undefined, officer), 200, 'award');
    if (awards.items.length !== 1) throw new Error(`award of ${app.id}: ${awards.items.length}`);
    return { app: approved, awardId: awards.items[0].id };
  });
}

/** A Prometheus histogram read from GET /metrics: { sum, count } over all its series, or null when absent. */
export async function histogramTotals(base, metricsToken, name) {
  const res = await request(base, 'GET', '/metrics', undefined, metricsToken);
  if (res.status !== 200) throw new Error(`metrics: ${res.status}`);
  let sum = 0;
  let count = 0;
  let found = false;
  for (const line of res.text.split('\n')) {
    const m = /^(\w+?)_(sum|count)(\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    found = true;
    if (m[2] === 'sum') sum += Number(m[4]);
    else count += Number(m[4]);
  }
  return found ? { sum, count } : null;
}
