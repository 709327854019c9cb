import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { NotificationPage, NotificationQueryDto, NotificationResponse } from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authenticated()
  @ApiOkResponse({ type: NotificationPage })
  list(@CurrentUser() user: AuthUser, @Query() query: NotificationQueryDto): Promise<NotificationPage> {
    return this.notifications.list(user, query);
  }

  @Post(':id/read')
  @Authenticated()
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationResponse })
  read(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<NotificationResponse> {
    return this.notifications.markRead(user, id);
  }
}
