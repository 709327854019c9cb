import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { NotificationPage, NotificationQueryDto, NotificationResponse } from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';
import { Operation } from '../../common/openapi/operation.decorator.js';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Operation({
    id: 'listNotifications',
    summary: 'List notifications',
    description: "The caller's notifications, one page at a time; optionally only the unread.",
  })
  @Authenticated()
  @ApiOkResponse({ type: NotificationPage })
  list(@CurrentUser() user: AuthUser, @Query() query: NotificationQueryDto): Promise<NotificationPage> {
    return this.notifications.list(user, query);
  }

  @Post(':id/read')
  @Operation({
    id: 'markNotificationRead',
    summary: 'Mark a notification read',
    description: "Marks one of the caller's notifications read.",
  })
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationResponse })
  read(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<NotificationResponse> {
    return this.notifications.markRead(user, id);
  }
}
