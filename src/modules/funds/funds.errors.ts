import { conflict, DomainError, invalid } from '../../common/errors/domain-error.js';

export const FUND_ERRORS = {
  FUND_PERIOD_OVERLAP: 'FUND_PERIOD_OVERLAP',
  FUND_BUDGET_BELOW_USE: 'FUND_BUDGET_BELOW_USE',
  INSUFFICIENT_FUNDS: 'INSUFFICIENT_FUNDS',
} as const;

export const fundPeriodOverlap = (country: string, name: string) =>
  conflict(
    FUND_ERRORS.FUND_PERIOD_OVERLAP,
    `${country} already has a fund for part of this period ("${name}"); one fund per country and period`,
  );
export const budgetBelowUse = (committedAndDisbursed: string, currency: string) =>
  conflict(
    FUND_ERRORS.FUND_BUDGET_BELOW_USE,
    `The budget cannot go below what is already committed or disbursed (${committedAndDisbursed} ${currency})`,
  );
export const periodReversed = () => invalid([{ field: 'periodEnd', message: 'periodEnd must be on or after periodStart' }]);
export const wrongCurrency = (country: string, expected: string): DomainError =>
  invalid([{ field: 'currency', message: `a ${country} fund is kept in ${expected} or USD` }]);

// INSUFFICIENT_FUNDS: the fund's available balance (budget less committed and disbursed) cannot cover a
// commitment. Reviews, awards and disbursements commit money; funds is below all three, so it holds these.
export const insufficientFundsToApprove = (available: string, currency: string, total: string) =>
  conflict(FUND_ERRORS.INSUFFICIENT_FUNDS, `The fund has ${available} ${currency} available, less than the ${total} to approve`, {
    available,
  });
export const insufficientFundsToAmend = (available: string, currency: string, added: string) =>
  conflict(FUND_ERRORS.INSUFFICIENT_FUNDS, `The fund has ${available} ${currency} available, less than the ${added} the amendment adds`, {
    available,
  });
export const insufficientFundsToRecommit = (needed: string, currency: string, available: string) =>
  conflict(
    FUND_ERRORS.INSUFFICIENT_FUNDS,
    `This tranche needs ${needed} ${currency} committed again, and the fund has ${available} available`,
    { available },
  );
