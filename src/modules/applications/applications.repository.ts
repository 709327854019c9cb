import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ApplicationStatus } from './domain/application.types.js';
import { ApplicationDocument } from './entities/application-document.entity.js';
import { ApplicationEvent } from './entities/application-event.entity.js';
import { ApplicationItem } from './entities/application-item.entity.js';
import { Application } from './entities/application.entity.js';

@Injectable()
export class ApplicationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Application | null> {
    return manager.getRepository(Application).findOneBy({ id });
  }

  /** `SELECT … FOR UPDATE`: every change of an application holds this lock. */
  lockById(manager: EntityManager, id: string): Promise<Application | null> {
    return manager.getRepository(Application).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(manager: EntityManager, fields: Partial<Application>): Promise<Application> {
    const repo = manager.getRepository(Application);
    return repo.save(repo.create(fields));
  }

  /**
   * Writes the changed fields of a locked application in one UPDATE (TypeORM bumps `version` and
   * `updated_at`) and copies the new version and time onto the entity.
   */
  async update(manager: EntityManager, app: Application, fields: Partial<Application>): Promise<Application> {
    const result = await manager
      .createQueryBuilder()
      .update(Application)
      .set(fields as never)
      .where('id = :id', { id: app.id })
      .returning('version, updated_at')
      .execute();
    const row = (result.raw as { version: number; updated_at: Date }[])[0];
    return Object.assign(app, fields, { version: row.version, updatedAt: row.updated_at });
  }

  /** Replaces the items of an application (none to delete for a new one). */
  async replaceItems(
    manager: EntityManager,
    applicationId: string,
    items: { type: string; description: string; amount: string }[],
    options: { fresh?: boolean } = {},
  ): Promise<ApplicationItem[]> {
    if (!options.fresh) await manager.getRepository(ApplicationItem).delete({ applicationId });
    const repo = manager.getRepository(ApplicationItem);
    const rows = items.map((item, position) => repo.create({ ...item, applicationId, position, approvedAmount: null } as Partial<ApplicationItem>));
    await repo.insert(rows as never);
    return rows;
  }

  itemsOf(applicationIds: string[], manager: EntityManager = this.dataSource.manager): Promise<ApplicationItem[]> {
    if (!applicationIds.length) return Promise.resolve([]);
    return manager
      .getRepository(ApplicationItem)
      .createQueryBuilder('i')
      .where('i.applicationId IN (:...ids)', { ids: applicationIds })
      .orderBy('i.position')
      .getMany();
  }

  /**
   * The next reference number of a country and year. The upsert locks the counter row until the
   * transaction ends, so numbers are consecutive and a rolled-back submission leaves no gap.
   */
  async nextReferenceNumber(manager: EntityManager, country: string, year: number): Promise<number> {
    const rows: { last_number: number }[] = await manager.query(
      `INSERT INTO reference_counter (scope, country, year, last_number) VALUES ('EF', $1, $2, 1)
       ON CONFLICT (scope, country, year) DO UPDATE SET last_number = reference_counter.last_number + 1
       RETURNING last_number`,
      [country, year],
    );
    return rows[0].last_number;
  }

  async addEvent(
    manager: EntityManager,
    event: { applicationId: string; action: string; fromStatus: ApplicationStatus | null; toStatus: ApplicationStatus; comment?: string | null; actorId: string | null; actorRole: string | null },
  ): Promise<void> {
    const repo = manager.getRepository(ApplicationEvent);
    await repo.save(repo.create({ ...event, comment: event.comment ?? null }));
  }

  events(applicationId: string): Promise<ApplicationEvent[]> {
    return this.dataSource.getRepository(ApplicationEvent).find({ where: { applicationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The beneficiary if it belongs to the organisation, with the organisation's country. */
  async beneficiaryOf(manager: EntityManager, beneficiaryId: string, organisationId: string): Promise<{ id: string; code: string; country: string } | null> {
    const rows: { id: string; code: string; country: string }[] = await manager.query(
      'SELECT b.id, b.code, o.country FROM beneficiary b JOIN organisation o ON o.id = b.organisation_id WHERE b.id = $1 AND b.organisation_id = $2',
      [beneficiaryId, organisationId],
    );
    return rows[0] ?? null;
  }

  async beneficiaryCodes(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; code: string }[] = await this.dataSource.query('SELECT id, code FROM beneficiary WHERE id = ANY($1::uuid[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.code]));
  }

  listQuery(filter: {
    organisationId?: string;
    countries: string[] | null;
    status?: string;
    country?: string;
    fundId?: string;
    beneficiaryId?: string;
  }) {
    const qb = this.dataSource.getRepository(Application).createQueryBuilder('a');
    if (filter.organisationId) qb.andWhere('a.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.countries) qb.andWhere('a.country = ANY(:countries)', { countries: filter.countries });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.country) qb.andWhere('a.country = :country', { country: filter.country });
    if (filter.fundId) qb.andWhere('a.fundId = :fundId', { fundId: filter.fundId });
    if (filter.beneficiaryId) qb.andWhere('a.beneficiaryId = :beneficiaryId', { beneficiaryId: filter.beneficiaryId });
    return qb;
  }

  insertDocument(manager: EntityManager, document: Omit<ApplicationDocument, 'id' | 'createdAt'>): Promise<ApplicationDocument> {
    const repo = manager.getRepository(ApplicationDocument);
    return repo.save(repo.create(document));
  }

  documentsOf(applicationId: string): Promise<ApplicationDocument[]> {
    return this.dataSource.getRepository(ApplicationDocument).find({ where: { applicationId }, order: { createdAt: 'ASC' } });
  }

  findDocument(applicationId: string, documentId: string): Promise<ApplicationDocument | null> {
    return this.dataSource.getRepository(ApplicationDocument).findOneBy({ id: documentId, applicationId });
  }
}
