// SQL of the disbursements module that other modules run in their own use cases' statements: a
// batch claims and sends tranches, a statement line pays or stops paying one. Other modules import
// this file, never disbursements.repository.ts.

/**
 * Puts scheduled tranches (`$2`, ids) into the batch `$1`, each only if it is in no batch yet and is
 * not paid in cash; returns those claimed, with what a bank file line needs of them (for a
 * data-modifying CTE).
 */
export const CLAIM_TRANCHES_FOR_BATCH = `UPDATE disbursement SET batch_id = $1, version = version + 1, updated_at = now()
        WHERE id = ANY($2::uuid[]) AND status = 'scheduled' AND batch_id IS NULL AND method <> 'cash'
        RETURNING id, payment_reference, amount, currency, method, status, payee, payee_iban_enc, organisation_id, award_id`;

/** The scheduled tranches of batch `$1` sent to the bank; returns them (for a data-modifying CTE). */
export const SEND_BATCH_TRANCHES = `UPDATE disbursement SET status = 'sent', version = version + 1, updated_at = now() WHERE batch_id = $1 AND status = 'scheduled'
         RETURNING id, payment_reference, amount`;

/** Marks paid the tranches listed in `paying` (a relation with `id` and `paid_on`, the bank's booking day). */
export function markTranchesPaid(paying: string): string {
  return `UPDATE disbursement d SET status = 'paid', paid_at = now(), paid_on = p.paid_on, version = d.version + 1, updated_at = now() FROM ${paying} p WHERE d.id = p.id`;
}

/**
 * A paid tranche (`$1`) back to where it was before it was paid: `sent` if its batch went to the bank
 * (the only way to `sent`), `scheduled` otherwise; returns its status.
 */
export const UNPAY_TRANCHE = `UPDATE disbursement d
          SET status = CASE WHEN EXISTS (SELECT 1 FROM payment_batch b WHERE b.id = d.batch_id AND b.status = 'sent') THEN 'sent' ELSE 'scheduled' END,
              paid_at = NULL, paid_on = NULL, version = d.version + 1, updated_at = now()
        WHERE d.id = $1 AND d.status = 'paid' RETURNING d.status`;

/**
 * A paid tranche (`$1`) whose money the bank sent back (a returned transfer, `$2` the note): failed,
 * no longer paid; returns its payment reference and amount.
 */
export const RETURN_TRANCHE = `UPDATE disbursement d
          SET status = 'failed', paid_at = NULL, paid_on = NULL, cancelled_at = now(), cancel_note = $2, version = d.version + 1, updated_at = now()
        WHERE d.id = $1 AND d.status = 'paid' RETURNING d.payment_reference, d.amount::text AS amount`;
