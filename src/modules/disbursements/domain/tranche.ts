import type { Minor } from '../../../common/money/money.js';

export const DISBURSEMENT_METHODS = ['bank_transfer', 'cash', 'vendor_payment'] as const;
export type DisbursementMethod = (typeof DISBURSEMENT_METHODS)[number];

export const DISBURSEMENT_STATUSES = ['scheduled', 'sent', 'paid', 'failed', 'cancelled'] as const;
export type DisbursementStatus = (typeof DISBURSEMENT_STATUSES)[number];

export interface AwardMoney {
  /** What the award grants. */
  amount: Minor;
  /** What is committed on the fund for it now. */
  committed: Minor;
  /** Tranches scheduled or sent, not yet paid. */
  unpaid: Minor;
  /** Tranches paid. */
  paid: Minor;
}

/**
 * Whether a new tranche fits its award, and how much must be committed again first. Tranches of
 * an award never add up to more than it grants. A cancelled or failed tranche gave its commitment
 * back to the fund; a later tranche that needs it commits it again (the caller checks the fund).
 */
export function newTranche(award: AwardMoney, amount: Minor): { ok: true; recommit: Minor } | { ok: false; remaining: Minor } {
  const remaining = award.amount - award.paid - award.unpaid;
  if (amount > remaining) return { ok: false, remaining: remaining > 0n ? remaining : 0n };
  const free = award.committed - award.unpaid; // committed and not yet earmarked by a tranche
  return { ok: true, recommit: amount > free ? amount - free : 0n };
}
