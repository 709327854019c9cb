import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import {
  EfResultsQueryDto,
  EfResultsResponse,
  FollowUpReport,
  FollowUpReportQueryDto,
  FundReport,
  GenderTargetReport,
  TurnaroundQueryDto,
  TurnaroundResponse,
} from './dto/report.dto.js';
import { ReportsService } from './reports.service.js';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('ef-results')
  @Authenticated({ roles: ['officer', 'admin', 'auditor'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: EfResultsResponse, description: 'Counts by country × category × sex; format=csv gives the same columns' })
  async efResults(@CurrentUser() user: AuthUser, @Query() query: EfResultsQueryDto, @Res({ passthrough: true }) res: Response): Promise<EfResultsResponse | string> {
    const report = await this.reports.efResults(user, query);
    if (query.format !== 'csv') return report;
    res.type('text/csv').set('Content-Disposition', `attachment; filename="ef-results-${report.unit}${report.breakdown ? `-${report.breakdown}` : ''}.csv"`);
    return this.reports.efResultsCsv(report);
  }

  @Get('turnaround')
  @Authenticated({ roles: ['officer', 'admin', 'auditor'] })
  @ApiOkResponse({ type: TurnaroundResponse, description: 'Per country and per officer of the final decision' })
  turnaround(@CurrentUser() user: AuthUser, @Query() query: TurnaroundQueryDto): Promise<TurnaroundResponse> {
    return this.reports.turnaround(user, query);
  }

  @Get('funds')
  @Authenticated({ roles: ['officer', 'admin', 'auditor', 'finance'] })
  @ApiOkResponse({ type: FundReport })
  funds(@CurrentUser() user: AuthUser): Promise<FundReport> {
    return this.reports.funds(user);
  }

  @Get('follow-ups')
  @Authenticated({ roles: ['officer', 'admin', 'auditor'] })
  @ApiOkResponse({ type: FollowUpReport, description: 'Completion rate and outcome distribution per country and milestone' })
  followUps(@CurrentUser() user: AuthUser, @Query() query: FollowUpReportQueryDto): Promise<FollowUpReport> {
    return this.reports.followUps(user, query);
  }

  @Get('gender-targets')
  @Authenticated({ roles: ['officer', 'admin', 'auditor'] })
  @ApiOkResponse({ type: GenderTargetReport })
  genderTargets(@CurrentUser() user: AuthUser): Promise<GenderTargetReport> {
    return this.reports.genderTargets(user);
  }
}
