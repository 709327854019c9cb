import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { demoHistory, seedDemo } from '../../src/database/seed.js';
import { DEMO_COUNTRIES, DEMO_PAID_AWARD } from '../../src/database/seed-data.js';
import { openDataSource, runMigrations } from '../../src/database/typeorm-options.js';
import { api } from '../helpers/http.js';
import { createTestApp, PASSWORD, type TestApp } from '../helpers/test-app.js';

/** The full demo (DEMO_SEED=full) seeded into an empty database, then looked at through the API as its users. */
describe('the full demo seed', () => {
  let t: TestApp;
  const now = new Date();

  beforeAll(async () => {
    const server = process.env.EF_TEST_SERVER_URL!;
    const name = `ef_seed_${process.env.EF_TEST_RUN_ID}_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    const migrator = await openDataSource(url.toString(), { poolSize: 2 });
    await runMigrations(migrator);
    await migrator.destroy();
    t = await createTestApp({}, { databaseUrl: url.toString() });
    expect(await seedDemo(t.app, { mode: 'full', password: PASSWORD(), now })).toEqual({ created: true });
  }, 180_000);
  afterAll(() => t.close());

  it.each(DEMO_COUNTRIES.map((c) => c.country))('puts at least one submitted request in the queue of %s', async (country) => {
    const officer = await t.login(`officer.${country.toLowerCase()}@example.org`);
    const queue = await api(t).as(officer).get(`/review-queue?country=${country}`);
    expect(queue.status).toBe(200);
    expect(queue.body.items.length).toBeGreaterThanOrEqual(1);
    for (const item of queue.body.items) expect(item.country).toBe(country);
  });

  it("records an FX rate of every program currency for the seeding day's month", async () => {
    const month = now.toISOString().slice(0, 7);
    const admin = await t.login('admin@example.org');
    const res = await api(t).as(admin).get(`/fx-rates?month=${month}&limit=100`);
    expect(res.status).toBe(200);
    const currencies = (res.body.items as { currency: string; month: string; usdRate: string }[]).map((r) => {
      expect(r.month).toBe(month);
      expect(Number(r.usdRate)).toBeGreaterThan(0);
      return r.currency;
    });
    expect(currencies.sort()).toEqual(DEMO_COUNTRIES.map((c) => c.currency).sort());
  });

  it('keeps the other samples: an approved award, an ineligible request and a draft', async () => {
    const admin = await t.login('admin@example.org');
    const apps = (await api(t).as(admin).get('/applications?limit=100')).body.items as { status: string }[];
    const statuses = new Set(apps.map((a) => a.status));
    for (const s of ['approved', 'ineligible', 'draft', 'submitted']) expect(statuses).toContain(s);
  });

  it('gives ngo.kz an award approved about a hundred days ago, amended, paid and closed, whose 3-month follow-up is due today', async () => {
    const ngo = api(t).as(await t.login('ngo.kz@example.org'));
    const today = now.toISOString().slice(0, 10);
    const history = demoHistory(now);
    const day = (d: Date) => d.toISOString().slice(0, 10);

    const due = (await ngo.get('/follow-ups?status=due')).body.items as { id: string; awardId: string; milestone: string; dueOn: string }[];
    expect(due).toHaveLength(1);
    expect(due[0].milestone).toBe('3m');
    expect(due[0].dueOn <= today).toBe(true);
    expect(Date.parse(today) - Date.parse(due[0].dueOn)).toBeLessThanOrEqual(3 * 86_400_000); // at a month's end, a day or three before
    const ofAward = (await ngo.get(`/follow-ups?awardId=${due[0].awardId}`)).body.items as { milestone: string; status: string }[];
    expect(ofAward.map((f) => `${f.milestone} ${f.status}`).sort()).toEqual(['3m due', '6m upcoming']);

    const award = (await ngo.get(`/awards/${due[0].awardId}`)).body;
    const ago = (Date.parse(today) - Date.parse(award.createdAt)) / 86_400_000;
    expect(ago).toBeGreaterThan(92);
    expect(ago).toBeLessThan(105);
    expect(award).toMatchObject({ status: 'closed', letterVersion: 2, currency: 'KZT', conditions: DEMO_PAID_AWARD.conditions });
    expect(award.amount).toBe(((DEMO_PAID_AWARD.items[0].usd + DEMO_PAID_AWARD.items[1].usd) * 500).toFixed(2));
    expect(day(new Date(award.approvers[0].at))).toBe(day(history.approved));
    expect(day(new Date(award.createdAt))).toBe(day(history.approved));
    const application = (await ngo.get(`/applications/${award.applicationId}`)).body;
    expect(application.status).toBe('approved');
    expect(day(new Date(application.createdAt))).toBe(day(history.registered));
    expect((await ngo.get(`/awards?applicationId=${award.applicationId}`)).body.items.map((a: { id: string }) => a.id)).toEqual([award.id]);

    // letters: Russian v1 and v2 (with the amendment's reason), an English copy of v2; each dated the day it states
    const letters = (await ngo.get(`/awards/${award.id}/letters`)).body.items as {
      version: number;
      language: string;
      status: string;
      verificationCode: string;
      amendmentReason: string | null;
    }[];
    expect(letters.map((l) => `${l.version} ${l.language} ${l.status}`).sort()).toEqual(['1 ru issued', '2 en issued', '2 ru issued']);
    expect(letters.find((l) => l.version === 2)!.amendmentReason).toBe(DEMO_PAID_AWARD.amendmentReason);
    for (const l of letters) {
      const verified = (await api(t).get(`/letters/verify/${l.verificationCode}`)).body;
      expect(verified.date).toBe(day(l.version === 1 ? history.approved : history.amended));
    }

    // paid on the bank's booking day three months ago; the ledger holds nothing committed for it
    const finance = api(t).as(await t.login('finance@example.org'));
    const [tranche] = (await finance.get(`/disbursements?awardId=${award.id}`)).body.items;
    expect(tranche).toMatchObject({ status: 'paid', paidOn: history.paidOn, amount: award.amount });

    // the case worker is told the follow-up is due; the old decision was read long ago
    const notices = (await ngo.get('/notifications?limit=100')).body.items as {
      kind: string;
      applicationId: string;
      readAt: string | null;
    }[];
    const mine = notices.filter((n) => n.applicationId === award.applicationId);
    expect(mine.map((n) => `${n.kind} ${n.readAt ? 'read' : 'unread'}`).sort()).toEqual(['decision_made read', 'follow_up_due unread']);
  });
});
