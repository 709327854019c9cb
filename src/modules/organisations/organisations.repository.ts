import { Injectable } from '@nestjs/common';
import { lockRow } from '../../common/database/row-lock.js';
import { DataSource, type EntityManager } from 'typeorm';
import { Organisation } from './entities/organisation.entity.js';

@Injectable()
export class OrganisationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Organisation | null> {
    return manager.getRepository(Organisation).findOneBy({ id });
  }

  findByIds(ids: string[]): Promise<Organisation[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource.getRepository(Organisation).createQueryBuilder('o').where('o.id = ANY(:ids)', { ids }).getMany();
  }

  lockById(manager: EntityManager, id: string): Promise<Organisation | null> {
    return lockRow(manager, Organisation, id);
  }

  registrationTaken(manager: EntityManager, country: string, registrationNumber: string, exceptId?: string): Promise<boolean> {
    const qb = manager
      .getRepository(Organisation)
      .createQueryBuilder('o')
      .where('o.country = :country AND o.registrationNumber = :registrationNumber', { country, registrationNumber });
    if (exceptId) qb.andWhere('o.id <> :exceptId', { exceptId });
    return qb.getExists();
  }

  save(manager: EntityManager, organisation: Organisation): Promise<Organisation> {
    return manager.getRepository(Organisation).save(organisation);
  }

  create(manager: EntityManager, fields: Partial<Organisation>): Organisation {
    return manager.getRepository(Organisation).create(fields);
  }

  listQuery(filter: { country?: string; status?: string; countries?: string[] | null }) {
    const qb = this.dataSource.getRepository(Organisation).createQueryBuilder('o');
    if (filter.country) qb.andWhere('o.country = :country', { country: filter.country });
    if (filter.status) qb.andWhere('o.status = :status', { status: filter.status });
    if (filter.countries) qb.andWhere('o.country IN (:...countries)', { countries: filter.countries.length ? filter.countries : ['--'] });
    return qb;
  }
}
