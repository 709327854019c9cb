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
import { Operation } from '../../common/openapi/operation.decorator.js';

const REVIEWERS = { roles: ['officer' as const, 'admin' as const] };

@ApiTags('reviews')
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get('review-queue')
  @Operation({
    id: 'listReviewQueue',
    summary: 'List the review queue',
    description: 'Submitted applications of a country waiting for an officer, most urgent first, with their SLA due times.',
    errors: ['NOT_FOUND'],
  })
  @Authenticated(REVIEWERS)
  @ApiOkResponse({ type: ReviewQueuePage })
  queue(@CurrentUser() user: AuthUser, @Query() query: ReviewQueueQueryDto): Promise<ReviewQueuePage> {
    return this.reviews.queue(user, query);
  }

  @Get('review-queue/workload')
  @Operation({
    id: 'getReviewWorkload',
    summary: 'Get the workload of the officers',
    description: 'Per officer of a country: applications claimed, decided this week, and overdue.',
    errors: ['NOT_FOUND'],
  })
  @Authenticated(REVIEWERS)
  @ApiOkResponse({ type: WorkloadResponse })
  workload(@CurrentUser() user: AuthUser, @Query() query: WorkloadQueryDto): Promise<WorkloadResponse> {
    return this.reviews.workload(user, query.country);
  }

  @Post('applications/:id/claim')
  @Operation({
    id: 'claimApplication',
    summary: 'Claim an application for review',
    description:
      'An officer takes a submitted application from the queue; of two officers claiming at once, one wins and the other gets 409.',
    errors: ['ILLEGAL_TRANSITION', 'VERSION_CONFLICT'],
  })
  @Authenticated(REVIEWERS)
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  claim(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: ClaimDto): Promise<ApplicationResponse> {
    return this.reviews.claim(user, id, dto.comment, dto.version);
  }

  @Post('applications/:id/decisions')
  @Operation({
    id: 'decideApplication',
    summary: 'Decide an application',
    description:
      "The claimant approves, rejects or sends back for information. An approval locks the fund and commits the money; above the fund's threshold a second officer must approve too (four eyes).",
    errors: ['ILLEGAL_TRANSITION', 'CLAIM_FIRST', 'CLAIMED_BY_ANOTHER', 'FOUR_EYES', 'INSUFFICIENT_FUNDS', 'VERSION_CONFLICT'],
  })
  @Authenticated(REVIEWERS)
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  decide(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: DecisionDto): Promise<ApplicationResponse> {
    return this.reviews.decide(user, id, dto);
  }

  @Post('applications/:id/reassign')
  @Operation({
    id: 'reassignApplication',
    summary: 'Reassign an application',
    description: 'An admin gives a submitted or claimed application to another officer of its country.',
    errors: ['ILLEGAL_TRANSITION', 'CONCURRENT_UPDATE', 'VERSION_CONFLICT'],
  })
  @Authenticated({ roles: ['admin'] })
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  reassign(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: ReassignDto): Promise<ApplicationResponse> {
    return this.reviews.reassign(user, id, dto.officerId, dto.comment, dto.version);
  }

  @Post('applications/:id/release')
  @Operation({
    id: 'releaseApplication',
    summary: 'Release an application',
    description: 'The claimant, or an admin, puts a claimed application back in the queue.',
    errors: ['ILLEGAL_TRANSITION', 'CLAIMED_BY_ANOTHER', 'VERSION_CONFLICT'],
  })
  @Authenticated(REVIEWERS)
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationResponse })
  release(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string, @Body() dto: ClaimDto): Promise<ApplicationResponse> {
    return this.reviews.release(user, id, dto.comment, dto.version);
  }
}
