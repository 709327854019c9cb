import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageQueryDto, PageOf } from '../../../common/pagination/pagination.js';
import type { FxRate } from '../entities/fx-rate.entity.js';

const FX_CURRENCIES = ['KZT', 'KGS', 'TJS', 'TMT', 'UZS'] as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class CreateFxRateDto {
  @ApiProperty({ enum: FX_CURRENCIES, description: 'A local currency; USD is the reference' })
  @IsIn([...FX_CURRENCIES], { message: `currency must be one of ${FX_CURRENCIES.join(', ')}` })
  currency: string;

  @ApiProperty({ example: '2026-11' })
  @Matches(MONTH, { message: 'month must be written YYYY-MM' })
  month: string;

  @ApiProperty({ example: '0.001950', description: 'USD for one unit of the currency, up to 10 decimals' })
  @Matches(/^(0|[1-9]\d{0,9})(\.\d{1,10})?$/, { message: 'usdRate must be a decimal string with up to 10 decimals, e.g. "0.001950"' })
  @Matches(/[1-9]/, { message: 'usdRate must be greater than zero' })
  usdRate: string;
}

export class FxRateQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FX_CURRENCIES })
  @IsOptional()
  @IsIn([...FX_CURRENCIES])
  currency?: string;

  @ApiPropertyOptional({ example: '2026-11' })
  @IsOptional()
  @Matches(MONTH, { message: 'month must be written YYYY-MM' })
  month?: string;
}

export class FxRateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() currency: string;
  @ApiProperty() month: string;
  @ApiProperty({ example: '0.001950' }) usdRate: string;
  @ApiProperty() createdAt: string;
}

export class FxRatePage extends PageOf(FxRateResponse) {}

export function toFxRateResponse(r: FxRate): FxRateResponse {
  return { id: r.id, currency: r.currency, month: r.month, usdRate: tidyRate(r.usdRate), createdAt: r.createdAt.toISOString() };
}

/** Trailing zeros off, but keep at least two decimals: "0.0019500000" → "0.00195". */
function tidyRate(value: string): string {
  const [whole, frac = ''] = value.split('.');
  return `${whole}.${frac.replace(/0+$/, '').padEnd(2, '0')}`;
}
