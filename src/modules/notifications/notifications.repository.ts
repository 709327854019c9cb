import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Notification, type NotificationKind } from './entities/notification.entity.js';

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

  /** The NGO case workers of an organisation. */
  async organisationUsers(manager: EntityManager, organisationId: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM app_user WHERE organisation_id = $1 AND role = 'ngo' AND status = 'active'`,
      [organisationId],
    );
    return rows.map((r) => r.id);
  }

  /** The officers of a country. */
  async countryOfficers(manager: EntityManager, country: string): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM app_user WHERE role = 'officer' AND status = 'active' AND $1 = ANY(countries)`,
      [country],
    );
    return rows.map((r) => r.id);
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
