import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/** A transaction idle this long (a bug awaiting something that never comes) is ended by the server, so its locks cannot stall everyone. */
const IDLE_IN_TRANSACTION_MS = 60_000;

interface PoolOptions {
  poolSize?: number;
  applicationName?: string;
  /** For the app's pool: waits for a free connection and for row locks end after this many seconds (see DATABASE_WAIT_SECONDS). */
  waitSeconds?: number;
}

/**
 * The one TypeORM options object shared by the app, the migration CLI, the seed and the tests.
 * Migrations are imported classes, not a glob (a glob breaks Jest's ESM mode); they run explicitly at
 * start under an advisory lock, never by `synchronize`.
 */
export function dataSourceOptions(url: string, extra: PoolOptions = {}): DataSourceOptions {
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
      // dates in SQL (report ranges, due days) are UTC days whatever the server's own time zone
      options: '-c TimeZone=UTC',
      // migrations and CLIs wait as long as they must (a second starter waits on the migration lock)
      ...(extra.waitSeconds
        ? {
            connectionTimeoutMillis: extra.waitSeconds * 1000,
            lock_timeout: extra.waitSeconds * 1000,
            idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
          }
        : {}),
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

export async function openDataSource(url: string, extra?: PoolOptions): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url, extra)).initialize();
}
