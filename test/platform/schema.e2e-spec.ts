import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { parse } from 'yaml';
import { pendingSchemaChanges } from '../../src/database/schema-drift.js';
import { dataSourceOptions } from '../../src/database/typeorm-options.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { createTestDatabase } from '../helpers/test-app.js';

describe('database schema', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(await createTestDatabase(), { poolSize: 2 })).initialize();
  });
  afterAll(() => dataSource.destroy());

  it('has every migration applied and nothing pending', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    const rows: { name: string }[] = await dataSource.query('SELECT name FROM typeorm_migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((M) => new M().name));
  });

  it('agrees with the entities (a changed entity needs a migration: npm run migration:generate -- Name)', async () => {
    const { up } = await pendingSchemaChanges(dataSource);
    expect(up).toEqual([]);
  });

  it('reverts and re-applies every migration cleanly', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables: unknown[] = await dataSource.query(
      `SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'beneficiary'`,
    );
    expect(tables).toHaveLength(0);
    await dataSource.runMigrations({ transaction: 'each' });
    expect((await pendingSchemaChanges(dataSource)).up).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync('docker-compose.yml', 'utf8')) as {
    services: Record<
      string,
      { image?: string; build?: unknown; environment?: Record<string, string>; depends_on?: unknown; healthcheck?: unknown }
    >;
  };

  it('is valid YAML describing postgres and the app', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'postgres']);
    expect(compose.services.postgres.image).toMatch(/^postgres:/);
    expect(compose.services.postgres.healthcheck).toBeDefined();
    expect(compose.services.app.build).toBeDefined();
  });

  it('gives the app every setting production requires', () => {
    const env = compose.services.app.environment ?? {};
    for (const key of ['NODE_ENV', 'DATABASE_URL', 'JWT_SECRET', 'PII_KEY', 'PII_HASH_KEY']) expect(env[key]).toBeTruthy();
    expect(env.NODE_ENV).toBe('production');
    expect(env.DATABASE_URL).toContain('@postgres:5432/');
  });

  it('lists every setting of the config class in .env.example', () => {
    const example = readFileSync('.env.example', 'utf8');
    const source = readFileSync('src/config/app-config.ts', 'utf8');
    const keys = [...source.matchAll(/^\s+([A-Z][A-Z0-9_]+)[?]?(?::|\s=)/gm)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect(example).toMatch(new RegExp(`^#?\\s?${key}=`, 'm'));
  });
});
