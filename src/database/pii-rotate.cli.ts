/**
 * `npm run pii:rotate`: re-encrypts every piece of PII and every bank account with PII_KEY. Run it
 * with the new key in PII_KEY and the old one in PII_PREVIOUS_KEYS (the app reads both meanwhile);
 * when it reports nothing left on an old key, remove PII_PREVIOUS_KEYS. See docs/security.md.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { FieldCipher } from '../common/crypto/field-cipher.js';
import { AuditService } from '../modules/audit/audit.service.js';
import { runCli } from './cli-app.js';
import { rotatePii } from './pii-rotation.js';

runCli(async (app) => {
  const cipher = app.get(FieldCipher);
  const done = await rotatePii(app.get(DataSource), cipher, app.get(AuditService));
  const counts = Object.entries(done)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ');
  console.log(`Re-encrypted with key ${cipher.keyId}: ${counts}. Nothing is left on another key; PII_PREVIOUS_KEYS can be removed.`);
});
