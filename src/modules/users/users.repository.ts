import { Injectable } from '@nestjs/common';
import { lockRow } from '../../common/database/row-lock.js';
import { DataSource, type EntityManager } from 'typeorm';
import { FORGET_COUNTERS, loginFailurePrefix } from '../../common/rate-limit/request-counters.js';
import { User } from './entities/user.entity.js';

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  lockById(manager: EntityManager, id: string): Promise<User | null> {
    return lockRow(manager, User, id);
  }

  lockByEmail(manager: EntityManager, emailNormalised: string): Promise<User | null> {
    return manager
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.emailNormalised = :emailNormalised', { emailNormalised })
      .setLock('for_no_key_update')
      .getOne();
  }

  /**
   * Changes that may take away an admin (disabling, demoting) run one at a time: a transaction-level
   * advisory lock, held until commit, taken before any row lock (so it cannot deadlock with one).
   */
  async serialiseAdminChanges(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('admin-set'))`);
  }

  /** Active admins as committed now (READ COMMITTED: the statement sees every change committed before it). */
  async countActiveAdmins(manager: EntityManager): Promise<number> {
    const [row]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM app_user WHERE role = 'admin' AND status = 'active'`,
    );
    return row.n;
  }

  /** Forgets the user's failed logins from every address (an admin unlocking the account). */
  async forgetLoginFailures(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(FORGET_COUNTERS, [loginFailurePrefix(userId)]);
  }

  emailTaken(manager: EntityManager, emailNormalised: string): Promise<boolean> {
    return manager.getRepository(User).existsBy({ emailNormalised });
  }

  create(manager: EntityManager, fields: Partial<User>): User {
    return manager.getRepository(User).create(fields);
  }

  save(manager: EntityManager, user: User): Promise<User> {
    return manager.getRepository(User).save(user);
  }

  listQuery(filter: { role?: string; organisationId?: string; country?: string }) {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    if (filter.role) qb.andWhere('u.role = :role', { role: filter.role });
    if (filter.organisationId) qb.andWhere('u.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.country) qb.andWhere(':country = ANY(u.countries)', { country: filter.country });
    return qb;
  }
}
