import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** The row with this id, locked (`SELECT … FOR UPDATE`) until the caller's transaction ends; null if there is none. */
export function lockRow<E extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<E>, id: string): Promise<E | null> {
  return manager.getRepository(entity).createQueryBuilder('row').where('row.id = :id', { id }).setLock('pessimistic_write').getOne();
}
