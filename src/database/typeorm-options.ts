import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/**
 * The one TypeORM options object shared by the app, the migration CLI, the seed and the tests.
 * Migrations are imported classes, not a glob (a glob breaks Jest's ESM mode); they run explicitly at
 * start under an advisory lock, never by `synchronize`.
 */
export function dataSourceOptions(url: string, extra: { poolSize?: number; applicationName?: string } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    logging: false,
    extra: {
      max: extra.poolSize ?? 10,
      application_name: extra.applicationName ?? 'emergency-fund',
    },
  };
}

const MIGRATION_LOCK = 7_210_042_000;

/** Runs pending migrations; concurrent starters wait on one advisory lock instead of racing. */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

export async function openDataSource(url: string, extra?: { poolSize?: number; applicationName?: string }): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url, extra)).initialize();
}
