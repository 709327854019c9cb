import type { DynamicModule, Type } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config.js';
import { resolveDevSecrets } from './config/dev-secrets.js';
import { createApp } from './app.factory.js';
import { createLogger } from './common/logging/logger.js';
import { resolveDatabase } from './database/database-url.js';
import { seedDemo } from './database/seed.js';
import { openDataSource, runMigrations } from './database/typeorm-options.js';

/**
 * Starts the service: configuration, the database (embedded unless DATABASE_URL), migrations, the
 * demo seed on the embedded server, then HTTP. `extra` modules are mounted beside the app's own; the
 * benchmark harness (`bench/server.js`) passes its baseline route, `main.ts` passes none.
 */
export async function startServer(extra: (Type | DynamicModule)[] = []): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Emergency Fund cannot start. ${error.message}\nSee .env.example for every setting.`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  if (!config.isProduction) resolveDevSecrets(config);

  const db = await resolveDatabase(config, (m) => logger.info(m));
  // migrations that encrypt data already stored (VendorIbanEncrypted) read the key from the environment;
  // outside production it may come from DATA_DIR/secrets.json instead
  if (config.PII_KEY) process.env.PII_KEY ??= config.PII_KEY;
  const migrator = await openDataSource(db.url, { poolSize: 3, applicationName: 'emergency-fund-migrate' });
  try {
    const ran = await runMigrations(migrator);
    if (ran.length) logger.info({ migrations: ran }, 'migrations applied');
  } finally {
    await migrator.destroy();
  }

  const app = await createApp(config, db.url, logger, extra);
  // the demo program is seeded on the embedded server; on DATABASE_URL only by `npm run seed`
  if (db.embedded && config.DEMO_SEED !== 'none') {
    const seeded = await seedDemo(app, { mode: config.DEMO_SEED, password: config.DEMO_PASSWORD });
    if (seeded.created) logger.info({ mode: config.DEMO_SEED }, 'demo program seeded');
    if (seeded.generatedPassword) printCredentials(seeded.generatedPassword);
  }
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.close().catch(() => undefined);
    await db.embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen(config.PORT, config.isProduction ? '0.0.0.0' : '127.0.0.1');
  const url = `http://localhost:${config.PORT}`;
  logger.info({ url: `${url}/api/v1`, docs: `${url}/api/docs` }, 'Emergency Fund is listening');
}

/** Printed once, on the first start, to the console only (never to the JSON log). */
function printCredentials(password: string) {
  process.stdout.write(
    [
      '',
      '================ Emergency Fund demo ================',
      'Demo users (admin@example.org, auditor@example.org, finance@example.org,',
      'officer.<cc>@example.org, officer2.<cc>@example.org, ngo.<cc>@example.org,',
      'ngo2.<cc>@example.org for cc in kz, kg, tj, tm, uz) share this password:',
      '',
      `    ${password}`,
      '',
      'It is shown only now. Set DEMO_PASSWORD before the first start to choose it.',
      '======================================================',
      '',
    ].join('\n'),
  );
}
