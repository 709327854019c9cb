import { formatMinor, type Minor } from '../../../common/money/money.js';

/**
 * Kinds of fund ledger movement and the buckets each one moves:
 * - budget / budget_adjustment: budget ± amount
 * - commit: committed + amount (an approval)
 * - release: committed − amount (a cancelled or failed payment gives its commitment back)
 * - pay: committed − amount, disbursed + amount (a payment matched at the bank)
 * - reverse: the negation of the entry it reverses
 */
export type LedgerKind = 'budget' | 'budget_adjustment' | 'commit' | 'release' | 'pay' | 'reverse';

export interface LedgerDeltas {
  budget: Minor;
  committed: Minor;
  disbursed: Minor;
}

export function deltasFor(kind: Exclude<LedgerKind, 'reverse'>, amount: Minor): LedgerDeltas {
  switch (kind) {
    case 'budget':
    case 'budget_adjustment':
      return { budget: amount, committed: 0n, disbursed: 0n };
    case 'commit':
      return { budget: 0n, committed: amount, disbursed: 0n };
    case 'release':
      return { budget: 0n, committed: -amount, disbursed: 0n };
    case 'pay':
      return { budget: 0n, committed: -amount, disbursed: amount };
  }
}

export function reversal(deltas: LedgerDeltas): LedgerDeltas {
  return { budget: -deltas.budget, committed: -deltas.committed, disbursed: -deltas.disbursed };
}

export interface LedgerBalances {
  budget: Minor;
  committed: Minor;
  disbursed: Minor;
  available: Minor;
}

export function balancesFrom(sums: { budget: Minor; committed: Minor; disbursed: Minor }): LedgerBalances {
  return { ...sums, available: sums.budget - sums.committed - sums.disbursed };
}

export function formatBalances(b: LedgerBalances) {
  return {
    budget: formatMinor(b.budget),
    committed: formatMinor(b.committed),
    disbursed: formatMinor(b.disbursed),
    available: formatMinor(b.available),
  };
}
