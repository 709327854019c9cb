import { describe, expect, it } from '@jest/globals';
import { ibanProblem, isIban, withCheckDigits } from './iban.js';

describe('IBAN', () => {
  it('accepts IBANs whose check digits pass mod 97 and whose length is their country’s', () => {
    for (const iban of ['KZ86125KZT5004100100', 'GB82WEST12345698765432', 'DE89370400440532013000', 'NO9386011117947'])
      expect(ibanProblem(iban)).toBeNull();
  });

  it('refuses a mistyped digit, swapped digits and wrong check digits', () => {
    expect(ibanProblem('KZ86125KZT5004100101')).toMatch(/check digits/);
    expect(ibanProblem('KZ86125KZT5004101000')).toMatch(/check digits/);
    expect(ibanProblem('KZ87125KZT5004100100')).toMatch(/check digits/);
    expect(isIban('GB82WEST12345698765423')).toBe(false);
  });

  it("refuses a length that is not the country's", () => {
    expect(ibanProblem(withCheckDigits('KZ', '125KZT50041001001'))).toMatch(/20 characters/);
    expect(ibanProblem(withCheckDigits('DE', '3704004405320130'))).toMatch(/22 characters/);
  });

  it('accepts any length from 15 to 34 for a country without a registered length, checksum still required', () => {
    const uz = withCheckDigits('UZ', 'HAMK0000000020208000');
    expect(isIban(uz)).toBe(true);
    expect(isIban(`${uz.slice(0, -1)}1`)).toBe(false);
  });

  it('refuses what is not IBAN-shaped: spaces, lower case, too short or long, not a string', () => {
    for (const v of [
      'KZ86 125K ZT50 0410 0100',
      'kz86125kzt5004100100',
      'KZ86125',
      `KZ86${'1'.repeat(31)}`,
      'KZXX125KZT5004100100',
      42,
      null,
    ])
      expect(ibanProblem(v)).toMatch(/capitals without spaces/);
  });

  it('computes check digits that pass', () => {
    expect(withCheckDigits('GB', 'WEST12345698765432')).toBe('GB82WEST12345698765432');
    expect(withCheckDigits('KZ', '125KZT5004100100')).toBe('KZ86125KZT5004100100');
  });
});
