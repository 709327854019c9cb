import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pooledPreparedQuery } from '../../common/database/prepared.js';
import { lockRow } from '../../common/database/row-lock.js';
import { type LetterSummary, letterSummaryFromJson } from '../letters/dto/letter.dto.js';
import { currentLetterSummaryJson } from '../letters/letters.sql.js';
import { Award } from './entities/award.entity.js';

/** An award to insert; the number, and the person's category and sex, come from the database. */
export type NewAward = Omit<
  Award,
  | 'id'
  | 'number'
  | 'createdAt'
  | 'updatedAt'
  | 'version'
  | 'status'
  | 'application'
  | 'letterVersion'
  | 'committed'
  | 'beneficiaryCategory'
  | 'beneficiarySex'
>;

@Injectable()
export class AwardsRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string): Promise<Award | null> {
    return this.dataSource.getRepository(Award).findOneBy({ id });
  }

  /**
   * One award with what its answer shows besides the row, in one prepared statement: the
   * beneficiary's code and the current letter. Null when there is none.
   */
  async detail(id: string): Promise<{ award: Award; beneficiaryCode: string; letter: LetterSummary | null } | null> {
    const rows: Record<string, unknown>[] = await pooledPreparedQuery(
      this.dataSource,
      'ef_award_detail',
      `SELECT w.*, b.code AS beneficiary_code, ${currentLetterSummaryJson('w')} AS letter_json
         FROM award w JOIN beneficiary b ON b.id = w.beneficiary_id
        WHERE w.id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    const award = Object.assign(new Award(), {
      id: r.id,
      number: r.number,
      applicationId: r.application_id,
      organisationId: r.organisation_id,
      fundId: r.fund_id,
      beneficiaryId: r.beneficiary_id,
      beneficiaryCategory: r.beneficiary_category,
      beneficiarySex: r.beneficiary_sex,
      country: r.country,
      currency: r.currency,
      amount: r.amount,
      items: r.items,
      conditions: r.conditions,
      approvers: r.approvers,
      status: r.status,
      language: r.language,
      committed: r.committed,
      letterVersion: r.letter_version,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      version: r.version,
    });
    const letter = r.letter_json as LetterSummary | null;
    return { award, beneficiaryCode: r.beneficiary_code as string, letter: letter && letterSummaryFromJson(letter) };
  }

  /** The award row, locked until the transaction ends (amendments of one award run one after the other). */
  lockForUpdate(manager: EntityManager, id: string): Promise<Award | null> {
    return lockRow(manager, Award, id);
  }

  /** The application's items as requested: an amendment grants at most these. */
  requestedItems(
    manager: EntityManager,
    applicationId: string,
  ): Promise<{ id: string; type: string; description: string; amount: string }[]> {
    return manager.query(
      'SELECT id, type, description, amount::text AS amount FROM application_item WHERE application_id = $1 ORDER BY position, id',
      [applicationId],
    );
  }

  async saveAmendment(
    manager: EntityManager,
    award: Award,
    change: Pick<Award, 'amount' | 'items' | 'conditions' | 'committed'>,
  ): Promise<Award> {
    await manager
      .getRepository(Award)
      .update({ id: award.id, version: award.version }, { ...change, letterVersion: award.letterVersion + 1, version: award.version + 1 });
    return (await manager.getRepository(Award).findOneBy({ id: award.id }))!;
  }

  /** Closed by hand, nothing committed any more (in the transaction that released it; the row is locked). */
  async closeOut(manager: EntityManager, award: Award): Promise<void> {
    await manager
      .getRepository(Award)
      .update({ id: award.id, version: award.version }, { status: 'closed', committed: '0', version: award.version + 1 });
  }

  async beneficiaryCodes(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: { id: string; code: string }[] = await this.dataSource.query(
      'SELECT id, code FROM beneficiary WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.code]));
  }

  listQuery(filter: { organisationId?: string; countries: string[] | null; country?: string; status?: string; applicationId?: string }) {
    const qb = this.dataSource.getRepository(Award).createQueryBuilder('a');
    if (filter.organisationId) qb.andWhere('a.organisationId = :organisationId', { organisationId: filter.organisationId });
    if (filter.countries) qb.andWhere('a.country = ANY(:countries)', { countries: filter.countries });
    if (filter.country) qb.andWhere('a.country = :country', { country: filter.country });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.applicationId) qb.andWhere('a.applicationId = :applicationId', { applicationId: filter.applicationId });
    return qb;
  }
}
