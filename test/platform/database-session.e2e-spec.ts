import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Every connection of the app works in UTC: report date ranges and due days are UTC days, also on a
 * server (or database) whose own time zone is another one.
 */
describe('database sessions', () => {
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await createTestApp();
    const admin = new pg.Client({ connectionString: first.databaseUrl });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${new URL(first.databaseUrl).pathname.slice(1)} SET TimeZone = 'Asia/Almaty'`);
    await admin.end();
    second = await createTestApp({}, { databaseUrl: first.databaseUrl }); // connections opened after the change
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('run in UTC whatever time zone the database is set to', async () => {
    const plain = new pg.Client({ connectionString: first.databaseUrl });
    await plain.connect();
    const theirs = (await plain.query('SHOW TimeZone')).rows[0].TimeZone;
    await plain.end();
    expect(theirs).toBe('Asia/Almaty');
    const ours = await second.dataSource.query(
      `SELECT current_setting('TimeZone') AS tz, ('2026-06-30T20:00:00Z'::timestamptz)::date::text AS day`,
    );
    expect(ours).toEqual([{ tz: 'UTC', day: '2026-06-30' }]);
  });
});
