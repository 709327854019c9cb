import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, loginAll } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('review queue, claim and release', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let person = 0;
  const as = (who: string) => api(t).as(tok[who]);

  /** A submitted application of ngo.<cc>. */
  const submitted = async (cc: string, urgency: 'urgent' | 'standard' = 'standard') => {
    const who = `ngo.${cc}`;
    const b = await as(who).post('/beneficiaries', {
      category: 'VM',
      sex: 'male',
      birthYear: 1985,
      nationality: 'TJ',
      fullName: `Queue Person ${++person}`,
      dateOfBirth: `1985-01-${String(person).padStart(2, '0')}`,
      consent: { givenAt: '2026-11-01', method: 'verbal' },
    });
    expect(b.status).toBe(201);
    const d = await as(who).post('/applications', {
      beneficiaryId: b.body.id,
      urgency,
      items: [{ type: 'legal', description: 'Lawyer fees', amount: '100.00' }],
      stateSupport: { requested: true, outcome: 'refused' },
    });
    const s = await as(who).post(`/applications/${d.body.id}/submit`, {});
    expect(s.body.status).toBe('submitted');
    return s.body as { id: string; reference: string; slaDueAt: string; firstSubmittedAt: string };
  };

  beforeAll(async () => {
    t = await createTestApp();
    await loginAll(t, ['ngo.kz', 'ngo.kg', 'officer.kz', 'officer2.kz', 'officer.kg', 'admin', 'auditor'], tok);
  });
  afterAll(() => t.close());

  it("lists a country's submitted applications urgent first, then oldest, with the SLA due time", async () => {
    const s1 = await submitted('kz', 'standard');
    const u1 = await submitted('kz', 'urgent');
    const s2 = await submitted('kz', 'standard');
    const u2 = await submitted('kz', 'urgent');
    await submitted('kg', 'urgent');
    const res = await as('officer.kz').get('/review-queue?country=KZ');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([u1.id, u2.id, s1.id, s2.id]);
    // KZ's demo fund: 24 h for urgent, 48 h for standard requests
    const hours = (i: { slaDueAt: string; firstSubmittedAt: string }) =>
      (Date.parse(i.slaDueAt) - Date.parse(i.firstSubmittedAt)) / 3_600_000;
    expect(res.body.items.map(hours)).toEqual([24, 24, 48, 48]);
    expect(res.body.items.every((i: { overdue: boolean }) => i.overdue === false)).toBe(true);
    // keyset pages give the same order
    const p1 = await as('officer.kz').get('/review-queue?country=KZ&limit=3');
    const p2 = await as('officer.kz').get(`/review-queue?country=KZ&limit=3&cursor=${p1.body.nextCursor}`);
    expect([...p1.body.items, ...p2.body.items].map((i: { id: string }) => i.id)).toEqual([u1.id, u2.id, s1.id, s2.id]);
    expect(p2.body.nextCursor).toBeNull();
    expect((await as('officer.kz').get('/review-queue?country=KZ&cursor=nonsense')).status).toBe(400);
  });

  it("keeps queues to the officer's countries (404) and to reviewers (403)", async () => {
    expect((await as('officer.kz').get('/review-queue?country=KG')).status).toBe(404);
    expect((await as('admin').get('/review-queue?country=KG')).status).toBe(200);
    expect((await as('ngo.kz').get('/review-queue?country=KZ')).status).toBe(403);
    expect((await as('auditor').get('/review-queue?country=KZ')).status).toBe(403);
    const bad = await as('officer.kz').get('/review-queue?country=RU');
    expect(bad.status).toBe(400);
  });

  it('lets exactly one of two officers claiming at once win; the other gets 409', async () => {
    const a = await submitted('kz');
    const [r1, r2] = await Promise.all([
      as('officer.kz').post(`/applications/${a.id}/claim`, {}),
      as('officer2.kz').post(`/applications/${a.id}/claim`, {}),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const winner = r1.status === 200 ? r1 : r2;
    const loser = r1.status === 200 ? r2 : r1;
    expect(winner.body.status).toBe('in_review');
    expect(loser.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'in_review' });
    const queue = await as('officer.kz').get('/review-queue?country=KZ');
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(a.id);
    const events = (await as('officer.kz').get(`/applications/${a.id}/events`)).body.items;
    expect(events.filter((e: { action: string }) => e.action === 'claim')).toHaveLength(1);
  });

  it('releases only by the claimant or an admin, back into the queue', async () => {
    const a = await submitted('kz');
    const claimed = await as('officer.kz').post(`/applications/${a.id}/claim`, {});
    expect(claimed.body.claimedBy).toBeTruthy();
    const other = await as('officer2.kz').post(`/applications/${a.id}/release`, {});
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('CLAIMED_BY_ANOTHER');
    const mine = await as('officer.kz').post(`/applications/${a.id}/release`, { comment: 'Back to the queue' });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ status: 'submitted', claimedBy: null });
    await as('officer2.kz').post(`/applications/${a.id}/claim`, {}).expect(200);
    const byAdmin = await as('admin').post(`/applications/${a.id}/release`, {});
    expect(byAdmin.body.status).toBe('submitted');
    const audit = await as('admin').get(`/audit-events?entityType=application&entityId=${a.id}`);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['application.claim', 'application.release']),
    );
  });

  it("refuses claims outside the officer's countries (404) and of applications not in the queue (409)", async () => {
    const kg = await submitted('kg');
    expect((await as('officer.kz').post(`/applications/${kg.id}/claim`, {})).status).toBe(404);
    const b = await as('ngo.kz').post('/beneficiaries', {
      category: 'VM',
      sex: 'male',
      birthYear: 1980,
      nationality: 'TJ',
      fullName: 'Draft Person',
      dateOfBirth: '1980-02-02',
      consent: { givenAt: '2026-11-01', method: 'verbal' },
    });
    const d = await as('ngo.kz').post('/applications', {
      beneficiaryId: b.body.id,
      urgency: 'standard',
      items: [{ type: 'legal', description: 'Lawyer', amount: '10.00' }],
    });
    const res = await as('officer.kz').post(`/applications/${d.body.id}/claim`, {});
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'draft' });
  });

  it('keeps a message thread between the NGO and the officers, scoped like the application', async () => {
    const a = await submitted('kz');
    const ngo = await as('ngo.kz').post(`/applications/${a.id}/messages`, { body: 'The clinic can operate on Monday.' });
    expect(ngo.status).toBe(201);
    expect(ngo.body).toMatchObject({ authorRole: 'ngo', body: 'The clinic can operate on Monday.' });
    const officer = await as('officer.kz').post(`/applications/${a.id}/messages`, { body: 'Thank you; please attach the estimate.' });
    expect(officer.status).toBe(201);
    for (const who of ['ngo.kz', 'officer.kz', 'admin']) {
      const list = await as(who).get(`/applications/${a.id}/messages`);
      expect(list.body.items.map((m: { authorRole: string }) => m.authorRole)).toEqual(['ngo', 'officer']);
    }
    expect((await as('officer.kg').get(`/applications/${a.id}/messages`)).status).toBe(404);
    expect((await as('ngo.kg').post(`/applications/${a.id}/messages`, { body: 'x' })).status).toBe(404);
    expect((await as('auditor').get(`/applications/${a.id}/messages`)).status).toBe(403);
    const empty = await as('ngo.kz').post(`/applications/${a.id}/messages`, { body: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.details[0].field).toBe('body');
    // messages are append-only in the database (only the key rotation may re-encrypt a body)
    await expect(t.dataSource.query(`UPDATE application_message SET author_role = 'admin' WHERE id = $1`, [ngo.body.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query(`DELETE FROM application_message WHERE id = $1`, [ngo.body.id])).rejects.toThrow(/append-only/);
  });

  it("shows each officer's workload in a country to the country's officers and admins", async () => {
    const a = await submitted('kz');
    await as('officer2.kz').post(`/applications/${a.id}/claim`, {}).expect(200);
    const res = await as('officer.kz').get('/review-queue/workload?country=KZ');
    expect(res.status).toBe(200);
    const me = (await as('officer2.kz').get('/auth/me')).body.id;
    const row = res.body.items.find((i: { officerId: string }) => i.officerId === me);
    expect(row.claimed).toBeGreaterThanOrEqual(1);
    expect(row.overdue).toBe(0);
    expect(res.body.items.every((i: { officerId: string }) => typeof i.officerId === 'string')).toBe(true);
    expect((await as('officer.kz').get('/review-queue/workload?country=KG')).status).toBe(404);
    expect((await as('admin').get('/review-queue/workload?country=KG')).status).toBe(200);
  });

  it('lets an admin reassign a submitted or claimed application to an officer of its country', async () => {
    const a = await submitted('kz');
    const officer2 = (await as('officer2.kz').get('/auth/me')).body.id;
    const officerKg = (await as('officer.kg').get('/auth/me')).body.id;
    expect((await as('officer.kz').post(`/applications/${a.id}/reassign`, { officerId: officer2 })).status).toBe(403);
    const wrong = await as('admin').post(`/applications/${a.id}/reassign`, { officerId: officerKg });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('officerId');
    await as('officer.kz').post(`/applications/${a.id}/claim`, {}).expect(200);
    const res = await as('admin').post(`/applications/${a.id}/reassign`, { officerId: officer2, comment: 'Balancing the load' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'in_review', claimedBy: officer2 });
    // the new claimant decides
    const decided = await as('officer2.kz').post(`/applications/${a.id}/decisions`, {
      decision: 'reject',
      reasonCode: 'DUPLICATE',
      comment: 'Already helped.',
    });
    expect(decided.body.status).toBe('rejected');
  });
});
