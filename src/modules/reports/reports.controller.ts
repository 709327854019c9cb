import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
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
  @Authenticated({ roles: ['officer', 'admin', 'auditor'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: EfResultsResponse, description: 'Counts by country × category × sex; format=csv gives the same columns' })
  async efResults(
    @CurrentUser() user: AuthUser,
    @Query() query: EfResultsQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EfResultsResponse | string> {
    const report = await this.reports.efResults(user, query);
    return respond(res, query.format, `ef-results-${report.unit}${report.breakdown ? `-${report.breakdown}` : ''}`, report, (r) => r.rows);
  }

  @Get('turnaround')
  @Authenticated({ roles: ['officer', 'admin', 'auditor'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: TurnaroundResponse,
    description: 'Per country and per officer of the final decision; format=csv gives both, the country rows first',
  })
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
  @Authenticated({ roles: ['officer', 'admin', 'auditor', 'finance'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: FundReport })
  async funds(
    @CurrentUser() user: AuthUser,
    @Query() query: ReportFormatQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FundReport | string> {
    return respond(res, query.format, 'funds', await this.reports.funds(user), (r) => r.items);
  }

  @Get('follow-ups')
  @Authenticated({ roles: ['officer', 'admin', 'auditor'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: FollowUpReport, description: 'Completion rate and outcome distribution per country and milestone' })
  async followUps(
    @CurrentUser() user: AuthUser,
    @Query() query: ReportRangeQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FollowUpReport | string> {
    return respond(res, query.format, 'follow-ups', await this.reports.followUps(user, query), (r) => r.rows);
  }

  @Get('gender-targets')
  @Authenticated({ roles: ['officer', 'admin', 'auditor'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: GenderTargetReport })
  async genderTargets(
    @CurrentUser() user: AuthUser,
    @Query() query: ReportFormatQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GenderTargetReport | string> {
    return respond(res, query.format, 'gender-targets', await this.reports.genderTargets(user), (r) => r.items);
  }
}
