import { createHash, randomBytes } from 'node:crypto';

/** Crockford base32 without I, L, O, U: no letter is mistaken for a digit when typed from paper. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 32;

/** 160 random bits as 32 characters: not guessable, so a lookup may answer 404 for anything unknown. */
export function newVerificationCode(random: (n: number) => Buffer = randomBytes): string {
  const bytes = random(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/**
 * What a person may type or scan: lower case, dashes and spaces between groups, and the letters
 * Crockford reads as digits (O → 0, I and L → 1). Returns null when it cannot be a code.
 */
export function normaliseVerificationCode(input: string): string | null {
  if (!/^[0-9A-Za-z\s-]{1,80}$/.test(input)) return null; // ASCII only: upper-casing ß or ı would change the text
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (code.length !== CODE_LENGTH) return null;
  for (const ch of code) if (!ALPHABET.includes(ch)) return null;
  return code;
}

/**
 * Codes are looked up by their SHA-256, not by their text: the index compares hashes the caller
 * cannot steer, so response times say nothing about how close a guess came to a real code.
 */
export function verificationCodeHash(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}
