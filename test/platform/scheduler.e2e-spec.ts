import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Clock } from '../../src/common/clock/clock.js';
import { SchedulerService } from '../../src/modules/scheduler/scheduler.service.js';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('scheduler: SLA breaches and lapsed claims, with two app instances', () => {
  let one: TestApp;
  let two: TestApp;
  const tok: Record<string, string> = {};
  let person = 0;
  /** The requests go to the first instance. */
  const as = (who: string) => api(one).as(tok[who]);

  const submitted = async (urgency: 'urgent' | 'standard') => {
    const ngo = as('ngo.kz');
    const b = await ngo.post('/beneficiaries', {
      category: 'VM',
      sex: 'female',
      birthYear: 1990,
      nationality: 'KG',
      fullName: `Clock Person ${++person}`,
      dateOfBirth: `1990-03-${String(person).padStart(2, '0')}`,
      consent: { givenAt: '2026-11-01', method: 'written' },
    });
    const d = await ngo.post('/applications', {
      beneficiaryId: b.body.id,
      urgency,
      items: [{ type: 'social', description: 'Food kit', amount: '50.00' }],
      stateSupport: { requested: true, outcome: 'no_response' },
    });
    const s = await ngo.post(`/applications/${d.body.id}/submit`, {});
    expect(s.body.status).toBe('submitted');
    return s.body as { id: string; slaDueAt: string; reference: string };
  };

  /** Both instances' clocks moved to the same instant. */
  const moveClocks = (to: Date) => {
    for (const app of [one, two]) jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(to);
  };

  beforeAll(async () => {
    one = await createTestApp();
    two = await createTestApp({}, { databaseUrl: one.databaseUrl });
    await loginAll(one, ['ngo.kz', 'officer.kz', 'officer2.kz'], tok);
  });
  afterEach(() => {
    jest.restoreAllMocks(); // each test starts on the real clock
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  it('marks an application past its due time and notifies each officer of the country exactly once, even when both instances run the job at once, twice', async () => {
    const a = await submitted('urgent');
    moveClocks(new Date(Date.parse(a.slaDueAt) - 60_000));
    expect(await one.app.get(SchedulerService).markSlaBreaches()).toBe(0); // not yet due
    moveClocks(new Date(Date.parse(a.slaDueAt) + 60_000));
    const runs = await Promise.all([
      one.app.get(SchedulerService).markSlaBreaches(),
      two.app.get(SchedulerService).markSlaBreaches(),
      one.app.get(SchedulerService).markSlaBreaches(),
      two.app.get(SchedulerService).markSlaBreaches(),
    ]);
    expect(runs.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(1);
    const rows: { user_id: string; n: number }[] = await one.dataSource.query(
      `SELECT user_id, COUNT(*)::int AS n FROM notification WHERE kind = 'sla_breached' AND application_id = $1 GROUP BY user_id`,
      [a.id],
    );
    const officers: { id: string }[] = await one.dataSource.query(
      `SELECT id FROM app_user WHERE role = 'officer' AND 'KZ' = ANY(countries) AND status = 'active'`,
    );
    expect(rows.map((r) => r.user_id).sort()).toEqual(officers.map((o) => o.id).sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // and again later: still once
    moveClocks(new Date(Date.parse(a.slaDueAt) + 3_600_000));
    await one.app.get(SchedulerService).markSlaBreaches();
    const [{ n }] = await one.dataSource.query(
      `SELECT COUNT(*)::int AS n FROM notification WHERE kind = 'sla_breached' AND application_id = $1`,
      [a.id],
    );
    expect(n).toBe(officers.length);
    const queue = await as('officer.kz').get('/review-queue?country=KZ');
    expect(queue.body.items.find((i: { id: string }) => i.id === a.id).overdue).toBe(true);
  });

  it('releases a claim idle longer than CLAIM_IDLE_HOURS and tells the officer who held it', async () => {
    const a = await submitted('standard');
    await as('officer.kz').post(`/applications/${a.id}/claim`, {}).expect(200);
    moveClocks(new Date(Date.now() + 25 * 3_600_000));
    const [n1, n2] = await Promise.all([
      one.app.get(SchedulerService).releaseLapsedClaims(),
      two.app.get(SchedulerService).releaseLapsedClaims(),
    ]);
    expect(n1 + n2).toBe(1);
    const app = await as('officer.kz').get(`/applications/${a.id}`);
    expect(app.body).toMatchObject({ status: 'submitted', claimedBy: null });
    const notices = (await as('officer.kz').get('/notifications')).body.items;
    expect(
      notices.filter((x: { kind: string; applicationId: string }) => x.kind === 'claim_lapsed' && x.applicationId === a.id),
    ).toHaveLength(1);
    const events = (await as('officer.kz').get(`/applications/${a.id}/events`)).body.items;
    expect(events.map((e: { action: string }) => e.action)).toContain('claim_lapsed');
  });
});
