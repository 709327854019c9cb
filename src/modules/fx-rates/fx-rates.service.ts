import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { keysetPage, mapPage, type Page } from '../../common/pagination/pagination.js';
import { Transactions } from '../../common/database/transaction.js';
import { AuditService } from '../audit/audit.service.js';
import { type CreateFxRateDto, type FxRateQueryDto, type FxRateResponse, toFxRateResponse } from './dto/fx-rate.dto.js';
import { fxRateExists } from './fx-rates.errors.js';
import { FxRatesRepository } from './fx-rates.repository.js';

@Injectable()
export class FxRatesService {
  constructor(
    private readonly repository: FxRatesRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** One rate per currency and month: recorded rates are what reports were computed with, so they are not overwritten. */
  async create(dto: CreateFxRateDto, user: AuthUser): Promise<FxRateResponse> {
    return this.transactions.run(async (m) => {
      if (await this.repository.findByCurrencyAndMonth(m, dto.currency, dto.month)) {
        throw fxRateExists(dto.currency, dto.month);
      }
      const rate = await this.repository.insert(m, { currency: dto.currency, month: dto.month, usdRate: dto.usdRate, createdBy: user.id });
      const response = toFxRateResponse(rate);
      await this.audit.record(m, { action: 'fx_rate.create', entityType: 'fx_rate', entityId: rate.id, after: response });
      return response;
    });
  }

  async list(query: FxRateQueryDto): Promise<Page<FxRateResponse>> {
    return mapPage(await keysetPage(this.repository.listQuery(query), query), toFxRateResponse);
  }
}
