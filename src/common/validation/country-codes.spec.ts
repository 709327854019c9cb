import { describe, expect, it } from '@jest/globals';
import { ISO_COUNTRY_CODES, isCountryCode } from './country-codes.js';

describe('isCountryCode', () => {
  it('knows the 249 assigned codes and Kosovo', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(250);
    for (const code of ['KZ', 'KG', 'TJ', 'TM', 'UZ', 'RU', 'GB', 'XK', 'AF', 'ZW']) expect(isCountryCode(code)).toBe(true);
  });

  it('refuses codes that are only shaped like one', () => {
    for (const code of ['XX', 'UK', 'ZZ', 'EU', 'SU', 'kz', 'KZZ', '', null, 42]) expect(isCountryCode(code)).toBe(false);
  });

  it('holds only codes the runtime can name', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of ISO_COUNTRY_CODES) expect(names.of(code)).not.toBe(code);
  });
});
