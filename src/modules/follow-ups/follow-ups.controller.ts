import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { FollowUpPage, FollowUpQueryDto, FollowUpResponse, RecordFollowUpDto } from './dto/follow-up.dto.js';
import { FollowUpsService } from './follow-ups.service.js';
import { Operation } from '../../common/openapi/operation.decorator.js';

@ApiTags('follow-ups')
@Controller('follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Get()
  @Operation({
    id: 'listFollowUps',
    summary: 'List follow-ups',
    description: 'Follow-ups the caller may see, one page at a time, filtered by status or award.',
  })
  @Authenticated({ roles: ['ngo', 'officer', 'admin', 'auditor'] })
  @ApiOkResponse({ type: FollowUpPage })
  list(@CurrentUser() user: AuthUser, @Query() query: FollowUpQueryDto): Promise<FollowUpPage> {
    return this.followUps.list(user, query);
  }

  @Get(':id')
  @Operation({
    id: 'getFollowUp',
    summary: 'Get a follow-up',
    description: 'One follow-up: its award, milestone, due day and status, and the answers once recorded.',
  })
  @Authenticated({ roles: ['ngo', 'officer', 'admin', 'auditor'] })
  @ApiOkResponse({ type: FollowUpResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<FollowUpResponse> {
    return this.followUps.get(user, id);
  }

  @Post(':id')
  @Operation({
    id: 'recordFollowUp',
    summary: 'Record a follow-up',
    description: 'The NGO records the outcome of a follow-up once it is due; it can be recorded only once.',
    errors: ['FOLLOW_UP_NOT_DUE', 'FOLLOW_UP_RECORDED', 'VERSION_CONFLICT'],
  })
  @HttpCode(200)
  @Authenticated({ roles: ['ngo'] })
  @ApiOkResponse({ type: FollowUpResponse, description: 'Recorded once, when due' })
  record(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: RecordFollowUpDto): Promise<FollowUpResponse> {
    return this.followUps.record(user, id, dto);
  }
}
