import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { reportCsv } from './domain/report-csv.js';
import {
  EfResultsQueryDto,
  EfResultsResponse,
  FollowUpReport,
  ReportRangeQueryDto,
  FundReport,
  GenderTargetReport,
  ReportFormatQueryDto,
  TurnaroundResponse,
} from './dto/report.dto.js';
import { ReportsService } from './reports.service.js';
import { ApiJsonOrTextResponse, Operation } from '../../common/openapi/operation.decorator.js';

/** The report as JSON, or with `format=csv` its rows as a CSV download named `name.csv`. */
function respond<T>(res: Response, format: 'json' | 'csv' | undefined, name: string, report: T, rows: (r: T) => object[]): T | string {
  if (format !== 'csv') return report;
  res.type('text/csv').set('Content-Disposition', `attachment; filename="${name}.csv"`);
  return reportCsv(rows(report));
}

/** De-identified reports (counts and money only), JSON or CSV; officers see their countries. */
@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('ef-results')
  @Operation({
    id: 'getEfResultsReport',
    summary: 'Report the results of the fund',
    description:
      'Awards (or people) by country, category and sex, optionally by age group or flag, for a period; JSON or CSV (format=csv).',
  })
  @Authenticated({ roles: ['officer', 'admin', 'auditor'] })
  @ApiJsonOrTextResponse(EfResultsResponse, 'Counts by country × category × sex; format=csv gives the same columns', 'text/csv')
  async efResults(
    @CurrentUser() user: AuthUser,
    @Query() query: EfResultsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EfResultsResponse | string> {
    const report = await this.reports.efResults(user, query);
    return respond(res, query.format, `ef-results-${report.unit}${report.breakdown ? `-${report.breakdown}` : ''}`, report, (r) => r.rows);
  }

  @Get('turnaround')
  @Operation({
    id: 'getTurnaroundReport',
    summary: 'Report decision turnaround',
    description: 'Time from submission to decision, gross and net of time waiting for the NGO, per country and per officer; JSON or CSV.',
  })
  @Authenticated({ roles: ['officer', 'admin', 'auditor'] })
  @ApiJsonOrTextResponse(
    TurnaroundResponse,
    'Per country and per officer of the final decision; format=csv gives both, the country rows first',
    'text/csv',
  )
  async turnaround(
    @CurrentUser() user: AuthUser,
    @Query() query: ReportRangeQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<TurnaroundResponse | string> {
    const report = await this.reports.turnaround(user, query);
    return respond(res, query.format, 'turnaround', report, (r) => [
      ...r.countries.map(({ country, ...figures }) => ({ country, officerId: null, fullName: null, ...figures })),
      ...r.officers.map((officer) => ({ country: null, ...officer })),
    ]);
  }

  @Get('funds')
  @Operation({
    id: 'getFundsReport',
    summary: 'Report the funds',
    description: 'Budget, committed, disbursed and available per fund, also in USD at the monthly rates; JSON or CSV.',
  })
  @Authenticated({ roles: ['officer', 'admin', 'auditor', 'finance'] })
  @ApiJsonOrTextResponse(FundReport, 'The report; format=csv gives the same rows as CSV', 'text/csv')
  async funds(
    @CurrentUser() user: AuthUser,
    @Query() query: ReportFormatQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FundReport | string> {
    return respond(res, query.format, 'funds', await this.reports.funds(user), (r) => r.items);
  }

  @Get('follow-ups')
  @Operation({
    id: 'getFollowUpsReport',
    summary: 'Report follow-ups',
    description: 'Completion rate and outcome distribution per country and milestone for a period; JSON or CSV.',
  })
  @Authenticated({ roles: ['officer', 'admin', 'auditor'] })
  @ApiJsonOrTextResponse(FollowUpReport, 'Completion rate and outcome distribution per country and milestone', 'text/csv')
  async followUps(
    @CurrentUser() user: AuthUser,
    @Query() query: ReportRangeQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FollowUpReport | string> {
    return respond(res, query.format, 'follow-ups', await this.reports.followUps(user, query), (r) => r.rows);
  }

  @Get('gender-targets')
  @Operation({
    id: 'getGenderTargetsReport',
    summary: 'Report gender targets',
    description: 'The share of awards to women and girls, against the target; JSON or CSV.',
  })
  @Authenticated({ roles: ['officer', 'admin', 'auditor'] })
  @ApiJsonOrTextResponse(GenderTargetReport, 'The report; format=csv gives the same rows as CSV', 'text/csv')
  async genderTargets(
    @CurrentUser() user: AuthUser,
    @Query() query: ReportFormatQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GenderTargetReport | string> {
    return respond(res, query.format, 'gender-targets', await this.reports.genderTargets(user), (r) => r.items);
  }
}
