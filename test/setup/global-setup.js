// Runs once before the test files: a PostgreSQL server (embedded, or the one in DATABASE_URL) and a
// template database with every migration and the minimal demo seed. Each test file then copies the
// template into a database of its own (CREATE DATABASE … TEMPLATE), which takes milliseconds.
// Uses the compiled app in dist/ (`npm test` builds first).
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export default async function globalSetup() {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const secrets = {
    EF_TEST_PASSWORD: 'test-password-' + randomBytes(6).toString('hex'),
    EF_TEST_JWT_SECRET: randomBytes(48).toString('base64url'),
    EF_TEST_PII_KEY: randomBytes(32).toString('base64'),
    EF_TEST_PII_HASH_KEY: randomBytes(32).toString('base64'),
  };
  Object.assign(process.env, secrets);

  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const { startEmbeddedPostgres } = await import('../../dist/src/database/embedded-postgres.js');
    const dataDir = mkdtempSync(join(tmpdir(), 'ef-test-'));
    const embedded = await startEmbeddedPostgres({ dataDir, password: randomBytes(12).toString('hex'), database: 'postgres' });
    globalThis.__EF_EMBEDDED__ = embedded;
    serverUrl = embedded.url;
  }
  const template = `ef_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  const templateUrl = withDatabase(serverUrl, template);

  const { loadConfig } = await import('../../dist/src/config/app-config.js');
  const { openDataSource, runMigrations } = await import('../../dist/src/database/typeorm-options.js');
  const { createApp } = await import('../../dist/src/app.factory.js');
  const { createLogger } = await import('../../dist/src/common/logging/logger.js');
  const { seedDemo } = await import('../../dist/src/database/seed.js');
  const migrator = await openDataSource(templateUrl, { poolSize: 3 });
  await runMigrations(migrator);
  await migrator.destroy();
  const config = loadConfig(testEnv());
  const app = await createApp(config, templateUrl, createLogger('silent'));
  await seedDemo(app, { mode: 'minimal', password: secrets.EF_TEST_PASSWORD });
  await app.close();

  process.env.EF_TEST_SERVER_URL = serverUrl;
  process.env.EF_TEST_TEMPLATE = template;
  process.env.EF_TEST_RUN_ID = runId;
}

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function testEnv(overrides = {}) {
  return {
    NODE_ENV: 'test',
    JWT_SECRET: process.env.EF_TEST_JWT_SECRET,
    PII_KEY: process.env.EF_TEST_PII_KEY,
    PII_HASH_KEY: process.env.EF_TEST_PII_HASH_KEY,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    SCHEDULER_INTERVAL_SECONDS: '0',
    ...overrides,
  };
}
