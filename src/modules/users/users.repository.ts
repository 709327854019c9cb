import { Injectable } from '@nestjs/common';
import { lockRow } from '../../common/database/row-lock.js';
import { DataSource, type EntityManager } from 'typeorm';
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
