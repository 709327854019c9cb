import type { DataSource, EntityManager } from 'typeorm';

interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a statement as a named prepared statement on the transaction's connection: PostgreSQL parses
 * and plans it once per connection instead of on every call. For the hot paths' larger statements;
 * `name` must always go with the same `text`.
 */
export async function preparedQuery<T = never>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = (manager.queryRunner as unknown as { databaseConnection?: PgClient } | undefined)?.databaseConnection;
  if (!client) return manager.query(text, values) as Promise<T[]>;
  return (await client.query({ name, text, values })).rows as T[];
}

interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * A read that is one statement, as a named prepared statement on any pooled connection (each
 * connection prepares it once): no query runner to take and give back, no parse and plan per call.
 * For the reads every request makes (the signed-in user) and the detail reads.
 */
export async function pooledPreparedQuery<T = never>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as unknown as { master?: PgPool }).master;
  if (!pool) return dataSource.query(text, values) as Promise<T[]>;
  return (await pool.query({ name, text, values })).rows as T[];
}
