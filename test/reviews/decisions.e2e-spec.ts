import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock/clock.js';
import { FundsRepository } from '../../src/modules/funds/funds.repository.js';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';

describe('decisions: approve, reject, request_info, four eyes and money safety', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let person = 0;
  const as = (who: string) => api(t).as(tok[who]);
  /** From now on the app's clock reads `ms`: submissions, waits and decisions happen when the test says. */
  const clockAt = (ms: number) => jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(ms));
  const HOUR = 3_600_000;

  /** A submitted application of ngo.<cc> for `amount`. */
  const submitted = async (cc: string, amount = '100.00', fundId?: string) => {
    const who = `ngo.${cc}`;
    const b = await as(who).post('/beneficiaries', {
      category: 'VM',
      sex: 'male',
      birthYear: 1985,
      nationality: 'TJ',
      fullName: `Decision Person ${++person}`,
      dateOfBirth: `1985-0${1 + (person % 9)}-${String(1 + (person % 28)).padStart(2, '0')}`,
      documentNumber: `DP${person}`,
      consent: { givenAt: '2026-11-01', method: 'verbal' },
    });
    expect(b.status).toBe(201);
    const d = await as(who).post('/applications', {
      beneficiaryId: b.body.id,
      urgency: 'standard',
      ...(fundId ? { fundId } : {}),
      items: [{ type: 'legal', description: 'Lawyer fees', amount }],
      stateSupport: { requested: true, outcome: 'refused' },
    });
    expect(d.status).toBe(201);
    const s = await as(who).post(`/applications/${d.body.id}/submit`);
    expect(s.body.status).toBe('submitted');
    return s.body as { id: string; items: { id: string }[]; fundId: string };
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['ngo.kz', 'ngo.kg', 'ngo.tj', 'officer.kz', 'officer2.kz', 'officer.kg', 'officer.tj', 'admin'], tok);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(() => t.close());

  it('runs the whole loop: claim, request_info, NGO edits and resubmits, approve; turnaround leaves the wait out', async () => {
    // 08:00 UTC of the real day, so the demo fund of this year is open at every step
    const now = new Date();
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 8);
    clockAt(start);
    const a = await submitted('kz');
    clockAt(start + HOUR);
    await as('officer.kz').post(`/applications/${a.id}/claim`).expect(200);
    clockAt(start + 2 * HOUR);
    const asked = await as('officer.kz').post(`/applications/${a.id}/decisions`, {
      decision: 'request_info',
      comment: "Please attach the clinic's cost estimate.",
    });
    expect(asked.body).toMatchObject({ status: 'info_requested', claimedBy: null });
    // the NGO answers 3 h 15 min 7 s later: 11,707 s of paused time
    clockAt(start + 5 * HOUR + 15 * 60_000 + 7_000);
    const current = (await as('ngo.kz').get(`/applications/${a.id}`)).body;
    await as('ngo.kz').patch(`/applications/${a.id}`, { version: current.version, justification: 'Estimate attached.' }).expect(200);
    const again = await as('ngo.kz').post(`/applications/${a.id}/submit`);
    expect(again.body.status).toBe('submitted');
    expect(again.body.firstSubmittedAt).toBe(new Date(start).toISOString());
    expect(again.body.lastSubmittedAt).toBe(new Date(start + 5 * HOUR + 15 * 60_000 + 7_000).toISOString());
    // the SLA due time moved by exactly the paused time
    expect(Date.parse(again.body.slaDueAt) - Date.parse(current.slaDueAt)).toBe(11_707_000);
    clockAt(start + 6 * HOUR);
    await as('officer.kz').post(`/applications/${a.id}/claim`).expect(200);
    clockAt(start + 8 * HOUR);
    const approved = await as('officer.kz').post(`/applications/${a.id}/decisions`, {
      decision: 'approve',
      conditions: 'Receipts within 30 days.',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedTotal: '100.00', conditions: 'Receipts within 30 days.' });
    // 8 h from the first submission to the decision, less the 11,707 s the NGO took
    expect(approved.body.decidedAt).toBe(new Date(start + 8 * HOUR).toISOString());
    expect(approved.body.grossTurnaroundSeconds).toBe(28_800);
    expect(approved.body.netTurnaroundSeconds).toBe(28_800 - 11_707);
    const events = (await as('ngo.kz').get(`/applications/${a.id}/events`)).body.items.map((e: { action: string }) => e.action);
    expect(events).toEqual(['create', 'submit', 'claim', 'request_info', 'edit', 'resubmit', 'claim', 'approve']);
    const fund = (await as('admin').get(`/funds/${a.fundId}`)).body;
    expect(fund.ledger.committed).toBe('100.00');
  });

  it("reports median, 90th percentile and maximum turnaround, gross and net of the NGO's waits, of applications decided through HTTP under a controlled clock", async () => {
    // a Tajik fund of its own year: the report's date range then holds these five decisions only; SLA 48 h for standard requests
    const fund = await as('admin').post('/funds', {
      name: 'EF Tajikistan 2031',
      country: 'TJ',
      currency: 'TJS',
      budget: '100000.00',
      periodStart: '2031-01-01',
      periodEnd: '2031-12-31',
      rules: { slaHours: { urgent: 24, standard: 48 } },
    });
    expect(fund.status).toBe(201);
    // hours after the first submission (claimed at 1 h; after a wait, claimed again half an hour after the answer):
    //   A approved at  6, no wait                          gross  6    net  6
    //   B approved at  9, asked at 2, answered at 5.5      gross  9    net  9 - 3.5 =  5.5
    //   C rejected at 30, asked at 4, answered at 27       gross 30    net 30 - 23  =  7
    //   D rejected at 52, no wait                          gross 52    net 52       (due at 48: late)
    //   E approved at 50, asked at 3, answered at 23       gross 50    net 50 - 20  = 30   (due at 48 + 20 = 68)
    // percentile_cont over 5 values: the median is the 3rd; p90 sits at 0.9 × (5 - 1) = 3.6, 60 % of the way from the 4th to the 5th
    //   gross 6, 9, 30, 50, 52:   median 30, p90 50 + 0.6 × (52 - 50) = 51.2, max 52
    //   net 5.5, 6, 7, 30, 52:    median  7, p90 30 + 0.6 × (52 - 30) = 43.2, max 52
    //   within SLA: all but D, 4 of 5 = 80 %
    const plans: { decision: 'approve' | 'reject'; at: number; wait?: [asked: number, answered: number] }[] = [
      { decision: 'approve', at: 6 },
      { decision: 'approve', at: 9, wait: [2, 5.5] },
      { decision: 'reject', at: 30, wait: [4, 27] },
      { decision: 'reject', at: 52 },
      { decision: 'approve', at: 50, wait: [3, 23] },
    ];
    for (const [i, plan] of plans.entries()) {
      // one application every three days from Monday 3 March 2031, each decided before the next is submitted
      const submittedAt = Date.parse('2031-03-03T08:00:00Z') + i * 72 * HOUR;
      const at = (hours: number) => clockAt(submittedAt + hours * HOUR);
      at(0);
      const a = await submitted('tj');
      expect(a.fundId).toBe(fund.body.id); // the open fund of the clock's day, not of the real one
      at(1);
      await as('officer.tj').post(`/applications/${a.id}/claim`).expect(200);
      if (plan.wait) {
        const [asked, answered] = plan.wait;
        at(asked);
        await as('officer.tj')
          .post(`/applications/${a.id}/decisions`, { decision: 'request_info', comment: 'Which court hears the case?' })
          .expect(200);
        at(answered);
        expect((await as('ngo.tj').post(`/applications/${a.id}/submit`)).body.status).toBe('submitted');
        at(answered + 0.5);
        await as('officer.tj').post(`/applications/${a.id}/claim`).expect(200);
      }
      at(plan.at);
      const decided = await as('officer.tj').post(
        `/applications/${a.id}/decisions`,
        plan.decision === 'approve'
          ? { decision: 'approve' }
          : { decision: 'reject', reasonCode: 'STATE_SUPPORT_AVAILABLE', comment: 'Legal aid covers this.' },
      );
      expect(decided.status).toBe(200);
      const paused = plan.wait ? plan.wait[1] - plan.wait[0] : 0;
      expect(decided.body).toMatchObject({
        status: plan.decision === 'approve' ? 'approved' : 'rejected',
        decidedAt: new Date(submittedAt + plan.at * HOUR).toISOString(),
        grossTurnaroundSeconds: plan.at * 3600,
        netTurnaroundSeconds: (plan.at - paused) * 3600,
      });
    }
    clockAt(Date.parse('2031-04-01T12:00:00Z'));
    const report = await as('officer.tj').get('/reports/turnaround?from=2031-03-01&to=2031-03-31');
    expect(report.status).toBe(200);
    const figures = {
      decisions: 5,
      grossHours: { median: 30, p90: 51.2, max: 52 },
      netHours: { median: 7, p90: 43.2, max: 52 },
      withinSlaPercent: 80,
    };
    // overdueNow is left out: it counts whatever else waits in Tajikistan, whatever the dates
    expect(report.body.countries).toEqual([expect.objectContaining({ country: 'TJ', ...figures })]);
    expect(report.body.officers.find((o: { fullName: string }) => o.fullName === 'Firuza Rahimova')).toMatchObject(figures);
  });

  it('rejects with a reason the NGO can read, and names missing fields', async () => {
    const a = await submitted('kz');
    await as('officer.kz').post(`/applications/${a.id}/claim`).expect(200);
    const bad = await as('officer.kz').post(`/applications/${a.id}/decisions`, { decision: 'reject' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['comment', 'reasonCode']);
    const res = await as('officer.kz').post(`/applications/${a.id}/decisions`, {
      decision: 'reject',
      reasonCode: 'STATE_SUPPORT_AVAILABLE',
      comment: 'The akimat covers this.',
    });
    expect(res.body).toMatchObject({
      status: 'rejected',
      decisionReasonCode: 'STATE_SUPPORT_AVAILABLE',
      decisionComment: 'The akimat covers this.',
      claimedBy: null,
    });
    expect((await as('ngo.kz').get(`/applications/${a.id}`)).body.decisionComment).toBe('The akimat covers this.');
    const [{ email }] = await t.dataSource.query(
      'SELECT u.email FROM application a JOIN app_user u ON u.id = a.decided_by WHERE a.id = $1',
      [a.id],
    );
    expect(email).toBe('officer.kz@example.org');
  });

  it.each([
    ['approve', {}],
    ['reject', { reasonCode: 'OUT_OF_SCOPE', comment: 'Not our mandate.' }],
    ['request_info', { comment: 'Which clinic?' }],
  ])('refuses to %s a submitted application nobody claimed with 409 CLAIM_FIRST, changing nothing', async (decision, rest) => {
    const a = await submitted('kz');
    const before = await as('officer.kz').get(`/applications/${a.id}`).expect(200);
    const res = await as('officer.kz').post(`/applications/${a.id}/decisions`, { decision, ...rest });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'CLAIM_FIRST', currentStatus: 'submitted' });
    expect(res.body.message).toMatch(/claim the application before deciding it/i);
    const after = await as('officer.kz').get(`/applications/${a.id}`).expect(200);
    expect(after.body).toMatchObject({ status: 'submitted', version: before.body.version });
  });

  it("lets only the claimant decide, within the officer's countries", async () => {
    const a = await submitted('kz');
    const unclaimed = await as('officer.kz').post(`/applications/${a.id}/decisions`, { decision: 'approve' });
    expect(unclaimed.status).toBe(409);
    expect(unclaimed.body.code).toBe('CLAIM_FIRST');
    await as('officer.kz').post(`/applications/${a.id}/claim`).expect(200);
    const other = await as('officer2.kz').post(`/applications/${a.id}/decisions`, { decision: 'approve' });
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('CLAIMED_BY_ANOTHER');
    expect((await as('officer.kg').post(`/applications/${a.id}/decisions`, { decision: 'approve' })).status).toBe(404);
    const over = await as('officer.kz').post(`/applications/${a.id}/decisions`, {
      decision: 'approve',
      items: [{ itemId: a.items[0].id, approvedAmount: '100.01' }],
    });
    expect(over.status).toBe(400);
    expect(over.body.details[0].field).toBe('items.0.approvedAmount');
  });

  it('answers every decision with the application exactly as a read after it shows it', async () => {
    const same = async (who: string, id: string, answer: { status: number; body: unknown }) => {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual((await as(who).get(`/applications/${id}`)).body);
    };
    // a request for information, with a comment naming the person (blanked in both)
    const asked = await submitted('kz');
    await as('officer.kz').post(`/applications/${asked.id}/claim`).expect(200);
    await same(
      'officer.kz',
      asked.id,
      await as('officer.kz').post(`/applications/${asked.id}/decisions`, {
        decision: 'request_info',
        comment: `Is Decision Person ${person} right?`,
      }),
    );
    // a first approval of part of the amount, then the second
    const big = await submitted('kz', '400000.00');
    await as('officer.kz').post(`/applications/${big.id}/claim`).expect(200);
    const first = await as('officer.kz').post(`/applications/${big.id}/decisions`, {
      decision: 'approve',
      items: [{ itemId: big.items[0].id, approvedAmount: '300000' }],
      conditions: 'Receipts.',
    });
    expect(first.body).toMatchObject({ status: 'pending_second_approval', items: [{ approvedAmount: '300000.00' }] });
    await same('officer.kz', big.id, first);
    const second = await as('officer2.kz').post(`/applications/${big.id}/decisions`, { decision: 'approve', comment: 'Agreed.' });
    expect(second.body).toMatchObject({ status: 'approved', approvedTotal: '300000.00' });
    await same('officer2.kz', big.id, second);
    // one approval below the threshold, and a rejection
    const small = await submitted('kz');
    await as('officer.kz').post(`/applications/${small.id}/claim`).expect(200);
    const approved = await as('officer.kz').post(`/applications/${small.id}/decisions`, {
      decision: 'approve',
      items: [{ itemId: small.items[0].id, approvedAmount: '60.5' }],
    });
    expect(approved.body).toMatchObject({ status: 'approved', approvedTotal: '60.50', items: [{ approvedAmount: '60.50' }] });
    await same('officer.kz', small.id, approved);
    const refused = await submitted('kz');
    await as('officer.kz').post(`/applications/${refused.id}/claim`).expect(200);
    await same(
      'officer.kz',
      refused.id,
      await as('officer.kz').post(`/applications/${refused.id}/decisions`, {
        decision: 'reject',
        reasonCode: 'OUT_OF_SCOPE',
        comment: 'Not ours.',
      }),
    );
  });

  it('needs two different officers at or above the threshold, never a member of the submitting organisation', async () => {
    // KZ demo fund: second approval from 300,000.00 KZT
    const a = await submitted('kz', '300000.00');
    await as('officer.kz').post(`/applications/${a.id}/claim`).expect(200);
    const first = await as('officer.kz').post(`/applications/${a.id}/decisions`, { decision: 'approve', conditions: 'Receipts.' });
    expect(first.body.status).toBe('pending_second_approval');
    const same = await as('officer.kz').post(`/applications/${a.id}/decisions`, { decision: 'approve' });
    expect(same.status).toBe(403);
    expect(same.body.code).toBe('FOUR_EYES');
    // an officer who is a member of the submitting NGO
    const orgId = (await as('admin').get(`/applications/${a.id}`)).body.organisationId;
    const member = await as('admin').post('/users', {
      email: 'member.officer@example.org',
      password: PASSWORD(),
      fullName: 'Member Officer',
      role: 'officer',
      countries: ['KZ'],
      organisationId: orgId,
    });
    expect(member.status).toBe(201);
    tok.member = await t.login('member.officer@example.org');
    const byMember = await as('member').post(`/applications/${a.id}/decisions`, { decision: 'approve' });
    expect(byMember.status).toBe(403);
    const second = await as('officer2.kz').post(`/applications/${a.id}/decisions`, { decision: 'approve' });
    expect(second.body).toMatchObject({ status: 'approved', approvedTotal: '300000.00', conditions: 'Receipts.' });
    // the final decision is the second approver's (the turnaround report groups by it)
    const [{ email }] = await t.dataSource.query(
      'SELECT u.email FROM application a JOIN app_user u ON u.id = a.decided_by WHERE a.id = $1',
      [a.id],
    );
    expect(email).toBe('officer2.kz@example.org');
  });

  it('approves exactly as many as the fund can pay when 50 approvals race: the rest get 409 and the ledger adds up', async () => {
    const admin = as('admin');
    const fund = await admin.post('/funds', {
      name: 'EF Kyrgyzstan small',
      country: 'KG',
      currency: 'KGS',
      budget: '1000.00',
      periodStart: '2032-01-01',
      periodEnd: '2032-12-31',
      rules: { overrides: { FUND_OPEN: 'off', FUND_BALANCE: 'off' } },
    });
    expect(fund.status).toBe(201);
    // 50 officers, each claiming one application of 100.00 KGS: budget for exactly 10
    const officers: string[] = [];
    for (let i = 0; i < 50; i++) {
      const email = `race${i}.kg@example.org`;
      const u = await as('admin').post('/users', {
        email,
        password: PASSWORD(),
        fullName: `Race Officer ${i}`,
        role: 'officer',
        countries: ['KG'],
      });
      expect(u.status).toBe(201);
      tok[email] = await t.login(email);
      officers.push(email);
    }
    const apps = [];
    for (let i = 0; i < 50; i++) {
      const a = await submitted('kg', '100.00', fund.body.id);
      await as(officers[i]).post(`/applications/${a.id}/claim`).expect(200);
      apps.push(a);
    }
    const results = await Promise.all(apps.map((a, i) => as(officers[i]).post(`/applications/${a.id}/decisions`, { decision: 'approve' })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'INSUFFICIENT_FUNDS')).toBe(true);
    const after = (await admin.get(`/funds/${fund.body.id}`)).body;
    expect(after.ledger).toEqual({ budget: '1000.00', committed: '1000.00', disbursed: '0.00', available: '0.00' });
    const [sums] = await t.dataSource.query(
      `SELECT SUM(budget_delta)::text AS budget, SUM(committed_delta)::text AS committed, COUNT(*) FILTER (WHERE kind = 'commit')::int AS commits
         FROM fund_ledger_entry WHERE fund_id = $1`,
      [fund.body.id],
    );
    expect(sums).toEqual({ budget: '1000.00', committed: '1000.00', commits: 10 });
    // the fund's running `available` (what approvals check) is the ledger's sum
    const [{ available }] = await t.dataSource.query(`SELECT available::text FROM fund WHERE id = $1`, [fund.body.id]);
    expect(available).toBe('0.00');
    const [{ approved }] = await t.dataSource.query(
      `SELECT COUNT(*)::int AS approved FROM application WHERE fund_id = $1 AND status = 'approved'`,
      [fund.body.id],
    );
    expect(approved).toBe(10);
    // one award per approval, numbered without gaps
    const awards: { number: string }[] = await t.dataSource.query(`SELECT number FROM award WHERE fund_id = $1 ORDER BY number`, [
      fund.body.id,
    ]);
    const numbers = awards.map((a) => Number(a.number.slice(-5)));
    expect(numbers).toHaveLength(10);
    numbers.forEach((n, i) => expect(n).toBe(numbers[0] + i));
  });

  it('holds the fund for a money movement without making a new draft of that fund wait (the two deadlocked over an audit chain)', async () => {
    const b = await as('ngo.kz').post('/beneficiaries', {
      category: 'VM',
      sex: 'female',
      birthYear: 1990,
      nationality: 'UZ',
      fullName: `Decision Person ${++person}`,
      dateOfBirth: '1990-02-03',
      consent: { givenAt: '2026-11-01', method: 'written' },
    });
    const [{ id: fundId }] = await t.dataSource.query(`SELECT id FROM fund WHERE country = 'KZ'`);
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    let draft: Promise<{ status: number }> | undefined;
    try {
      // what an approval, a tranche or a payment holds until it commits
      await t.app.get(FundsRepository, { strict: false }).lockFundForUpdate(runner.manager, fundId);
      draft = as('ngo.kz')
        .post('/applications', {
          beneficiaryId: b.body.id,
          urgency: 'standard',
          items: [{ type: 'legal', description: 'Lawyer fees', amount: '100.00' }],
        })
        .then((r) => r);
      let timer: NodeJS.Timeout | undefined;
      const answer = await Promise.race([draft, new Promise<null>((r) => (timer = setTimeout(() => r(null), 3000)))]);
      clearTimeout(timer);
      expect(answer?.status).toBe(201);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
      await draft;
    }
  });

  it('notifies the NGO of an information request and a decision, by reference only, and lets them mark notices read', async () => {
    const a = await submitted('kz');
    const ref = (await as('ngo.kz').get(`/applications/${a.id}`)).body.reference;
    await as('officer.kz').post(`/applications/${a.id}/claim`).expect(200);
    await as('officer.kz').post(`/applications/${a.id}/decisions`, { decision: 'request_info', comment: 'Which clinic?' }).expect(200);
    const list = await as('ngo.kz').get('/notifications?unread=true');
    const notice = list.body.items.find(
      (n: { applicationId: string; kind: string }) => n.applicationId === a.id && n.kind === 'info_requested',
    );
    expect(notice.text).toContain(ref);
    expect(notice.text).not.toMatch(/Decision Person/);
    // the NGO answers in the thread: the country's officers hear of it (nobody holds the claim now)
    await as('ngo.kz').post(`/applications/${a.id}/messages`, { body: 'The city clinic.' }).expect(201);
    const officerNotices = (await as('officer2.kz').get('/notifications')).body.items;
    expect(
      officerNotices.some((n: { applicationId: string; kind: string }) => n.applicationId === a.id && n.kind === 'message_received'),
    ).toBe(true);
    // read, and out of reach for others
    const read = await as('ngo.kz').post(`/notifications/${notice.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toBeTruthy();
    expect((await as('officer.kz').post(`/notifications/${notice.id}/read`)).status).toBe(404);
    const unread = (await as('ngo.kz').get('/notifications?unread=true')).body.items;
    expect(unread.some((n: { id: string }) => n.id === notice.id)).toBe(false);
    // a decision: written with it, once, by reference only
    const b = await submitted('kz');
    await as('officer.kz').post(`/applications/${b.id}/claim`).expect(200);
    const approved = await as('officer.kz').post(`/applications/${b.id}/decisions`, { decision: 'approve' });
    expect(approved.body).toMatchObject({ status: 'approved' });
    const decided = (await as('ngo.kz').get('/notifications?unread=true')).body.items.filter(
      (n: { applicationId: string }) => n.applicationId === b.id,
    );
    expect(decided).toEqual([expect.objectContaining({ kind: 'decision_made', text: `${approved.body.reference}: approved.` })]);
  });
});
