import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '../../common/database/prepared.js';
import { auditEventInsert, auditEventParam, type PreparedAuditEvent } from '../audit/audit.sql.js';
import { SAME_PERSON } from './beneficiaries.sql.js';
import { Beneficiary } from './entities/beneficiary.entity.js';

@Injectable()
export class BeneficiariesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Registers a person in one statement: the row (unless its code is taken), whether the same
   * organisation already registered what looks like the same person, and the audit event, whose
   * after-snapshot is `audit.after` plus `possibleDuplicate` and `createdAt` from the row. Null on
   * a code collision (nothing written), so the caller draws another code.
   */
  async register(
    manager: EntityManager,
    row: Pick<
      Beneficiary,
      | 'id'
      | 'code'
      | 'organisationId'
      | 'category'
      | 'flags'
      | 'sex'
      | 'birthYear'
      | 'nationality'
      | 'piiEnc'
      | 'personHash'
      | 'documentHash'
      | 'consentGivenAt'
      | 'consentMethod'
      | 'createdBy'
    >,
    audit: PreparedAuditEvent,
  ): Promise<{ createdAt: Date; version: number; possibleDuplicate: boolean } | null> {
    const rows: { created_at: Date; version: number; possible_duplicate: boolean }[] = await preparedQuery(
      manager,
      'ef_register_beneficiary',
      `WITH dup AS (
         SELECT EXISTS (SELECT 1 FROM beneficiary o
                         WHERE o.organisation_id = $3
                           AND (o.person_hash = $10 OR ($11::text IS NOT NULL AND o.document_hash = $11))) AS possible_duplicate),
       ins AS (
         INSERT INTO beneficiary (id, code, organisation_id, category, flags, sex, birth_year, nationality, pii_enc, person_hash, document_hash,
                                  consent_given_at, consent_method, created_by, version)
         VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11, $12, $13, $14, 1)
         ON CONFLICT DO NOTHING
         RETURNING id, created_at, version),
       audit AS (${auditEventInsert('$15', {
         from: 'ins, dup',
         after: `r.after || jsonb_build_object('possibleDuplicate', dup.possible_duplicate,
                  'createdAt', to_char(ins.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
       })})
       SELECT ins.created_at, ins.version, dup.possible_duplicate FROM ins, dup`,
      [
        row.id,
        row.code,
        row.organisationId,
        row.category,
        row.flags,
        row.sex,
        row.birthYear,
        row.nationality,
        row.piiEnc,
        row.personHash,
        row.documentHash,
        row.consentGivenAt,
        row.consentMethod,
        row.createdBy,
        auditEventParam(audit),
      ],
    );
    const r = rows[0];
    return r ? { createdAt: r.created_at, version: r.version, possibleDuplicate: r.possible_duplicate } : null;
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
