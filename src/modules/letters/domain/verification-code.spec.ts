import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { CODE_LENGTH, newVerificationCode, normaliseVerificationCode, verificationCodeHash } from './verification-code.js';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CROCKFORD = /^[0-9A-HJKMNP-TV-Z]{32}$/;

/** The same 160 bits written independently: the bytes as one number, in base 32, most significant first. */
function reference(bytes: Buffer): string {
  let n = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    out = ALPHABET[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

describe('newVerificationCode', () => {
  it('is 32 characters of the Crockford alphabet', () => {
    expect(CODE_LENGTH).toBe(32);
    for (let i = 0; i < 200; i++) expect(newVerificationCode()).toMatch(CROCKFORD);
  });

  it('does not repeat itself', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newVerificationCode()));
    expect(codes.size).toBe(1000);
  });

  it('writes 160 bits of the random source', () => {
    const asked: number[] = [];
    const zeros = (n: number) => (asked.push(n), Buffer.alloc(n));
    expect(newVerificationCode(zeros)).toBe('0'.repeat(32));
    expect(asked).toEqual([20]);
    expect(newVerificationCode((n) => Buffer.alloc(n, 0xff))).toBe('Z'.repeat(32));
    expect(newVerificationCode((n) => Buffer.from([0xff, ...Array<number>(n - 1).fill(0)]))).toBe(`ZW${'0'.repeat(30)}`);
    expect(newVerificationCode((n) => Buffer.from([...Array<number>(n - 1).fill(0), 1]))).toBe(`${'0'.repeat(31)}1`);
  });

  it('is the bytes in base 32, for any bytes', () => {
    const sequence = Buffer.from(Array.from({ length: 20 }, (_, i) => (i * 37 + 11) & 0xff));
    expect(newVerificationCode(() => sequence)).toBe(reference(sequence));
    for (let i = 0; i < 100; i++) {
      const bytes = Buffer.from(Array.from({ length: 20 }, () => Math.floor(Math.random() * 256)));
      expect(newVerificationCode(() => bytes)).toBe(reference(bytes));
    }
  });

  it('uses every character of the alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) for (const ch of newVerificationCode()) seen.add(ch);
    expect([...seen].sort().join('')).toBe(ALPHABET);
  });
});

describe('normaliseVerificationCode', () => {
  const code = '7K3QF9ZX2MNP4RST6VWY8ABC0DEG1HJ5';

  it('accepts a code as it is', () => {
    expect(code).toMatch(CROCKFORD);
    expect(normaliseVerificationCode(code)).toBe(code);
  });

  it('accepts lower case, dashes and spaces', () => {
    expect(normaliseVerificationCode(code.toLowerCase())).toBe(code);
    expect(normaliseVerificationCode('7K3Q-F9ZX-2MNP-4RST-6VWY-8ABC-0DEG-1HJ5')).toBe(code);
    expect(normaliseVerificationCode(' 7k3q f9zx 2mnp 4rst\t6vwy-8abc - 0deg 1hj5\n')).toBe(code);
  });

  it('reads O as zero and I and L as one', () => {
    expect(normaliseVerificationCode('7K3QF9ZX2MNP4RST6VWY8ABCODEGIHJ5')).toBe(code);
    expect(normaliseVerificationCode('7K3QF9ZX2MNP4RST6VWY8ABCoDEGlHJ5')).toBe(code);
    expect(normaliseVerificationCode('O'.repeat(16) + 'I'.repeat(8) + 'l'.repeat(8))).toBe('0'.repeat(16) + '1'.repeat(16));
  });

  it('refuses the wrong length', () => {
    expect(normaliseVerificationCode('')).toBeNull();
    expect(normaliseVerificationCode(code.slice(1))).toBeNull();
    expect(normaliseVerificationCode(`${code}0`)).toBeNull();
    expect(normaliseVerificationCode('----')).toBeNull();
  });

  it('refuses U and anything outside the alphabet', () => {
    expect(normaliseVerificationCode(`U${code.slice(1)}`)).toBeNull();
    expect(normaliseVerificationCode(`u${code.slice(1)}`)).toBeNull();
    expect(normaliseVerificationCode(`_${code.slice(1)}`)).toBeNull();
    expect(normaliseVerificationCode(`Ж${code.slice(1)}`)).toBeNull();
  });

  it('reads back every new code, also as printed in groups and typed in lower case', () => {
    for (let i = 0; i < 100; i++) {
      const fresh = newVerificationCode();
      const grouped = fresh.match(/.{4}/g)!.join('-');
      expect(normaliseVerificationCode(fresh)).toBe(fresh);
      expect(normaliseVerificationCode(grouped.toLowerCase())).toBe(fresh);
    }
  });
});

describe('verificationCodeHash', () => {
  it('is the SHA-256 of the code, in hex', () => {
    const code = newVerificationCode();
    const hash = verificationCodeHash(code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash('sha256').update(code).digest('hex'));
    expect(verificationCodeHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is the same for the same code and differs between codes', () => {
    const a = newVerificationCode();
    const b = newVerificationCode();
    expect(verificationCodeHash(a)).toBe(verificationCodeHash(a));
    expect(verificationCodeHash(a)).not.toBe(verificationCodeHash(b));
    expect(verificationCodeHash('0'.repeat(32))).not.toBe(verificationCodeHash(`${'0'.repeat(31)}1`));
  });
});

describe('normaliseVerificationCode and non-ASCII input', () => {
  it('refuses letters that upper-case into others', () => {
    expect(normaliseVerificationCode('A'.repeat(30) + 'ß')).toBeNull();
    expect(normaliseVerificationCode('ı' + '0'.repeat(31))).toBeNull();
  });
});
