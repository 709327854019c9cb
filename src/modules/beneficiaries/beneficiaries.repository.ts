import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '../../common/database/prepared.js';
import { SAME_PERSON } from './beneficiaries.sql.js';
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

  /** Only what redaction needs (the id and the encrypted personal data), as a prepared statement. */
  async piiById(manager: EntityManager, id: string): Promise<Pick<Beneficiary, 'id' | 'piiEnc'> | null> {
    const rows: { id: string; pii_enc: string }[] = await preparedQuery(
      manager,
      'ef_beneficiary_pii',
      'SELECT id, pii_enc FROM beneficiary WHERE id = $1::uuid',
      [id],
    );
    return rows[0] ? { id: rows[0].id, piiEnc: rows[0].pii_enc } : null;
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

  /**
   * Which of these beneficiaries share a person or document hash with another registration:
   * `organisation` only counts registrations of the same organisation (what an NGO user may learn),
   * `anywhere` counts every organisation in every country (officers and admins).
   */
  async withDuplicates(
    ids: string[],
    scope: 'organisation' | 'anywhere',
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await manager.query(
      `SELECT DISTINCT b.id FROM beneficiary b
         JOIN beneficiary o ON o.id <> b.id AND ${SAME_PERSON}
          ${scope === 'organisation' ? 'AND o.organisation_id = b.organisation_id' : ''}
        WHERE b.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Registrations no application ever used, created before `before`: what probing the duplicate check
   * would leave behind. Newest first, one page at a time.
   */
  unusedQuery(before: Date) {
    return this.dataSource
      .getRepository(Beneficiary)
      .createQueryBuilder('b')
      .where('b.createdAt < :before', { before })
      .andWhere('NOT EXISTS (SELECT 1 FROM application a WHERE a.beneficiary_id = b.id)');
  }

  /** Organisation names and user e-mails by id, for the admin list of unused registrations. */
  async namesFor(
    organisationIds: string[],
    userIds: string[],
  ): Promise<{ organisations: Map<string, string>; users: Map<string, string> }> {
    const [orgs, users]: [{ id: string; name: string }[], { id: string; email: string }[]] = await Promise.all([
      organisationIds.length
        ? this.dataSource.query('SELECT id, name FROM organisation WHERE id = ANY($1::uuid[])', [organisationIds])
        : [],
      userIds.length ? this.dataSource.query('SELECT id, email FROM app_user WHERE id = ANY($1::uuid[])', [userIds]) : [],
    ]);
    return { organisations: new Map(orgs.map((o) => [o.id, o.name])), users: new Map(users.map((u) => [u.id, u.email])) };
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
