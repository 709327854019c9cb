import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import { isIP } from 'node:net';
import {
  IsBase64,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY read: hops (0-10) or a list of addresses, CIDRs and named ranges; null when malformed. */
function parseTrustProxy(value: unknown): number | string[] | null {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) <= 10 ? Number(text) : null;
  const items = text.split(',').map((s) => s.trim());
  const valid = (item: string) => {
    if (PROXY_NAMES.has(item)) return true;
    const [address, bits, ...rest] = item.split('/');
    const version = isIP(address ?? '');
    if (!version || rest.length) return false;
    if (bits === undefined) return true;
    return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
  };
  return items.length && items.every(valid) ? items : null;
}

@ValidatorConstraint({ name: 'trustProxy' })
class TrustProxyConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return parseTrustProxy(value) !== null;
  }
  defaultMessage(): string {
    return 'TRUST_PROXY must be a number of proxy hops (0-10) or a comma list of IP addresses, CIDR ranges, loopback, linklocal or uniquelocal';
  }
}

/**
 * Every setting the service reads, validated once at start. Names are the environment variables;
 * `.env.example` documents each. Secrets (JWT_SECRET, PII_KEY, PII_PREVIOUS_KEYS, PII_HASH_KEY, METRICS_TOKEN) are never logged.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Connections each app instance keeps to PostgreSQL. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(200)
  DATABASE_POOL_SIZE = 20;

  /**
   * The longest a request waits for a free database connection or for a row another request holds;
   * past it the request answers 503 DATABASE_BUSY (Retry-After) and writes nothing, instead of hanging.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  DATABASE_WAIT_SECONDS = 15;

  /** Folder for the embedded database and generated development secrets. */
  @IsString()
  DATA_DIR = '.data';

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Access token lifetime in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  /**
   * How long a signed-in user's record (status, token version, role, countries) may be reused in
   * memory instead of read for each request; evicted on every instance when it changes (see
   * `SignedInUsers`). 0 reads it on every request.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  SIGNED_IN_USER_CACHE_SECONDS = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  REFRESH_TOKEN_TTL_DAYS = 14;

  /** AES-256-GCM key for beneficiary PII and bank accounts: 32 bytes, base64. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsBase64({}, { message: 'PII_KEY must be 32 bytes encoded as base64' })
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_KEY must be 32 bytes encoded as base64' })
  PII_KEY?: string;

  /**
   * Keys PII was written with before PII_KEY, comma-separated (base64, 32 bytes each): read, never
   * written. Set while rotating the key; `npm run pii:rotate` re-encrypts everything with PII_KEY,
   * after which they are removed.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=(,[A-Za-z0-9+/]{43}=)*$/, {
    message: 'PII_PREVIOUS_KEYS must be 32-byte keys encoded as base64, separated by commas',
  })
  PII_PREVIOUS_KEYS?: string;

  /** HMAC key for the duplicate-person hash: 32 bytes, base64. Kept apart from PII_KEY so the key can rotate without re-hashing. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_HASH_KEY must be 32 bytes encoded as base64' })
  PII_HASH_KEY?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'DEMO_PASSWORD must be at least 12 characters' })
  DEMO_PASSWORD?: string;

  @IsIn(['full', 'minimal', 'none'])
  DEMO_SEED: 'full' | 'minimal' | 'none' = 'full';

  /** Write requests per user per minute; 0 turns the limit off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  RATE_LIMIT_PER_MINUTE = 300;

  /** Login attempts per client address per minute; 0 turns the limit off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  LOGIN_RATE_LIMIT_PER_MINUTE = 20;

  /** Calls per client address per minute to public routes that take a secret (token refresh, letter verification); 0 turns the limit off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PUBLIC_RATE_LIMIT_PER_MINUTE = 60;

  /**
   * Which proxies' X-Forwarded-For to believe, so the client address (rate limits, lock-outs, logs) is
   * the real client and not the load balancer: a number of hops in front of the app, or a comma list of
   * addresses, CIDR ranges and the names loopback, linklocal, uniquelocal. Default loopback only;
   * a header from anyone else is ignored (else a client could name any address it likes).
   */
  @Validate(TrustProxyConstraint)
  TRUST_PROXY = 'loopback';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** Comma-separated allowed origins; empty means no cross-origin access. */
  @IsString()
  CORS_ORIGINS = '';

  /**
   * Bearer token that Prometheus sends to read `/metrics` (at least 32 characters). Unset, the
   * metrics route answers 404 to everyone: process and route statistics are not for the internet.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'METRICS_TOKEN must be at least 32 characters' })
  METRICS_TOKEN?: string;

  /** Failed logins before the account is locked, and for how long. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOCKOUT_THRESHOLD = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOCKOUT_MINUTES = 15;

  /** Largest accepted document upload, in megabytes; larger uploads answer 413. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  MAX_UPLOAD_MB = 10;

  /** Most documents one application may hold; one more answers 409 DOCUMENT_LIMIT_REACHED. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  MAX_DOCUMENTS_PER_APPLICATION = 20;

  /** Largest bank statement accepted, in megabytes (100,000 lines are about 8 MB); larger ones answer 413. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  MAX_STATEMENT_MB = 64;

  /** A claimed application idle this many hours goes back to the queue. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  CLAIM_IDLE_HOURS = 24;

  /** Seconds between scheduler runs (overdue checks, lapsed claims); 0 turns the scheduler off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SCHEDULER_INTERVAL_SECONDS = 60;

  /** Where people reach the service: the verification link and QR code of award letters point here. Default http://localhost:<PORT>. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, {
    message: 'PUBLIC_BASE_URL must be an http(s) URL without query, e.g. https://ef.example.org',
  })
  PUBLIC_BASE_URL?: string;

  get publicBaseUrl(): string {
    return (this.PUBLIC_BASE_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** TRUST_PROXY as express's `trust proxy` setting takes it: a hop count, or a list of addresses and ranges. */
  get trustProxy(): number | string[] {
    return parseTrustProxy(this.TRUST_PROXY) ?? ['loopback'];
  }

  get corsOrigins(): string[] {
    return this.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  /** Settings after secrets were resolved: what the app needs to run. */
  get jwtSecret(): string {
    if (!this.JWT_SECRET) throw new Error('JWT_SECRET is not resolved');
    return this.JWT_SECRET;
  }

  get piiKey(): Buffer {
    if (!this.PII_KEY) throw new Error('PII_KEY is not resolved');
    return Buffer.from(this.PII_KEY, 'base64');
  }

  get piiPreviousKeys(): Buffer[] {
    return (this.PII_PREVIOUS_KEYS ?? '')
      .split(',')
      .filter(Boolean)
      .map((k) => Buffer.from(k, 'base64'));
  }

  get piiHashKey(): Buffer {
    if (!this.PII_HASH_KEY) throw new Error('PII_HASH_KEY is not resolved');
    return Buffer.from(this.PII_HASH_KEY, 'base64');
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Validates the environment; throws ConfigError listing every bad setting. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const input: Record<string, string> = {};
  for (const key of [
    ...known,
    'DATABASE_URL',
    'JWT_SECRET',
    'PII_KEY',
    'PII_PREVIOUS_KEYS',
    'PII_HASH_KEY',
    'DEMO_PASSWORD',
    'PUBLIC_BASE_URL',
    'METRICS_TOKEN',
  ]) {
    const value = env[key];
    if (value !== undefined) input[key] = value;
  }
  const config = plainToInstance(AppConfig, input);
  const problems = validateSync(config, { skipMissingProperties: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => (m.startsWith(e.property) ? m : `${e.property}: ${m}`)),
  );
  if (config.isProduction) {
    if (!config.JWT_SECRET) problems.push('JWT_SECRET is required in production');
    if (!config.PII_KEY) problems.push('PII_KEY is required in production');
    if (!config.PII_HASH_KEY) problems.push('PII_HASH_KEY is required in production');
    if (!config.DATABASE_URL) problems.push('DATABASE_URL is required in production (the embedded database is for development and demos)');
    if (!config.PUBLIC_BASE_URL)
      problems.push('PUBLIC_BASE_URL is required in production (award letters print it as their verification link)');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
