export interface LockoutPolicy {
  /** Failed logins from one address before that address is locked out of the account. */
  threshold: number;
  minutes: number;
}

/**
 * Attempt number `attempt` (counted before the password is checked) of an account from one address
 * in the current window: past the threshold, the address is locked out of the account and the
 * password is not even checked.
 */
export function isLockedAttempt(attempt: number, policy: LockoutPolicy): boolean {
  return attempt > policy.threshold;
}

/** This failed attempt is the one that locks the address out (the threshold-th failure). */
export function locksNow(attempt: number, policy: LockoutPolicy): boolean {
  return attempt === policy.threshold;
}
