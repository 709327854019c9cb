import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './app-config.js';

interface StoredSecrets {
  JWT_SECRET: string;
  PII_KEY: string;
  PII_HASH_KEY: string;
  EMBEDDED_PG_PASSWORD: string;
}

/**
 * Outside production, secrets that are not set are generated once and kept in DATA_DIR/secrets.json
 * (mode 0600), so a second start can still read the data it encrypted.
 */
export function resolveDevSecrets(config: AppConfig): StoredSecrets {
  mkdirSync(config.DATA_DIR, { recursive: true });
  const file = join(config.DATA_DIR, 'secrets.json');
  let stored: StoredSecrets;
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  } else {
    stored = {
      JWT_SECRET: randomBytes(48).toString('base64url'),
      PII_KEY: randomBytes(32).toString('base64'),
      PII_HASH_KEY: randomBytes(32).toString('base64'),
      EMBEDDED_PG_PASSWORD: randomBytes(24).toString('base64url'),
    };
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  config.JWT_SECRET ??= stored.JWT_SECRET;
  config.PII_KEY ??= stored.PII_KEY;
  config.PII_HASH_KEY ??= stored.PII_HASH_KEY;
  return stored;
}
