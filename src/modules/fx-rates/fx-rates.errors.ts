import { conflict } from '../../common/errors/domain-error.js';

export const FX_RATE_ERRORS = {
  FX_RATE_EXISTS: 'FX_RATE_EXISTS',
} as const;

export const fxRateExists = (currency: string, month: string) =>
  conflict(FX_RATE_ERRORS.FX_RATE_EXISTS, `A rate for ${currency} in ${month} is already recorded`);
