import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../app.factory.js';
import { createLogger } from '../common/logging/logger.js';
import { type AppConfig, loadConfig } from '../config/app-config.js';
import { resolveDevSecrets } from '../config/dev-secrets.js';
import { resolveDatabase } from './database-url.js';
import { openDataSource, runMigrations } from './typeorm-options.js';

/**
 * A command-line job on the app (no HTTP): the configuration from the environment, the database
 * (embedded when DATABASE_URL is unset), migrated first when asked; everything is closed
 * afterwards, and a failure prints its message and exits with 1.
 */
export function runCli(job: (app: NestExpressApplication, config: AppConfig) => Promise<void>, options: { migrate?: boolean } = {}): void {
  const main = async () => {
    const config = loadConfig();
    if (!config.isProduction) resolveDevSecrets(config);
    const db = await resolveDatabase(config);
    try {
      if (options.migrate) {
        // migrations that encrypt data already stored (VendorIbanEncrypted) read the key from the environment;
        // outside production it may come from DATA_DIR/secrets.json instead
        if (config.PII_KEY) process.env.PII_KEY ??= config.PII_KEY;
        const migrator = await openDataSource(db.url, { poolSize: 3 });
        await runMigrations(migrator);
        await migrator.destroy();
      }
      const app = await createApp(config, db.url, createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL));
      try {
        await job(app, config);
      } finally {
        await app.close();
      }
    } finally {
      await db.embedded?.stop();
    }
  };
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
