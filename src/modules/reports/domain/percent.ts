/**
 * `part` as a percentage of `whole`, rounded to one decimal, half away from zero, from exact
 * integers (no floating point on the way): percent(104, 298) → 34.9, percent(1, 8) → 12.5.
 */
export function percent(part: number, whole: number): number {
  if (whole === 0) return 0;
  const p = BigInt(part) * 1000n;
  const w = BigInt(whole);
  const sign = p < 0n !== w < 0n ? -1n : 1n;
  const a = p < 0n ? -p : p;
  const b = w < 0n ? -w : w;
  const tenths = (2n * a + b) / (2n * b); // half up on magnitudes = half away from zero
  return Number(sign * tenths) / 10;
}
