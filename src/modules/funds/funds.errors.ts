import { conflict, DomainError, invalid } from '../../common/errors/domain-error.js';

export const fundPeriodOverlap = (country: string, name: string) =>
  conflict('FUND_PERIOD_OVERLAP', `${country} already has a fund for part of this period ("${name}"); one fund per country and period`);
export const budgetBelowUse = (committedAndDisbursed: string, currency: string) =>
  conflict('FUND_BUDGET_BELOW_USE', `The budget cannot go below what is already committed or disbursed (${committedAndDisbursed} ${currency})`);
export const periodReversed = () => invalid([{ field: 'periodEnd', message: 'periodEnd must be on or after periodStart' }]);
export const wrongCurrency = (country: string, expected: string): DomainError =>
  invalid([{ field: 'currency', message: `a ${country} fund is kept in ${expected} or USD` }]);
