import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';

/**
 * The channel on which the database announces a change of what a signed-in request reads of a user
 * (status, token version, role, countries, organisation, e-mail): the payload is the user's id, or
 * `EVERY_USER` (an organisation's country changed, or users were truncated). Triggers send it
 * (migration `SignedInUserNotices`), so every writer is covered, this service or any other.
 */
const USER_CHANGED_CHANNEL = 'ef_user_changed';
const EVERY_USER = '*';

/** The listener's own connection, as `pg_stat_activity` names it. */
export const LISTENER_APPLICATION_NAME = 'emergency-fund-user-changes';

/** Kept at most; past it the oldest entry goes. */
const MAX_ENTRIES = 10_000;
/** After losing its connection, the listener tries again after this long, doubling up to the cap. */
const RETRY_MS = { first: 500, cap: 30_000 };

interface PgPool {
  options: pg.ClientConfig;
}

/**
 * The signed-in users' records, as every authenticated request reads them, kept in memory for up to
 * `SIGNED_IN_USER_CACHE_SECONDS`, so a request costs no statement for its caller. Kept only while
 * this process listens to `USER_CHANGED_CHANNEL`: a change anyone commits evicts the record on every
 * instance as soon as PostgreSQL delivers the notice (milliseconds). While the listener is not
 * connected (starting, lost, reconnecting) nothing is kept and every request reads the database;
 * whatever was kept is dropped when the connection is lost and when it comes back, since notices
 * sent in between are gone. A read that was under way while a notice arrived is not kept (`epoch`),
 * so a record read before a change committed cannot outlive the change's notice. This instance's
 * own changes also evict at once, before their answer is sent (`forget`), so its next request sees
 * them whether or not the notice has arrived yet.
 */
@Injectable()
export class SignedInUsers implements OnApplicationShutdown {
  private readonly entries = new Map<string, { record: unknown; at: number }>();
  /** Bumped by every eviction: a read started before one is not kept. */
  private epoch = 0;
  private client: pg.Client | null = null;
  private listening = false;
  private connecting = false;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private retryMs = RETRY_MS.first;
  private readonly maxAgeMs: number;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.maxAgeMs = config.SIGNED_IN_USER_CACHE_SECONDS * 1000;
  }

  /** Whether records are being kept now (the listener is connected and listening). */
  get keeping(): boolean {
    return this.listening;
  }

  /**
   * The record of user `id`: the kept one if there is one and `usable` accepts it, otherwise
   * `load`'s (kept when nothing was evicted meanwhile). A kept record that `usable` refuses (a token
   * newer than it, say) is read again, so a refusal never rests on a kept record.
   */
  async read<T>(id: string, load: () => Promise<T | null>, usable: (record: T) => boolean): Promise<T | null> {
    if (this.maxAgeMs === 0) return load();
    if (!this.listening) this.listen();
    else {
      const kept = this.entries.get(id);
      if (kept && Date.now() - kept.at < this.maxAgeMs && usable(kept.record as T)) return kept.record as T;
    }
    const epoch = this.epoch;
    const record = await load();
    if (record !== null && this.listening && epoch === this.epoch) this.keep(id, record);
    return record;
  }

  /** Drops what is kept of user `id`: call it once a change to the user has committed. */
  forget(id: string): void {
    this.epoch += 1;
    this.entries.delete(id);
  }

  forgetAll(): void {
    this.epoch += 1;
    this.entries.clear();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private keep(id: string, record: unknown): void {
    this.entries.delete(id);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(id, { record, at: Date.now() });
  }

  /** Connects the listener in the background, once; until it listens, `read` keeps nothing. */
  private listen(): void {
    if (this.connecting || this.retry || this.stopped) return;
    const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
    if (!pool) return;
    this.connecting = true;
    const client = new pg.Client({ ...pool.options, application_name: LISTENER_APPLICATION_NAME });
    let gone = false;
    const lost = () => {
      if (gone) return;
      gone = true;
      this.lost(client);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (notice) => {
      if (notice.channel !== USER_CHANGED_CHANNEL) return;
      if (!notice.payload || notice.payload === EVERY_USER) this.forgetAll();
      else this.forget(notice.payload);
    });
    void (async () => {
      try {
        await client.connect();
        await client.query(`LISTEN ${USER_CHANGED_CHANNEL}`);
      } catch {
        lost();
        return;
      }
      this.connecting = false;
      if (gone) return;
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.forgetAll();
      this.listening = true;
      this.retryMs = RETRY_MS.first;
    })();
  }

  private lost(client: pg.Client): void {
    this.connecting = false;
    if (this.client === client) this.client = null;
    this.listening = false;
    this.forgetAll();
    client.end().catch(() => undefined);
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.listen();
    }, this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MS.cap);
  }
}
