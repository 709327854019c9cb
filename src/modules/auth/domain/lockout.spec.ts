import { describe, expect, it } from '@jest/globals';
import { afterFailure, isLocked } from './lockout.js';

const policy = { threshold: 5, minutes: 15 };
const now = new Date('2026-11-23T10:00:00Z');

describe('lockout', () => {
  it('does not lock before the fifth failure', () => {
    expect(afterFailure(4, now, policy)).toEqual({ lockedUntil: null, failedCount: 4 });
  });

  it('locks for 15 minutes at the fifth failure and resets the count', () => {
    expect(afterFailure(5, now, policy)).toEqual({ lockedUntil: new Date('2026-11-23T10:15:00Z'), failedCount: 0 });
  });

  it('is locked until the moment passes', () => {
    const until = new Date('2026-11-23T10:15:00Z');
    expect(isLocked(until, new Date('2026-11-23T10:14:59Z'))).toBe(true);
    expect(isLocked(until, until)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});
