import { describe, expect, it } from '@jest/globals';
import { newTranche } from './tranche.js';

describe('newTranche', () => {
  const award = { amount: 100_00n, committed: 100_00n, unpaid: 0n, paid: 0n };

  it('fits tranches up to the award, committing nothing new while the award is committed', () => {
    expect(newTranche(award, 60_00n)).toEqual({ ok: true, recommit: 0n });
    expect(newTranche({ ...award, unpaid: 60_00n }, 40_00n)).toEqual({ ok: true, recommit: 0n });
  });

  it('refuses a tranche beyond what the award still grants, saying how much is left', () => {
    expect(newTranche({ ...award, unpaid: 60_00n }, 40_01n)).toEqual({ ok: false, remaining: 40_00n });
    expect(newTranche({ ...award, committed: 0n, paid: 100_00n }, 1n)).toEqual({ ok: false, remaining: 0n });
  });

  it('commits again what a cancelled tranche gave back, and only that', () => {
    // 100 granted; a 30 tranche was cancelled (released), 50 is scheduled
    const afterCancel = { amount: 100_00n, committed: 70_00n, unpaid: 50_00n, paid: 0n };
    expect(newTranche(afterCancel, 20_00n)).toEqual({ ok: true, recommit: 0n });
    expect(newTranche(afterCancel, 50_00n)).toEqual({ ok: true, recommit: 30_00n });
  });
});
