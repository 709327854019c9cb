import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Cell } from './domain/ef-results.js';

@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Awards (or distinct beneficiaries with an award) per country, category and sex, awarded in
   * [from, to] (UTC dates, both optional), in the given countries (null: all). One grouped query.
   */
  async efResultCells(filter: { unit: 'awards' | 'beneficiaries'; from?: string; to?: string; countries: string[] | null }): Promise<Cell[]> {
    const counted = filter.unit === 'awards' ? 'count(*)' : 'count(DISTINCT a.beneficiary_id)';
    const rows: { country: string; category: string; sex: Cell['sex']; count: number }[] = await this.dataSource.query(
      `SELECT a.country, b.category, b.sex, ${counted}::int AS count
         FROM award a JOIN beneficiary b ON b.id = a.beneficiary_id
        WHERE ($1::date IS NULL OR a.created_at >= $1::date)
          AND ($2::date IS NULL OR a.created_at < $2::date + 1)
          AND ($3::text[] IS NULL OR a.country = ANY($3::text[]))
        GROUP BY a.country, b.category, b.sex`,
      [filter.from ?? null, filter.to ?? null, filter.countries],
    );
    return rows;
  }
}
