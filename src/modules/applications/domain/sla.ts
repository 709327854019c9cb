/**
 * SLA due time (SPEC section 3): first submission + the fund's SLA hours for the urgency + the time
 * the clock was paused waiting for the NGO.
 */
export function slaDueAt(firstSubmittedAt: Date, slaHours: number, pausedSeconds: number): Date {
  return new Date(firstSubmittedAt.getTime() + slaHours * 3_600_000 + pausedSeconds * 1000);
}

export function isOverdue(dueAt: Date | null, now: Date): boolean {
  return dueAt !== null && now.getTime() > dueAt.getTime();
}
