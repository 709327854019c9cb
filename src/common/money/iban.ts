/**
 * IBANs (ISO 13616): two letters of the country, two check digits, then the national account
 * number (BBAN). A value is accepted when it is written in capitals without spaces, its check
 * digits pass mod 97, and its length is the registered one for its country. Countries not in the
 * table (among the program countries KG, TJ, TM and UZ have no IBAN in the SWIFT registry; their
 * banks may still print an IBAN-shaped account) only need 15 to 34 characters and the checksum.
 */

/** Registered IBAN lengths (SWIFT IBAN registry), for the countries a payee is likely to bank in. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

const SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/** The remainder mod 97 of the IBAN read as a number, the first four characters moved to the end, letters as 10..35. */
function ibanRemainder(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : ch;
    for (const d of digits) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return remainder;
}

/** Why a value is not an IBAN, or null when it is one. */
export function ibanProblem(value: unknown): string | null {
  if (typeof value !== 'string' || !SHAPE.test(value)) return 'must be an IBAN in capitals without spaces (e.g. KZ86125KZT5004100100)';
  const length = IBAN_LENGTHS[value.slice(0, 2)];
  if (length !== undefined && value.length !== length) return `must have ${length} characters for an IBAN of ${value.slice(0, 2)}`;
  if (ibanRemainder(value) !== 1) return 'has wrong check digits: the IBAN is mistyped';
  return null;
}

export const isIban = (value: unknown): value is string => ibanProblem(value) === null;

/** The check digits that make `country` + `bban` a valid IBAN (for demo data and tests). */
export function withCheckDigits(country: string, bban: string): string {
  const check = 98 - ibanRemainder(`${country}00${bban}`);
  return `${country}${String(check).padStart(2, '0')}${bban}`;
}
