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

/**
 * The fund `$fund` locked (`FOR NO KEY UPDATE`, as every money movement of a fund) only if it still
 * has `amount` available: one row, or none when the money is not there. PostgreSQL re-checks the
 * condition on the row's latest version after waiting for another holder, so two approvals can never
 * both take the last of a fund. `available` is the ledger's running sum (migration FundAvailable).
 */
export function fundWithAvailable(fund: string, amount: string): string {
  return `SELECT id FROM fund WHERE id = ${fund} AND available >= ${amount}::numeric FOR NO KEY UPDATE`;
}

/**
 * The `commit` ledger entry (committed + amount, as `deltasFor('commit')`) of the approval of
 * application `refId`, for the fund row of `from` (none when `from` is empty).
 */
export function commitLedgerEntry(from: string, p: { amount: string; refId: string; memo: string; createdBy: string }): string {
  return `INSERT INTO fund_ledger_entry (fund_id, kind, budget_delta, committed_delta, disbursed_delta, ref_type, ref_id, memo, created_by)
       SELECT id, 'commit', 0, ${p.amount}::numeric, 0, 'application', ${p.refId}, ${p.memo}, ${p.createdBy} FROM ${from}`;
}
