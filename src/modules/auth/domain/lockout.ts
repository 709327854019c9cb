export interface LockoutPolicy {
  threshold: number;
  minutes: number;
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/**
 * After a failed attempt that brought the count to `failedCount`: lock when it reaches the threshold,
 * and start counting afresh after the lock.
 */
export function afterFailure(failedCount: number, now: Date, policy: LockoutPolicy): { lockedUntil: Date | null; failedCount: number } {
  if (failedCount >= policy.threshold) {
    return { lockedUntil: new Date(now.getTime() + policy.minutes * 60_000), failedCount: 0 };
  }
  return { lockedUntil: null, failedCount };
}
