import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { LetterSubject } from './domain/letter-subject.js';
import { AwardLetter } from './entities/award-letter.entity.js';

/** What a letter says about the award besides the award row: names and references, never PII. */
export interface LetterFacts {
  organisationName: string;
  organisationAddress: string | null;
  fundName: string;
  beneficiaryCode: string;
  applicationReference: string;
  /** officer id → full name */
  officerNames: Map<string, string>;
}

@Injectable()
export class LettersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(AwardLetter);
  }

  async facts(manager: EntityManager, award: Pick<LetterSubject, 'applicationId' | 'approvers'>): Promise<LetterFacts> {
    const [row]: {
      organisation_name: string;
      organisation_address: string | null;
      fund_name: string;
      beneficiary_code: string;
      reference: string;
    }[] = await manager.query(
      `SELECT o.name AS organisation_name, o.address AS organisation_address, f.name AS fund_name, b.code AS beneficiary_code, a.reference
         FROM application a
         JOIN organisation o ON o.id = a.organisation_id
         JOIN fund f ON f.id = a.fund_id
         JOIN beneficiary b ON b.id = a.beneficiary_id
        WHERE a.id = $1`,
      [award.applicationId],
    );
    const officers: { id: string; full_name: string }[] = await manager.query(
      'SELECT id, full_name FROM app_user WHERE id = ANY($1::uuid[])',
      [award.approvers.map((a) => a.officerId)],
    );
    return {
      organisationName: row.organisation_name,
      organisationAddress: row.organisation_address,
      fundName: row.fund_name,
      beneficiaryCode: row.beneficiary_code,
      applicationReference: row.reference,
      officerNames: new Map(officers.map((o) => [o.id, o.full_name])),
    };
  }

  async insert(
    manager: EntityManager,
    letter: Pick<AwardLetter, 'awardId' | 'version' | 'language' | 'verificationCode' | 'verificationCodeHash' | 'content'>,
  ): Promise<AwardLetter> {
    return this.repo(manager).save(this.repo(manager).create(letter));
  }

  /** Another language of an existing version: one row per version and language, whoever asks first. */
  async insertIfAbsent(
    manager: EntityManager,
    letter: Pick<AwardLetter, 'awardId' | 'version' | 'language' | 'verificationCode' | 'verificationCodeHash' | 'content'>,
  ): Promise<void> {
    await this.repo(manager).createQueryBuilder().insert().values(letter).orIgnore().execute();
  }

  find(awardId: string, version: number, language: string, manager?: EntityManager): Promise<AwardLetter | null> {
    return this.repo(manager).findOneBy({ awardId, version, language });
  }

  /** Any letter of this version (the content is the same in every language). */
  anyOfVersion(awardId: string, version: number): Promise<AwardLetter | null> {
    return this.repo().findOne({ where: { awardId, version }, order: { createdAt: 'ASC' } });
  }

  listForAwards(awardIds: string[]): Promise<AwardLetter[]> {
    if (!awardIds.length) return Promise.resolve([]);
    return this.repo()
      .createQueryBuilder('l')
      .where('l.awardId = ANY(:awardIds)', { awardIds })
      .orderBy('l.version', 'ASC')
      .addOrderBy('l.createdAt', 'ASC')
      .getMany();
  }

  findByCodeHash(hash: string): Promise<(AwardLetter & { award: LetterSubject }) | null> {
    return this.repo().findOne({ where: { verificationCodeHash: hash }, relations: { award: true } }) as Promise<
      (AwardLetter & { award: LetterSubject }) | null
    >;
  }

  /** The letter row, locked until the transaction ends; with `skipLocked` null when another transaction holds it. */
  async lockForIssue(manager: EntityManager, id: string, skipLocked: boolean): Promise<AwardLetter | null> {
    const qb = this.repo(manager).createQueryBuilder('l').where('l.id = :id', { id }).setLock('pessimistic_write');
    if (skipLocked) qb.setOnLocked('skip_locked');
    return qb.getOne();
  }

  async markIssued(manager: EntityManager, id: string, file: { key: string; sha256: string; size: number }, at: Date): Promise<void> {
    await this.repo(manager).update(
      { id, status: 'pending' },
      { status: 'issued', fileKey: file.key, sha256: file.sha256, sizeBytes: file.size, issuedAt: at, lastError: null },
    );
  }

  /** A failed rendering: count it and wait before the scheduler tries again (1, 2, 4 … minutes, at most an hour). */
  async recordFailure(id: string, error: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE award_letter SET attempts = attempts + 1, last_error = $2,
              next_attempt_at = $3::timestamptz + least(interval '1 hour', interval '1 minute' * power(2, attempts))
        WHERE id = $1 AND status = 'pending'`,
      [id, error.slice(0, 500), now],
    );
  }

  async pendingIds(awardId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM award_letter WHERE award_id = $1 AND status = 'pending' ORDER BY version, created_at`,
      [awardId],
    );
    return rows.map((r) => r.id);
  }

  /** Letters waiting for a (new) rendering attempt, oldest first. */
  async dueIds(now: Date, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM award_letter WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }
}
