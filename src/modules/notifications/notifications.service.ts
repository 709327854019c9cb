import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { notFound } from '../../common/errors/domain-error.js';
import { keysetPage, mapPage, type Page } from '../../common/pagination/pagination.js';
import { type NotificationQueryDto, type NotificationResponse, toNotificationResponse } from './dto/notification.dto.js';
import type { NotificationKind } from './entities/notification.entity.js';
import { NotificationsRepository } from './notifications.repository.js';

/** In-app notices, written in the transaction of the event they announce. */
@Injectable()
export class NotificationsService {
  constructor(private readonly repository: NotificationsRepository) {}

  toOrganisation(manager: EntityManager, organisationId: string, notice: Notice): Promise<number> {
    return this.repository.insertForOrganisation(manager, organisationId, withoutKey(notice));
  }

  toCountryOfficers(manager: EntityManager, country: string, notice: Notice): Promise<number> {
    return this.repository.insertForCountryOfficers(manager, country, withoutKey(notice));
  }

  toUsers(manager: EntityManager, userIds: string[], notice: Notice): Promise<number> {
    return this.repository.insertMany(manager, userIds, withoutKey(notice));
  }

  async list(user: AuthUser, query: NotificationQueryDto): Promise<Page<NotificationResponse>> {
    return mapPage(await keysetPage(this.repository.listQuery(user.id, query.unread === true), query), toNotificationResponse);
  }

  async markRead(user: AuthUser, id: string): Promise<NotificationResponse> {
    const n = await this.repository.markRead(user.id, id);
    if (!n) throw notFound('Notification');
    return toNotificationResponse(n);
  }
}

export interface Notice {
  kind: NotificationKind;
  applicationId: string | null;
  text: string;
  /** Same key, same user: written once (a job that runs twice, a breach noticed twice). */
  dedupeKey?: string;
}

const withoutKey = (n: Notice) => ({ ...n, dedupeKey: n.dedupeKey ?? null });
