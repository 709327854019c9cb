import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { UuidParamPipe } from '../../common/validation/uuid-param.pipe.js';
import { ApplicationResponse } from '../applications/dto/application.dto.js';
import {
  ClaimDto,
  DecisionDto,
  ReassignDto,
  ReviewQueuePage,
  ReviewQueueQueryDto,
  WorkloadQueryDto,
  WorkloadResponse,
} from './dto/review.dto.js';
import { ReviewsService } from './reviews.service.js';

const REVIEWERS = { roles: ['officer' as const, 'admin' as const] };

@ApiTags('reviews')
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get('review-queue')
  @Authenticated(REVIEWERS)
  @ApiOkResponse({ type: ReviewQueuePage })
  queue(@CurrentUser() user: AuthUser, @Query() query: ReviewQueueQueryDto): Promise<ReviewQueuePage> {
    return this.reviews.queue(user, query);
  }

  @Get('review-queue/workload')
  @Authenticated(REVIEWERS)
  @ApiOkResponse({ type: WorkloadResponse })
  workload(@CurrentUser() user: AuthUser, @Query() query: WorkloadQueryDto): Promise<WorkloadResponse> {
    return this.reviews.workload(user, query.country);
  }

  @Post('applications/:id/claim')
  @Authenticated(REVIEWERS)
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  claim(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: ClaimDto): Promise<ApplicationResponse> {
    return this.reviews.claim(user, id, dto.comment, dto.version);
  }

  @Post('applications/:id/decisions')
  @Authenticated(REVIEWERS)
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  decide(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: DecisionDto): Promise<ApplicationResponse> {
    return this.reviews.decide(user, id, dto);
  }

  @Post('applications/:id/reassign')
  @Authenticated({ roles: ['admin'] })
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  reassign(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: ReassignDto): Promise<ApplicationResponse> {
    return this.reviews.reassign(user, id, dto.officerId, dto.comment, dto.version);
  }

  @Post('applications/:id/release')
  @Authenticated(REVIEWERS)
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  release(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: ClaimDto): Promise<ApplicationResponse> {
    return this.reviews.release(user, id, dto.comment, dto.version);
  }
}
