import { CURRENCIES, isIsoDate } from '../../../common/validation/decorators.js';
import { count } from '../../../common/text/plural.js';

/** Columns of a bank statement (SPEC section 6); the header row must name them, in any order. */
export const STATEMENT_COLUMNS = ['bookingDate', 'amount', 'currency', 'reference', 'counterparty', 'bankTransactionId'] as const;
type Column = (typeof STATEMENT_COLUMNS)[number];

export interface StatementLine {
  lineNumber: number;
  bookingDate: string;
  /** As the bank wrote it: debits may be negative. */
  amount: string;
  currency: string;
  reference: string | null;
  counterparty: string | null;
  bankTransactionId: string;
}

export interface LineProblem {
  line: number;
  message: string;
}

/** Banks write debits with a minus sign; up to two decimals, never zero. */
const AMOUNT = /^-?(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

/** Where each column is, or the problems of the header row. */
export function readHeader(cells: string[]): { index: Record<Column, number> } | { problems: string[] } {
  const names = cells.map((c) => c.trim());
  const problems: string[] = [];
  for (const c of STATEMENT_COLUMNS) if (!names.includes(c)) problems.push(`the header has no ${c} column`);
  for (const n of names)
    if (!(STATEMENT_COLUMNS as readonly string[]).includes(n)) problems.push(`the header has an unknown column "${n.slice(0, 40)}"`);
  if (new Set(names).size !== names.length) problems.push('the header names a column twice');
  if (problems.length) return { problems };
  return { index: Object.fromEntries(STATEMENT_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<Column, number> };
}

/**
 * One data row: the line, or every problem with it. A line booked after `latest` (the day after
 * today: banks book in their own time zone) is refused: a statement shows what the bank booked.
 */
export function readLine(
  cells: string[],
  lineNumber: number,
  index: Record<Column, number>,
  width: number,
  latest?: string,
): StatementLine | string[] {
  if (cells.length !== width) return [`has ${count(cells.length, 'field')}, the header has ${width}`];
  const get = (c: Column) => cells[index[c]].trim();
  const problems: string[] = [];
  const bookingDate = get('bookingDate');
  if (!isIsoDate(bookingDate)) problems.push('bookingDate must be a date written YYYY-MM-DD');
  else if (latest && bookingDate > latest)
    problems.push(`bookingDate ${bookingDate} is in the future: a statement shows what the bank has booked`);
  const amount = get('amount');
  if (!AMOUNT.test(amount) || /^-?0(\.0{1,2})?$/.test(amount))
    problems.push('amount must be a non-zero decimal with at most 2 decimals, e.g. -45000.00');
  const currency = get('currency');
  if (!(CURRENCIES as readonly string[]).includes(currency)) problems.push(`currency must be one of ${CURRENCIES.join(', ')}`);
  const reference = get('reference');
  if (reference.length > 100) problems.push('reference is longer than 100 characters');
  const counterparty = get('counterparty');
  if (counterparty.length > 200) problems.push('counterparty is longer than 200 characters');
  const bankTransactionId = get('bankTransactionId');
  if (!bankTransactionId || bankTransactionId.length > 100) problems.push('bankTransactionId is required (at most 100 characters)');
  for (const [name, text] of [
    ['reference', reference],
    ['counterparty', counterparty],
    ['bankTransactionId', bankTransactionId],
  ])
    if (text.includes('\u0000')) problems.push(`${name} must not contain NUL characters`);
  if (problems.length) return problems;
  return { lineNumber, bookingDate, amount, currency, reference: reference || null, counterparty: counterparty || null, bankTransactionId };
}
