/**
 * `npm run pii:rotate`: re-encrypts every piece of PII and every bank account with PII_KEY. Run it
 * with the new key in PII_KEY and the old one in PII_PREVIOUS_KEYS (the app reads both meanwhile);
 * when it reports nothing left on an old key, remove PII_PREVIOUS_KEYS. See docs/security.md.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory.js';
import { FieldCipher } from '../common/crypto/field-cipher.js';
import { createLogger } from '../common/logging/logger.js';
import { loadConfig } from '../config/app-config.js';
import { resolveDevSecrets } from '../config/dev-secrets.js';
import { AuditService } from '../modules/audit/audit.service.js';
import { resolveDatabase } from './database-url.js';
import { rotatePii } from './pii-rotation.js';

async function main() {
  const config = loadConfig();
  if (!config.isProduction) resolveDevSecrets(config);
  const db = await resolveDatabase(config);
  const app = await createApp(config, db.url, createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL));
  try {
    const cipher = app.get(FieldCipher);
    const done = await rotatePii(app.get(DataSource), cipher, app.get(AuditService));
    const counts = Object.entries(done).map(([table, n]) => `${table} ${n}`).join(', ');
    console.log(`Re-encrypted with key ${cipher.keyId}: ${counts}. Nothing is left on another key; PII_PREVIOUS_KEYS can be removed.`);
  } finally {
    await app.close();
    await db.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
