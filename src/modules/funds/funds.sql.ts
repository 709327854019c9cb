// SQL of the funds module that other modules run in their own statements: ledger entries appended
// set-based, many at once. Other modules import this file, never funds.repository.ts.

/**
 * One `pay` ledger entry (committed − amount, disbursed + amount, as `deltasFor('pay')`) for each
 * tranche in `paid` (a relation with `fund_id`, `id` — the disbursement — `amount` and
 * `payment_reference`), in payment reference order; `createdBy` is the SQL of the user's id.
 */
export function payLedgerEntries(paid: string, createdBy: string): string {
  return `INSERT INTO fund_ledger_entry (fund_id, kind, budget_delta, committed_delta, disbursed_delta, ref_type, ref_id, memo, created_by)
       SELECT fund_id, 'pay', 0, -amount, amount, 'disbursement', id, payment_reference || ' paid', ${createdBy} FROM ${paid} ORDER BY payment_reference`;
}
