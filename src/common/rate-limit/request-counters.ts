import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One counted hit: the count in the key's current window, and the seconds until that window ends. */
export interface CounterHit {
  count: number;
  resetsInSeconds: number;
}

/** Where limits count: PostgreSQL in the app (shared by every instance), memory in unit tests. */
export interface CounterStore {
  hit(key: string, windowSeconds: number): Promise<CounterHit>;
}

/**
 * One more hit on `$1`, atomically, in a window of `$2` seconds that starts at the key's first hit
 * (a window that has ended starts afresh). The database clock decides, so every instance agrees.
 */
const HIT = `INSERT INTO request_counter AS c (key, window_start, count, expires_at)
  VALUES ($1, now(), 1, now() + make_interval(secs => $2))
  ON CONFLICT (key) DO UPDATE SET
    window_start = CASE WHEN c.expires_at <= now() THEN now() ELSE c.window_start END,
    count = CASE WHEN c.expires_at <= now() THEN 1 ELSE c.count + 1 END,
    expires_at = CASE WHEN c.expires_at <= now() THEN now() + make_interval(secs => $2) ELSE c.expires_at END
  RETURNING count, EXTRACT(EPOCH FROM c.expires_at - now())::float8 AS remaining`;

/** Key `$1`'s window runs for `$2` seconds from now (a lock that starts with the failure that set it). */
const EXTEND = `UPDATE request_counter SET expires_at = now() + make_interval(secs => $2) WHERE key = $1`;

/** Every counter of keys starting with `$1` (an admin unlocking an account forgets its failures). */
export const FORGET_COUNTERS = `DELETE FROM request_counter WHERE starts_with(key, $1)`;

/** Windows that ended a while ago; nothing reads them any more. */
const PRUNE = `DELETE FROM request_counter WHERE expires_at < now() - interval '1 minute'`;

/** About one hit in this many also deletes ended windows, so the table stays small without a job. */
const PRUNE_EVERY = 200;

/**
 * Rate-limit and failed-login counters kept in PostgreSQL (`request_counter`: key, window, count), so
 * that every app instance behind the load balancer counts the same requests: a client cannot multiply
 * its allowance by the number of instances. One upsert per counted request.
 */
@Injectable()
export class RequestCounters implements CounterStore {
  constructor(private readonly dataSource: DataSource) {}

  async hit(key: string, windowSeconds: number): Promise<CounterHit> {
    const rows: { count: number; remaining: number }[] = await this.dataSource.query(HIT, [key, windowSeconds]);
    if (Math.random() * PRUNE_EVERY < 1) await this.dataSource.query(PRUNE);
    return { count: rows[0].count, resetsInSeconds: Math.max(1, Math.ceil(rows[0].remaining)) };
  }

  async extend(key: string, seconds: number): Promise<void> {
    await this.dataSource.query(EXTEND, [key, seconds]);
  }

  async forget(keyPrefix: string): Promise<void> {
    await this.dataSource.query(FORGET_COUNTERS, [keyPrefix]);
  }
}

/**
 * The counter of failed logins of one account from one client address. An account is keyed by its
 * id; an unknown e-mail by a hash of it (counted the same way, so its answer takes the same path).
 */
export function loginFailureKey(account: { userId: string } | { email: string }, address: string): string {
  const who = 'userId' in account ? account.userId : `e-${createHash('sha256').update(account.email).digest('hex').slice(0, 32)}`;
  return `${loginFailurePrefix(who)}${address}`;
}

export const loginFailurePrefix = (userId: string) => `login-fail:${userId}:`;

/** A client address in logs and audit events: a short hash, enough to correlate, not the address itself. */
export const addressTag = (address: string | undefined) =>
  createHash('sha256')
    .update(address ?? 'unknown')
    .digest('hex')
    .slice(0, 16);
