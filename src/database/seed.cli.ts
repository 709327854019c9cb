/** `npm run seed`: seeds the demo program into DATABASE_URL (or the embedded server) if it is empty. */
import 'reflect-metadata';
import { createApp } from '../app.factory.js';
import { loadConfig } from '../config/app-config.js';
import { resolveDevSecrets } from '../config/dev-secrets.js';
import { createLogger } from '../common/logging/logger.js';
import { resolveDatabase } from './database-url.js';
import { seedDemo } from './seed.js';
import { openDataSource, runMigrations } from './typeorm-options.js';

async function main() {
  const config = loadConfig();
  if (!config.isProduction) resolveDevSecrets(config);
  const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
  const db = await resolveDatabase(config);
  const migrator = await openDataSource(db.url, { poolSize: 3 });
  await runMigrations(migrator);
  await migrator.destroy();
  const app = await createApp(config, db.url, logger);
  try {
    const result = await seedDemo(app, { mode: config.DEMO_SEED === 'minimal' ? 'minimal' : 'full', password: config.DEMO_PASSWORD });
    if (!result.created) console.log('The demo program is already there; nothing seeded.');
    else console.log(`Seeded the demo program.${result.generatedPassword ? ` Demo password: ${result.generatedPassword}` : ''}`);
  } finally {
    await app.close();
    await db.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
