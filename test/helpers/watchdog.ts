import pg from 'pg';
import type { TestApp } from './test-app.js';

/**
 * For long property tests: a step that has not finished after `ms` fails at once with what the
 * database was doing at that moment (every session of the test database with its state, wait event,
 * blockers and query, and the app's pool counts), instead of running into Jest's timeout with no
 * seed and no clue. It reads pg_stat_activity over a connection of its own, so an exhausted app pool
 * cannot hide the answer.
 */
export async function withinOrExplain<T>(t: TestApp, label: string, ms: number, step: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void describeDatabase(t).then(
        (state) => reject(new Error(`${label} did not finish within ${ms} ms\n${state}`)),
        (err: unknown) => reject(new Error(`${label} did not finish within ${ms} ms (database state unreadable: ${String(err)})`)),
      );
    }, ms);
  });
  try {
    return await Promise.race([step(), stalled]);
  } finally {
    clearTimeout(timer);
  }
}

async function describeDatabase(t: TestApp): Promise<string> {
  const client = new pg.Client({ connectionString: t.databaseUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT pid, state, wait_event_type, wait_event, pg_blocking_pids(pid) AS blocked_by,
              round(extract(epoch FROM now() - xact_start)::numeric, 1) AS xact_seconds, left(query, 300) AS query
         FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
        ORDER BY xact_start NULLS LAST`,
    );
    const pool = (t.dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
    const poolLine = pool
      ? `app pool: ${pool.totalCount} connections, ${pool.idleCount} idle, ${pool.waitingCount} requests waiting for one`
      : 'app pool: unknown';
    return [poolLine, ...rows.map((r) => JSON.stringify(r))].join('\n');
  } finally {
    await client.end();
  }
}
