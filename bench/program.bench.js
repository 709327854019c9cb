// Program benchmark: the documented program end to end over HTTP, 2,708 awards over the five country
// funds, each one person registered, draft created, submitted, claimed and approved, eight clients at
// a time. Target: under 45 s. The EF results report must then count exactly these awards.
import { fmt, login, request, startService, summarise } from './lib.js';
import { COUNTRIES, approve, claim, createDraft, demoUsers, inParallel, raiseBudgets, registerBeneficiary, submit } from './workload.js';

const CLIENTS = 8;

/** Awards per country, category and sex: KZ is the documented table; the other four are assumed (two-thirds male, VOT/VM half and half). */
function distribution() {
  const assumed = (total) => {
    const male = Math.round((total * 2) / 3);
    const female = total - male;
    return {
      VOT: { male: Math.round(male / 2), female: Math.round(female / 2) },
      VM: { male: male - Math.round(male / 2), female: female - Math.round(female / 2) },
    };
  };
  return {
    KZ: { VOT: { male: 194, female: 104 }, VM: { male: 146, female: 107 } },
    KG: assumed(776),
    TJ: assumed(622),
    UZ: assumed(599),
    TM: assumed(160),
  };
}

const STEP_LABELS = {
  register: 'register: POST /beneficiaries',
  create: 'create: POST /applications',
  submit: 'submit: POST /applications/:id/submit',
  claim: 'claim: POST /applications/:id/claim',
  approve: 'approve: POST /applications/:id/decisions',
};
const STEPS = Object.keys(STEP_LABELS);

export async function benchProgram() {
  const service = await startService();
  try {
    const { base } = service;
    const admin = await login(base, 'admin@example.org');
    await raiseBudgets(base, admin, 5_000_000);
    const users = {};
    for (const country of COUNTRIES) users[country] = await demoUsers(base, country);

    const table = distribution();
    // the awards of each country, then interleaved over the countries in proportion
    const awards = Object.entries(table).flatMap(([country, byCategory]) => {
      const list = Object.entries(byCategory).flatMap(([category, bySex]) =>
        Object.entries(bySex).flatMap(([sex, n]) => Array.from({ length: n }, () => ({ country, category, sex }))),
      );
      return list.map((a, i) => ({ ...a, order: (i + 0.5) / list.length, i }));
    });
    awards.sort((a, b) => a.order - b.order);

    const times = Object.fromEntries(STEPS.map((s) => [s, []]));
    const flows = [];
    let errors = 0;
    const timed = async (step, call, status) => {
      const t0 = performance.now();
      const res = await call();
      times[step].push(performance.now() - t0);
      if (res.status !== status) throw new Error(`${step}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const t0 = performance.now();
    await inParallel(awards, CLIENTS, async ({ country, category, sex, i }) => {
      const ngo = users[country].ngos[i % 2];
      const officer = users[country].officers[i % 2];
      const started = performance.now();
      try {
        const person = await timed('register', () => registerBeneficiary(base, ngo, { category, sex }), 201);
        let app = await timed('create', () => createDraft(base, ngo, person.id, country, i), 201);
        app = await timed('submit', () => submit(base, ngo, app), 200);
        app = await timed('claim', () => claim(base, officer, app), 200);
        app = await timed('approve', () => approve(base, officer, app), 200);
        if (app.status !== 'approved') throw new Error(`approve: ${app.status}`);
        flows.push(performance.now() - started);
      } catch (e) {
        errors++;
        if (errors <= 3) console.error(e instanceof Error ? e.message : e);
      }
    });
    const seconds = (performance.now() - t0) / 1000;

    // the report must show the work: the KZ table and the grand total
    const report = await request(base, 'GET', '/reports/ef-results?unit=awards', undefined, admin);
    if (report.status !== 200) throw new Error(`ef-results: ${report.status}`);
    const row = (country, category) => report.body.rows.find((r) => r.country === country && r.category === category);
    for (const [category, bySex] of Object.entries(table.KZ)) {
      for (const [sex, n] of Object.entries(bySex)) {
        if (row('KZ', category)?.[sex] !== n)
          throw new Error(`ef-results KZ ${category} ${sex}: ${row('KZ', category)?.[sex]}, expected ${n}`);
      }
    }
    const total = row('ALL', 'ALL')?.total;
    if (total !== awards.length) throw new Error(`ef-results grand total: ${total}, expected ${awards.length}`);

    const flow = summarise(flows);
    const rows = [
      ['award: the five requests', fmt(awards.length / seconds), fmt(seconds), fmt(flow.p50), fmt(flow.p99), errors],
      ...STEPS.map((s) => {
        const t = summarise(times[s]);
        return [STEP_LABELS[s], '', '', fmt(t.p50), fmt(t.p99), ''];
      }),
    ];
    return {
      title: 'Program end to end: 2,708 awards over five funds',
      columns: ['what', 'per second', 'total s', 'p50 ms', 'p99 ms', 'errors'],
      rows,
      verdicts: [
        [`${awards.length} awards in ${fmt(seconds)} s (target < 45 s)`, seconds < 45],
        [`errors: ${errors} (target 0)`, errors === 0],
      ],
      note: `${CLIENTS} clients at a time; per award a new person (POST /beneficiaries), a draft of 240 USD' worth (POST /applications), submit, claim by one of the country's two demo officers, approve, as the country's two demo NGO users and officers in turn. KZ ${Object.values(table.KZ).reduce((n, s) => n + s.male + s.female, 0)} as documented (VOT 194 male, 104 female; VM 146 male, 107 female); KG 776, TJ 622, UZ 599, TM 160 assumed two-thirds male, VOT and VM half each; countries interleaved. Budgets raised first. Checked afterwards: GET /reports/ef-results?unit=awards shows the KZ counts and a grand total of ${awards.length}. Latencies in ms: of the whole award (five requests) and of each step.`,
    };
  } finally {
    await service.stop();
  }
}
