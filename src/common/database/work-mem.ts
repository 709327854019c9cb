import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs `work` in its own transaction with PostgreSQL's `work_mem` raised to `size` for that
 * transaction only (`SET LOCAL`): a report's sorts stay in memory instead of spilling to disk,
 * and the connection goes back to the pool with its usual setting.
 */
export function withWorkMem<T>(dataSource: DataSource, size: `${number}MB`, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL work_mem = '${size}'`);
    return work(manager);
  });
}
