import { describe, expect, it } from '@jest/globals';
import { approvedAmounts, needsSecondApproval } from './approval.js';

const items = [
  { id: 'a', amount: '100.00' },
  { id: 'b', amount: '50.50' },
];

describe('approvedAmounts', () => {
  it('approves the requested amounts when no item is named', () => {
    expect(approvedAmounts(items, undefined)).toEqual({
      amounts: [
        { id: 'a', amount: '100.00' },
        { id: 'b', amount: '50.50' },
      ],
      total: 15050n,
    });
  });

  it('keeps the current amount of an item an amendment does not name, still capped by the request', () => {
    const granted = [
      { id: 'a', amount: '100.00', current: '80.00' },
      { id: 'b', amount: '50.50', current: '0.00' },
    ];
    expect(approvedAmounts(granted, [{ itemId: 'b', approvedAmount: '20.00' }])).toEqual({
      amounts: [
        { id: 'a', amount: '80.00' },
        { id: 'b', amount: '20.00' },
      ],
      total: 10000n,
    });
    const r = approvedAmounts(granted, [{ itemId: 'a', approvedAmount: '100.50' }]);
    expect('problems' in r && r.problems.map((p) => p.field)).toEqual(['items.0.approvedAmount']);
  });

  it('takes the given amounts, up to and including the requested ones', () => {
    expect(
      approvedAmounts(items, [
        { itemId: 'a', approvedAmount: '100.00' },
        { itemId: 'b', approvedAmount: '0' },
      ]),
    ).toEqual({
      amounts: [
        { id: 'a', amount: '100.00' },
        { id: 'b', amount: '0.00' },
      ],
      total: 10000n,
    });
  });

  it('names every problem: above the request, an unknown item', () => {
    const r = approvedAmounts(items, [
      { itemId: 'a', approvedAmount: '100.01' },
      { itemId: 'z', approvedAmount: '1.00' },
    ]);
    expect('problems' in r && r.problems.map((p) => p.field).sort()).toEqual(['items.0.approvedAmount', 'items.1.itemId']);
  });

  it('refuses an approval of nothing', () => {
    const r = approvedAmounts(items, [
      { itemId: 'a', approvedAmount: '0' },
      { itemId: 'b', approvedAmount: '0' },
    ]);
    expect('problems' in r && r.problems[0].field).toBe('items');
  });
});

describe('needsSecondApproval', () => {
  it('applies at or above the threshold only', () => {
    expect(needsSecondApproval(30000000n, '300000.00')).toBe(true);
    expect(needsSecondApproval(29999999n, '300000.00')).toBe(false);
    expect(needsSecondApproval(10n ** 15n, null)).toBe(false);
  });
});
