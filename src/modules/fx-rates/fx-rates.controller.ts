import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { STAFF_ROLES } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { CreateFxRateDto, FxRatePage, FxRateQueryDto, FxRateResponse } from './dto/fx-rate.dto.js';
import { FxRatesService } from './fx-rates.service.js';
import { Operation } from '../../common/openapi/operation.decorator.js';

@ApiTags('fx-rates')
@Controller('fx-rates')
export class FxRatesController {
  constructor(private readonly rates: FxRatesService) {}

  @Post()
  @Operation({
    id: 'createFxRate',
    summary: 'Record an exchange rate',
    description: 'An admin records the rate of a currency to USD for a month; one rate per currency and month.',
    errors: ['FX_RATE_EXISTS'],
  })
  @Authenticated({ roles: ['admin'] })
  @ApiCreatedResponse({ type: FxRateResponse })
  create(@Body() dto: CreateFxRateDto, @CurrentUser() user: AuthUser): Promise<FxRateResponse> {
    return this.rates.create(dto, user);
  }

  @Get()
  @Operation({
    id: 'listFxRates',
    summary: 'List exchange rates',
    description: 'Recorded monthly rates to USD, one page at a time, filtered by currency or month.',
  })
  @Authenticated({ roles: STAFF_ROLES })
  @ApiOkResponse({ type: FxRatePage })
  list(@Query() query: FxRateQueryDto): Promise<FxRatePage> {
    return this.rates.list(query);
  }
}
