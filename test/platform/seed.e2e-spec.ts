import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { seedDemo } from '../../src/database/seed.js';
import { DEMO_COUNTRIES } from '../../src/database/seed-data.js';
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
});
