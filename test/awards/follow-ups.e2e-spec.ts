import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock/clock.js';
import { SchedulerService } from '../../src/modules/scheduler/scheduler.service.js';
import { approvedAward, type ApprovedAward } from '../helpers/flows.js';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** The booking day on the bank statement that pays the award: ten days before the import, so its follow-ups are still to come. */
const BOOKED = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
const DAY = 86_400_000;

describe('follow-ups', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  const as = (who: string) => api(t).as(tok[who]);
  const at = (ms: number) => jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(ms));
  let award: ApprovedAward;
  let paidOn: string;

  /** An award paid in full through a batch and a bank statement: it closes. */
  const paidAward = async () => {
    const { award: a } = await approvedAward(t);
    const d = await as('finance').post(
      '/disbursements',
      { awardId: a.id, amount: '57000.50', method: 'bank_transfer', payee: null },
      { idempotencyKey: randomUUID() },
    );
    const batch = await as('finance').post('/payment-batches', { disbursementIds: [d.body.id] });
    await as('finance').post(`/payment-batches/${batch.body.id}/sent`);
    await as('finance').post(
      '/bank-statements',
      `bookingDate,amount,currency,reference,counterparty,bankTransactionId\n${BOOKED},-57000.50,KZT,${d.body.paymentReference},NGO,TX-${randomUUID()}\n`,
      { contentType: 'text/csv' },
    );
    expect((await as('finance').get(`/awards/${a.id}`)).body.status).toBe('closed');
    return a;
  };
  /** As PostgreSQL adds months: the same day, or the month's last day where it has no such day (30 Nov + 3 months = 28 or 29 Feb). */
  const addMonths = (iso: string, months: number) => {
    const [y, m, d] = iso.split('-').map(Number);
    const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
    return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['ngo.kz', 'ngo2.kz', 'officer.kz', 'finance', 'admin'], tok);
    award = await paidAward();
    // follow-ups count from the bank's booking day of the last payment, not from the day the statement was imported
    const [paid] = (await as('finance').get(`/disbursements?awardId=${award.id}`)).body.items;
    expect(paid).toMatchObject({ status: 'paid', paidOn: BOOKED });
    paidOn = BOOKED;
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  afterAll(() => t.close());

  it('creates the 3- and 6-month follow-ups of a paid award exactly once, however often the scheduler runs', async () => {
    const scheduler = t.app.get(SchedulerService);
    const first = await scheduler.followUpsDue();
    expect(first.created).toBeGreaterThanOrEqual(2);
    const [again, atOnce] = await Promise.all([scheduler.followUpsDue(), scheduler.followUpsDue()]);
    expect(again.created + atOnce.created).toBe(0);
    expect((await scheduler.followUpsDue()).created).toBe(0);
    const rows = await t.dataSource.query(
      `SELECT milestone, to_char(due_on, 'YYYY-MM-DD') AS due FROM follow_up WHERE award_id = $1 ORDER BY milestone`,
      [award.id],
    );
    expect(rows).toEqual([
      { milestone: '3m', due: addMonths(paidOn, 3) },
      { milestone: '6m', due: addMonths(paidOn, 6) },
    ]);
    const upcoming = (await as('ngo.kz').get('/follow-ups?status=upcoming')).body.items.filter(
      (f: { awardId: string }) => f.awardId === award.id,
    );
    expect(
      upcoming.map((f: { milestone: string; status: string; awardNumber: string }) => `${f.milestone} ${f.status} ${f.awardNumber}`).sort(),
    ).toEqual([`3m upcoming ${award.number}`, `6m upcoming ${award.number}`]);
    expect((await as('ngo2.kz').get('/follow-ups')).body.items.some((f: { awardId: string }) => f.awardId === award.id)).toBe(false);
  });

  it('tells the NGO once when a follow-up falls due, lists due and overdue ones, and takes the outcome once', async () => {
    const threeMonths = (await t.dataSource.query(`SELECT id FROM follow_up WHERE award_id = $1 AND milestone = '3m'`, [award.id]))[0]
      .id as string;
    const early = await as('ngo.kz').post(`/follow-ups/${threeMonths}`, { contactMade: true });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('FOLLOW_UP_NOT_DUE');

    const due = Date.parse(`${addMonths(paidOn, 3)}T12:00:00Z`);
    at(due);
    const scheduler = t.app.get(SchedulerService);
    expect((await scheduler.followUpsDue()).announced).toBeGreaterThanOrEqual(1);
    expect((await scheduler.followUpsDue()).announced).toBe(0);
    const notices = (await as('ngo.kz').get('/notifications?limit=100')).body.items.filter(
      (n: { kind: string; text: string }) => n.kind === 'follow_up_due' && n.text.startsWith(award.number),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0].text).toContain('3-month follow-up is due');
    expect((await as('ngo.kz').get('/follow-ups?status=due')).body.items.map((f: { id: string }) => f.id)).toContain(threeMonths);

    at(due + 40 * DAY);
    expect(
      (await as('ngo.kz').get('/follow-ups?status=overdue')).body.items.map((f: { id: string; status: string }) => [f.id, f.status]),
    ).toContainEqual([threeMonths, 'overdue']);

    const bad = await as('ngo.kz').post(`/follow-ups/${threeMonths}`, { contactMade: 'yes', incomeChange: 'much', referredOthers: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['contactMade', 'incomeChange', 'referredOthers']);
    expect((await as('ngo2.kz').post(`/follow-ups/${threeMonths}`, { contactMade: true })).status).toBe(404);
    expect((await as('officer.kz').post(`/follow-ups/${threeMonths}`, { contactMade: true })).status).toBe(403);
    expect((await as('ngo.kz').post(`/follow-ups/${threeMonths}`, { version: 7, contactMade: true })).body.code).toBe('VERSION_CONFLICT');

    const done = await as('ngo.kz').post(`/follow-ups/${threeMonths}`, {
      contactMade: true,
      livelihoodOperating: true,
      incomeChange: 'higher',
      livingStandard: 'better',
      intendsToMigrate: false,
      referredOthers: 2,
      note: 'The bakery sells bread to two schools.',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      incomeChange: 'higher',
      referredOthers: 2,
      note: 'The bakery sells bread to two schools.',
    });
    expect((await as('ngo.kz').post(`/follow-ups/${threeMonths}`, { contactMade: true })).body.code).toBe('FOLLOW_UP_RECORDED');
    expect((await as('officer.kz').get('/follow-ups?status=completed')).body.items.map((f: { id: string }) => f.id)).toContain(threeMonths);
    // one follow-up by its id, with the answers, for its NGO and the country's staff; 404 outside
    const one = await as('ngo.kz').get(`/follow-ups/${threeMonths}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: threeMonths,
      awardId: award.id,
      awardNumber: award.number,
      milestone: '3m',
      dueOn: addMonths(paidOn, 3),
      status: 'completed',
      contactMade: true,
      livingStandard: 'better',
      intendsToMigrate: false,
      version: 2,
    });
    for (const who of ['officer.kz', 'admin']) expect((await as(who).get(`/follow-ups/${threeMonths}`)).status).toBe(200);
    expect((await as('ngo2.kz').get(`/follow-ups/${threeMonths}`)).status).toBe(404);
    expect((await as('ngo.kz').get(`/follow-ups/${randomUUID()}`)).status).toBe(404);
    expect((await as('ngo.kz').get('/follow-ups/not-a-uuid')).status).toBe(400);
    // the follow-ups of one award, whatever their state
    const ofAward = (await as('ngo.kz').get(`/follow-ups?awardId=${award.id}`)).body.items as { milestone: string; status: string }[];
    expect(ofAward.map((f) => `${f.milestone} ${f.status}`).sort()).toEqual(['3m completed', '6m upcoming']);
    expect((await as('ngo2.kz').get(`/follow-ups?awardId=${award.id}`)).body.items).toEqual([]);
    expect((await as('ngo.kz').get('/follow-ups?awardId=nope')).status).toBe(400);
    const audit = (await as('admin').get(`/audit-events?entityType=follow_up&entityId=${threeMonths}`)).body.items;
    expect(JSON.stringify(audit)).not.toContain('bakery');
  });
});
