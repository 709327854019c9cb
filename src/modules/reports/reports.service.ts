import { Injectable } from '@nestjs/common';
import { AccessService } from '../../common/access/access.service.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { invalid } from '../../common/errors/domain-error.js';
import { csvField } from '../../common/csv/csv.js';
import { EF_RESULTS_COLUMNS, efResultsRows } from './domain/ef-results.js';
import type { EfResultsQueryDto, EfResultsResponse } from './dto/report.dto.js';
import { ReportsRepository } from './reports.repository.js';

/** De-identified reports: counts only, never names, document numbers or beneficiary codes. Officers see their countries. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly repository: ReportsRepository,
    private readonly access: AccessService,
  ) {}

  async efResults(user: AuthUser, query: EfResultsQueryDto): Promise<EfResultsResponse> {
    if (query.from && query.to && query.from > query.to) throw invalid([{ field: 'to', message: 'to must not be before from' }]);
    const unit = query.unit ?? 'awards';
    const cells = await this.repository.efResultCells({ unit, from: query.from, to: query.to, countries: this.access.countryScope(user) });
    return { unit, from: query.from ?? null, to: query.to ?? null, rows: efResultsRows(cells) };
  }

  /** The same rows as CSV, percentages with one decimal. */
  efResultsCsv(report: EfResultsResponse): string {
    const cell = (v: string | number, key: string) => (key.endsWith('Percent') ? (v as number).toFixed(1) : csvField(String(v)));
    return [EF_RESULTS_COLUMNS.join(','), ...report.rows.map((r) => EF_RESULTS_COLUMNS.map((k) => cell(r[k], k)).join(','))].join('\r\n') + '\r\n';
  }
}
