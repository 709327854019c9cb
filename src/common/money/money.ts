/**
 * Money is a decimal string with at most two decimals in the API and `numeric(20,2)` in storage.
 * Arithmetic happens on integer minor units (bigint), never on floats.
 */
const MONEY_PATTERN = /^(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

export type Minor = bigint;

export function isMoneyString(value: unknown): value is string {
  return typeof value === 'string' && MONEY_PATTERN.test(value);
}

export function toMinor(value: string): Minor {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) throw new Error(`Not a money amount: ${value}`);
  const [, sign, whole, frac = ''] = match;
  const minor = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0'));
  return sign ? -minor : minor;
}

export function formatMinor(minor: Minor): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** Normalises a stored numeric ("1500", "1500.5") to the API form ("1500.00", "1500.50"). */
export function normaliseMoney(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '0.00';
  return formatMinor(toMinor(String(value)));
}

export function sumMinor(values: Iterable<Minor>): Minor {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/** An amount for people, with the digit grouping and decimal mark of a language: (150000050n, ' ', ',') → "1 500 000,50". */
export function groupMinor(minor: Minor, marks: { group: string; decimal: string } = { group: ',', decimal: '.' }): string {
  const [whole, frac] = formatMinor(minor).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign ? whole.slice(1) : whole;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, marks.group)}${marks.decimal}${frac}`;
}

/** For people: `310000.5` → "310,000.50 KZT". */
export function displayMoney(minor: Minor, currency: string): string {
  return `${groupMinor(minor)} ${currency}`;
}
