import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { pino } from 'pino';
import pg from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/app-config.js';
import { REDACTED_PATHS } from '../../src/common/logging/logger.js';

export const PASSWORD = () => process.env.EF_TEST_PASSWORD!;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh database for one test file, copied from the migrated and seeded template. */
export async function createTestDatabase(): Promise<string> {
  const server = process.env.EF_TEST_SERVER_URL!;
  const name = `ef_t_${process.env.EF_TEST_RUN_ID}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.EF_TEST_TEMPLATE}`);
  } finally {
    await client.end();
  }
  return withDatabase(server, name);
}

export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    JWT_SECRET: process.env.EF_TEST_JWT_SECRET!,
    PII_KEY: process.env.EF_TEST_PII_KEY!,
    PII_HASH_KEY: process.env.EF_TEST_PII_HASH_KEY!,
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '0',
    LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '0',
    SCHEDULER_INTERVAL_SECONDS: '0',
    ...overrides,
  };
}

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  databaseUrl: string;
  /** Every JSON log line the app wrote. */
  logs: string[];
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real app (same setup as main.ts) on its own database, with logs captured in memory. */
export async function createTestApp(env: Record<string, string> = {}, options: { databaseUrl?: string } = {}): Promise<TestApp> {
  // a second instance on the same database: pass the first one's databaseUrl
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const config = loadConfig(testEnv(env));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino({ level: config.LOG_LEVEL, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
  const app = await createApp(config, databaseUrl, logger);
  await app.init();
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  return {
    app,
    http,
    dataSource: app.get(DataSource),
    databaseUrl,
    logs,
    async login(email: string, password = PASSWORD()) {
      const cached = tokens.get(email);
      if (cached && password === PASSWORD()) return cached;
      const res = await http.post('/api/v1/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(email, res.body.accessToken);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
