import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Beneficiary } from './entities/beneficiary.entity.js';

@Injectable()
export class BeneficiariesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts unless the code is taken; returns false on a code collision so the caller draws another. */
  async insertIfCodeFree(manager: EntityManager, beneficiary: Partial<Beneficiary>): Promise<boolean> {
    const result = await manager.createQueryBuilder().insert().into(Beneficiary).values(beneficiary).orIgnore().returning(['id']).execute();
    return result.raw.length > 0;
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Beneficiary | null> {
    return manager.getRepository(Beneficiary).findOneBy({ id });
  }

  /** The row locked for a correction (`FOR UPDATE`), or null. */
  lockById(manager: EntityManager, id: string): Promise<Beneficiary | null> {
    return manager.getRepository(Beneficiary).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Writes a correction of a locked row: the changed fields, the version moved on by one. */
  async update(manager: EntityManager, id: string, fields: Partial<Beneficiary>): Promise<void> {
    await manager.getRepository(Beneficiary).update({ id }, { ...fields, version: () => 'version + 1' });
  }

  /** The organisation's country, for officers' country scope. */
  async organisationCountry(organisationId: string): Promise<string | null> {
    const rows: { country: string }[] = await this.dataSource.query('SELECT country FROM organisation WHERE id = $1', [organisationId]);
    return rows[0]?.country ?? null;
  }

  /** Which of these beneficiaries share a person or document hash with one of another organisation. */
  async withDuplicatesElsewhere(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await manager.query(
      `SELECT DISTINCT b.id FROM beneficiary b
         JOIN beneficiary o ON o.organisation_id <> b.organisation_id
          AND (o.person_hash = b.person_hash OR (b.document_hash IS NOT NULL AND o.document_hash = b.document_hash))
        WHERE b.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  listQuery(filter: { organisationId?: string; countries: string[] | null; category?: string; code?: string }) {
    const qb = this.dataSource.getRepository(Beneficiary).createQueryBuilder('b');
    if (filter.organisationId) qb.andWhere('b.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.countries) {
      qb.andWhere('b.organisationId IN (SELECT o.id FROM organisation o WHERE o.country = ANY(:countries))', {
        countries: filter.countries,
      });
    }
    if (filter.category) qb.andWhere('b.category = :category', { category: filter.category });
    if (filter.code) qb.andWhere('b.code = :code', { code: filter.code });
    return qb;
  }
}
