/** Gross: first submission → decision; net: the same, less the time spent waiting for the NGO. */
export function turnaround(firstSubmittedAt: Date, decidedAt: Date, pausedSeconds: number): { gross: number; net: number } {
  const gross = Math.max(0, Math.round((decidedAt.getTime() - firstSubmittedAt.getTime()) / 1000));
  return { gross, net: Math.max(0, gross - pausedSeconds) };
}
