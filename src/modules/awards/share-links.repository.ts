import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AwardShareLink } from './entities/award-share-link.entity.js';

/** What the public routes need of a working link. */
export type WorkingLink = Pick<AwardShareLink, 'id' | 'awardId' | 'language' | 'letterVersion' | 'expiresAt'>;

@Injectable()
export class ShareLinksRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(manager: EntityManager = this.dataSource.manager) {
    return manager.getRepository(AwardShareLink);
  }

  insert(
    manager: EntityManager,
    link: Pick<AwardShareLink, 'awardId' | 'tokenHash' | 'language' | 'letterVersion' | 'expiresAt' | 'createdBy'>,
  ): Promise<AwardShareLink> {
    return this.repo(manager).save(this.repo(manager).create(link));
  }

  /** Links of the award neither withdrawn nor expired at `now` (its row is locked by the caller, so the count holds until commit). */
  countActive(manager: EntityManager, awardId: string, now: Date): Promise<number> {
    return this.repo(manager)
      .createQueryBuilder('l')
      .where('l.awardId = :awardId AND l.revokedAt IS NULL AND l.expiresAt > :now', { awardId, now })
      .getCount();
  }

  /** Every link of the award, newest first. */
  listForAward(awardId: string): Promise<AwardShareLink[]> {
    return this.repo().find({ where: { awardId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  /** The award's link, locked until the transaction ends; null when the award has no such link. */
  lockForAward(manager: EntityManager, awardId: string, id: string): Promise<AwardShareLink | null> {
    return this.repo(manager)
      .createQueryBuilder('l')
      .where('l.id = :id AND l.awardId = :awardId', { id, awardId })
      .setLock('for_no_key_update')
      .getOne();
  }

  async markRevoked(manager: EntityManager, id: string, by: string, at: Date): Promise<void> {
    await this.repo(manager).update({ id }, { revokedAt: at, revokedBy: by });
  }

  /**
   * The working link with this token hash, counted as opened, in one statement: concurrent opens
   * each add one (the row lock of the UPDATE orders them), and an expired or withdrawn link is not
   * found, so it is not counted either.
   */
  async open(tokenHash: string, now: Date): Promise<WorkingLink | null> {
    const [rows]: [{ id: string; award_id: string; language: string; letter_version: number; expires_at: Date }[], number] =
      await this.dataSource.query(
        `UPDATE award_share_link SET open_count = open_count + 1, last_opened_at = $2
          WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2
          RETURNING id, award_id, language, letter_version, expires_at`,
        [tokenHash, now],
      );
    const [r] = rows;
    return r ? { id: r.id, awardId: r.award_id, language: r.language, letterVersion: r.letter_version, expiresAt: r.expires_at } : null;
  }

  /** The working link with this token hash, without counting (the PDF behind a page already counted). */
  findWorking(tokenHash: string, now: Date): Promise<WorkingLink | null> {
    return this.repo()
      .createQueryBuilder('l')
      .where('l.tokenHash = :tokenHash AND l.revokedAt IS NULL AND l.expiresAt > :now', { tokenHash, now })
      .getOne();
  }
}
