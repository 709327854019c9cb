import type { AppConfig } from '../config/app-config.js';
import { resolveDevSecrets } from '../config/dev-secrets.js';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  embedded: EmbeddedDatabase | null;
}

/** DATABASE_URL when set; otherwise the embedded server in DATA_DIR (secrets generated there once). */
export async function resolveDatabase(config: AppConfig, log: (message: string) => void = () => undefined): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: null };
  const secrets = resolveDevSecrets(config);
  log(`Starting embedded PostgreSQL in ${config.DATA_DIR}/pg`);
  const embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, password: secrets.EMBEDDED_PG_PASSWORD });
  return { url: embedded.url, embedded };
}
