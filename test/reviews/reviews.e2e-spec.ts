import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createTestApp, type TestApp } from '../helpers/test-app.js';

const API = '/api/v1';

describe('review queue, claim and release', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let person = 0;
  const as = (who: string) => bearer(tok[who]);

  /** A submitted application of ngo.<cc>. */
  const submitted = async (cc: string, urgency: 'urgent' | 'standard' = 'standard') => {
    const who = `ngo.${cc}`;
    const b = await t.http
      .post(`${API}/beneficiaries`)
      .set(as(who))
      .send({ category: 'VM', sex: 'male', birthYear: 1985, nationality: 'TJ', fullName: `Queue Person ${++person}`, dateOfBirth: `1985-01-${String(person).padStart(2, '0')}`, consent: { givenAt: '2026-11-01', method: 'verbal' } });
    expect(b.status).toBe(201);
    const d = await t.http
      .post(`${API}/applications`)
      .set(as(who))
      .send({ beneficiaryId: b.body.id, urgency, items: [{ type: 'legal', description: 'Lawyer fees', amount: '100.00' }], stateSupport: { requested: true, outcome: 'refused' } });
    const s = await t.http.post(`${API}/applications/${d.body.id}/submit`).set(as(who)).send({});
    expect(s.body.status).toBe('submitted');
    return s.body as { id: string; reference: string; slaDueAt: string; firstSubmittedAt: string };
  };

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['ngo.kz', 'ngo.kg', 'officer.kz', 'officer2.kz', 'officer.kg', 'admin', 'auditor']) tok[u] = await t.login(`${u}@example.org`);
  });
  afterAll(() => t.close());

  it('lists a country\'s submitted applications urgent first, then oldest, with the SLA due time', async () => {
    const s1 = await submitted('kz', 'standard');
    const u1 = await submitted('kz', 'urgent');
    const s2 = await submitted('kz', 'standard');
    const u2 = await submitted('kz', 'urgent');
    await submitted('kg', 'urgent');
    const res = await t.http.get(`${API}/review-queue?country=KZ`).set(as('officer.kz'));
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([u1.id, u2.id, s1.id, s2.id]);
    // KZ's demo fund: 24 h for urgent, 48 h for standard requests
    const hours = (i: { slaDueAt: string; firstSubmittedAt: string }) => (Date.parse(i.slaDueAt) - Date.parse(i.firstSubmittedAt)) / 3_600_000;
    expect(res.body.items.map(hours)).toEqual([24, 24, 48, 48]);
    expect(res.body.items.every((i: { overdue: boolean }) => i.overdue === false)).toBe(true);
    // keyset pages give the same order
    const p1 = await t.http.get(`${API}/review-queue?country=KZ&limit=3`).set(as('officer.kz'));
    const p2 = await t.http.get(`${API}/review-queue?country=KZ&limit=3&cursor=${p1.body.nextCursor}`).set(as('officer.kz'));
    expect([...p1.body.items, ...p2.body.items].map((i: { id: string }) => i.id)).toEqual([u1.id, u2.id, s1.id, s2.id]);
    expect(p2.body.nextCursor).toBeNull();
    expect((await t.http.get(`${API}/review-queue?country=KZ&cursor=nonsense`).set(as('officer.kz'))).status).toBe(400);
  });

  it('keeps queues to the officer\'s countries (404) and to reviewers (403)', async () => {
    expect((await t.http.get(`${API}/review-queue?country=KG`).set(as('officer.kz'))).status).toBe(404);
    expect((await t.http.get(`${API}/review-queue?country=KG`).set(as('admin'))).status).toBe(200);
    expect((await t.http.get(`${API}/review-queue?country=KZ`).set(as('ngo.kz'))).status).toBe(403);
    expect((await t.http.get(`${API}/review-queue?country=KZ`).set(as('auditor'))).status).toBe(403);
    const bad = await t.http.get(`${API}/review-queue?country=RU`).set(as('officer.kz'));
    expect(bad.status).toBe(400);
  });

  it('lets exactly one of two officers claiming at once win; the other gets 409', async () => {
    const a = await submitted('kz');
    const [r1, r2] = await Promise.all([
      t.http.post(`${API}/applications/${a.id}/claim`).set(as('officer.kz')).send({}),
      t.http.post(`${API}/applications/${a.id}/claim`).set(as('officer2.kz')).send({}),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const winner = r1.status === 200 ? r1 : r2;
    const loser = r1.status === 200 ? r2 : r1;
    expect(winner.body.status).toBe('in_review');
    expect(loser.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'in_review' });
    const queue = await t.http.get(`${API}/review-queue?country=KZ`).set(as('officer.kz'));
    expect(queue.body.items.map((i: { id: string }) => i.id)).not.toContain(a.id);
    const events = (await t.http.get(`${API}/applications/${a.id}/events`).set(as('officer.kz'))).body.items;
    expect(events.filter((e: { action: string }) => e.action === 'claim')).toHaveLength(1);
  });

  it('releases only by the claimant or an admin, back into the queue', async () => {
    const a = await submitted('kz');
    const claimed = await t.http.post(`${API}/applications/${a.id}/claim`).set(as('officer.kz')).send({});
    expect(claimed.body.claimedBy).toBeTruthy();
    const other = await t.http.post(`${API}/applications/${a.id}/release`).set(as('officer2.kz')).send({});
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('CLAIMED_BY_ANOTHER');
    const mine = await t.http.post(`${API}/applications/${a.id}/release`).set(as('officer.kz')).send({ comment: 'Back to the queue' });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ status: 'submitted', claimedBy: null });
    await t.http.post(`${API}/applications/${a.id}/claim`).set(as('officer2.kz')).send({}).expect(200);
    const byAdmin = await t.http.post(`${API}/applications/${a.id}/release`).set(as('admin')).send({});
    expect(byAdmin.body.status).toBe('submitted');
    const audit = await t.http.get(`${API}/audit-events?entityType=application&entityId=${a.id}`).set(as('admin'));
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['application.claim', 'application.release']),
    );
  });

  it('refuses claims outside the officer\'s countries (404) and of applications not in the queue (409)', async () => {
    const kg = await submitted('kg');
    expect((await t.http.post(`${API}/applications/${kg.id}/claim`).set(as('officer.kz')).send({})).status).toBe(404);
    const b = await t.http
      .post(`${API}/beneficiaries`)
      .set(as('ngo.kz'))
      .send({ category: 'VM', sex: 'male', birthYear: 1980, nationality: 'TJ', fullName: 'Draft Person', dateOfBirth: '1980-02-02', consent: { givenAt: '2026-11-01', method: 'verbal' } });
    const d = await t.http
      .post(`${API}/applications`)
      .set(as('ngo.kz'))
      .send({ beneficiaryId: b.body.id, urgency: 'standard', items: [{ type: 'legal', description: 'Lawyer', amount: '10.00' }] });
    const res = await t.http.post(`${API}/applications/${d.body.id}/claim`).set(as('officer.kz')).send({});
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', currentStatus: 'draft' });
  });

  it('keeps a message thread between the NGO and the officers, scoped like the application', async () => {
    const a = await submitted('kz');
    const ngo = await t.http.post(`${API}/applications/${a.id}/messages`).set(as('ngo.kz')).send({ body: 'The clinic can operate on Monday.' });
    expect(ngo.status).toBe(201);
    expect(ngo.body).toMatchObject({ authorRole: 'ngo', body: 'The clinic can operate on Monday.' });
    const officer = await t.http.post(`${API}/applications/${a.id}/messages`).set(as('officer.kz')).send({ body: 'Thank you; please attach the estimate.' });
    expect(officer.status).toBe(201);
    for (const who of ['ngo.kz', 'officer.kz', 'admin']) {
      const list = await t.http.get(`${API}/applications/${a.id}/messages`).set(as(who));
      expect(list.body.items.map((m: { authorRole: string }) => m.authorRole)).toEqual(['ngo', 'officer']);
    }
    expect((await t.http.get(`${API}/applications/${a.id}/messages`).set(as('officer.kg'))).status).toBe(404);
    expect((await t.http.post(`${API}/applications/${a.id}/messages`).set(as('ngo.kg')).send({ body: 'x' })).status).toBe(404);
    expect((await t.http.get(`${API}/applications/${a.id}/messages`).set(as('auditor'))).status).toBe(403);
    const empty = await t.http.post(`${API}/applications/${a.id}/messages`).set(as('ngo.kz')).send({ body: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.details[0].field).toBe('body');
    // messages are append-only in the database
    await expect(t.dataSource.query(`UPDATE application_message SET body = 'changed' WHERE id = $1`, [ngo.body.id])).rejects.toThrow(/append-only/);
  });

  it('shows each officer\'s workload in a country to the country\'s officers and admins', async () => {
    const a = await submitted('kz');
    await t.http.post(`${API}/applications/${a.id}/claim`).set(as('officer2.kz')).send({}).expect(200);
    const res = await t.http.get(`${API}/review-queue/workload?country=KZ`).set(as('officer.kz'));
    expect(res.status).toBe(200);
    const me = (await t.http.get(`${API}/auth/me`).set(as('officer2.kz'))).body.id;
    const row = res.body.items.find((i: { officerId: string }) => i.officerId === me);
    expect(row.claimed).toBeGreaterThanOrEqual(1);
    expect(row.overdue).toBe(0);
    expect(res.body.items.every((i: { officerId: string }) => typeof i.officerId === 'string')).toBe(true);
    expect((await t.http.get(`${API}/review-queue/workload?country=KG`).set(as('officer.kz'))).status).toBe(404);
    expect((await t.http.get(`${API}/review-queue/workload?country=KG`).set(as('admin'))).status).toBe(200);
  });

  it('lets an admin reassign a submitted or claimed application to an officer of its country', async () => {
    const a = await submitted('kz');
    const officer2 = (await t.http.get(`${API}/auth/me`).set(as('officer2.kz'))).body.id;
    const officerKg = (await t.http.get(`${API}/auth/me`).set(as('officer.kg'))).body.id;
    expect((await t.http.post(`${API}/applications/${a.id}/reassign`).set(as('officer.kz')).send({ officerId: officer2 })).status).toBe(403);
    const wrong = await t.http.post(`${API}/applications/${a.id}/reassign`).set(as('admin')).send({ officerId: officerKg });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0].field).toBe('officerId');
    await t.http.post(`${API}/applications/${a.id}/claim`).set(as('officer.kz')).send({}).expect(200);
    const res = await t.http.post(`${API}/applications/${a.id}/reassign`).set(as('admin')).send({ officerId: officer2, comment: 'Balancing the load' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'in_review', claimedBy: officer2 });
    // the new claimant decides
    const decided = await t.http.post(`${API}/applications/${a.id}/decisions`).set(as('officer2.kz')).send({ decision: 'reject', reasonCode: 'DUPLICATE', comment: 'Already helped.' });
    expect(decided.body.status).toBe('rejected');
  });
});
