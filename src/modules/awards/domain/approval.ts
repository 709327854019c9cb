import type { FieldProblem } from '../../../common/errors/domain-error.js';
import { formatMinor, type Minor, toMinor } from '../../../common/money/money.js';

// The approval rules, for the first approval (reviews) and for amendments (awards) alike: awards owns
// them because an award is what an approval grants, and reviews imports awards, not the reverse.

/**
 * The approved amount of each item: the amount given for it (never above what was requested), or,
 * when the decision does not name the item, its `current` amount (an amendment keeps what was
 * granted) or else the requested amount. Returns every problem at once.
 */
export function approvedAmounts(
  items: { id: string; amount: string; current?: string }[],
  given: { itemId: string; approvedAmount: string }[] | undefined,
): { amounts: { id: string; amount: string }[]; total: Minor } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const byId = new Map((given ?? []).map((g, i) => [g.itemId, { ...g, index: i }]));
  for (const [id, g] of byId) {
    if (!items.some((i) => i.id === id))
      problems.push({ field: `items.${g.index}.itemId`, message: 'itemId is not an item of this application' });
  }
  const amounts = items.map((item) => {
    const g = byId.get(item.id);
    const approved = g ? toMinor(g.approvedAmount) : toMinor(item.current ?? item.amount);
    if (g && approved > toMinor(item.amount)) {
      problems.push({
        field: `items.${g.index}.approvedAmount`,
        message: `approvedAmount cannot exceed the requested ${formatMinor(toMinor(item.amount))}`,
      });
    }
    return { id: item.id, amount: approved };
  });
  if (problems.length) return { problems };
  const total = amounts.reduce((s, a) => s + a.amount, 0n);
  if (total <= 0n) return { problems: [{ field: 'items', message: 'an approval must grant more than zero; reject instead' }] };
  return { amounts: amounts.map((a) => ({ id: a.id, amount: formatMinor(a.amount) })), total };
}

/** At or above the fund's threshold, an approval needs a second officer. */
export function needsSecondApproval(total: Minor, threshold: string | null): boolean {
  return threshold !== null && total >= toMinor(threshold);
}
