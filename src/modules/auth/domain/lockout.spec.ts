import { describe, expect, it } from '@jest/globals';
import { isLockedAttempt, locksNow } from './lockout.js';

const policy = { threshold: 5, minutes: 15 };

describe('lockout per account and address', () => {
  it('checks the password of the first five attempts of a window and locks with the fifth failure', () => {
    expect([1, 2, 3, 4, 5].map((n) => isLockedAttempt(n, policy))).toEqual([false, false, false, false, false]);
    expect([1, 2, 3, 4, 5].map((n) => locksNow(n, policy))).toEqual([false, false, false, false, true]);
  });

  it('refuses later attempts without checking, and does not lock again', () => {
    expect(isLockedAttempt(6, policy)).toBe(true);
    expect(isLockedAttempt(60, policy)).toBe(true);
    expect(locksNow(6, policy)).toBe(false);
  });
});
