import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The row with this id, locked (`SELECT … FOR NO KEY UPDATE`) until the caller's transaction ends;
 * null if there is none. Two such locks on a row never overlap, and no other write gets through,
 * but a new row that merely references this one (a foreign key check takes KEY SHARE) does not
 * wait: with FOR UPDATE, an insert that had taken its audit chain and then checked its keys
 * deadlocked with a holder of the row waiting for the same chain (found by the load test). Ids
 * never change, so nothing here needs the stronger lock.
 */
export function lockRow<E extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<E>, id: string): Promise<E | null> {
  return manager.getRepository(entity).createQueryBuilder('row').where('row.id = :id', { id }).setLock('for_no_key_update').getOne();
}
