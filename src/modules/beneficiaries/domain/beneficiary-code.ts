import { randomInt } from 'node:crypto';

/** Crockford's base32 without I, L, O, U: easy to read aloud and to copy by hand. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A pseudonymous code such as `BEN-KZ-7K3QF`: the country of the registering NGO and 5 random characters. */
export function generateBeneficiaryCode(country: string, random: (max: number) => number = randomInt): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += ALPHABET[random(ALPHABET.length)];
  return `BEN-${country}-${suffix}`;
}

export const BENEFICIARY_CODE_PATTERN = /^BEN-[A-Z]{2}-[0-9A-HJKMNP-TV-Z]{5}$/;
