import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '../../common/database/prepared.js';
import { Notification, type NotificationKind } from './entities/notification.entity.js';
import { countryOfficers, noticeInsert, organisationCaseWorkers } from './notifications.sql.js';

@Injectable()
export class NotificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One notice per recipient; a repeated (user, dedupeKey) is skipped. */
  async insertMany(
    manager: EntityManager,
    recipients: string[],
    notice: { kind: NotificationKind; applicationId: string | null; text: string; dedupeKey: string | null },
  ): Promise<number> {
    if (!recipients.length) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO notification (user_id, kind, application_id, text, dedupe_key)
       SELECT r, $2, $3, $4, $5 FROM unnest($1::uuid[]) AS r
       ON CONFLICT (user_id, dedupe_key) DO NOTHING
       RETURNING id`,
      [recipients, notice.kind, notice.applicationId, notice.text, notice.dedupeKey],
    );
    return rows.length;
  }

  /** One notice to each active user `recipients` selects (notifications.sql.ts, with `$1`), in one statement. */
  private async insertFor(
    manager: EntityManager,
    name: string,
    recipients: string,
    key: string,
    notice: { kind: NotificationKind; applicationId: string | null; text: string; dedupeKey: string | null },
  ): Promise<number> {
    const [row]: { n: number }[] = await preparedQuery(
      manager,
      name,
      `WITH ins AS (${noticeInsert(recipients, { kind: '$2', applicationId: '$3::uuid', text: '$4', dedupeKey: '$5' })}) SELECT count(*)::int AS n FROM ins`,
      [key, notice.kind, notice.applicationId, notice.text, notice.dedupeKey],
    );
    return row.n;
  }

  /** One notice to each NGO case worker of an organisation. */
  insertForOrganisation(
    manager: EntityManager,
    organisationId: string,
    notice: { kind: NotificationKind; applicationId: string | null; text: string; dedupeKey: string | null },
  ): Promise<number> {
    return this.insertFor(manager, 'ef_notify_organisation', organisationCaseWorkers('$1'), organisationId, notice);
  }

  /** One notice to each officer of a country. */
  insertForCountryOfficers(
    manager: EntityManager,
    country: string,
    notice: { kind: NotificationKind; applicationId: string | null; text: string; dedupeKey: string | null },
  ): Promise<number> {
    return this.insertFor(manager, 'ef_notify_country_officers', countryOfficers('$1'), country, notice);
  }

  listQuery(userId: string, unreadOnly: boolean) {
    const qb = this.dataSource.getRepository(Notification).createQueryBuilder('n').where('n.userId = :userId', { userId });
    if (unreadOnly) qb.andWhere('n.readAt IS NULL');
    return qb;
  }

  async markRead(userId: string, id: string): Promise<Notification | null> {
    await this.dataSource.query('UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2', [id, userId]);
    return this.dataSource.getRepository(Notification).findOneBy({ id, userId });
  }
}
