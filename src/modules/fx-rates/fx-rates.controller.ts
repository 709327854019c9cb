import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { STAFF_ROLES } from '../../common/auth/auth-user.js';
import { Authenticated, CurrentUser } from '../../common/auth/auth.decorators.js';
import { CreateFxRateDto, FxRatePage, FxRateQueryDto, FxRateResponse } from './dto/fx-rate.dto.js';
import { FxRatesService } from './fx-rates.service.js';

@ApiTags('fx-rates')
@Controller('fx-rates')
export class FxRatesController {
  constructor(private readonly rates: FxRatesService) {}

  @Post()
  @Authenticated({ roles: ['admin'] })
  @ApiCreatedResponse({ type: FxRateResponse })
  create(@Body() dto: CreateFxRateDto, @CurrentUser() user: AuthUser): Promise<FxRateResponse> {
    return this.rates.create(dto, user);
  }

  @Get()
  @Authenticated({ roles: STAFF_ROLES })
  @ApiOkResponse({ type: FxRatePage })
  list(@Query() query: FxRateQueryDto): Promise<FxRatePage> {
    return this.rates.list(query);
  }
}
