import { describe, expect, it } from '@jest/globals';
import { ISO_COUNTRY_CODES, isCountryCode } from './country-codes.js';

describe('isCountryCode', () => {
  it('knows the 249 assigned codes, Kosovo, and XX for stateless or not known', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(251);
    for (const code of ['KZ', 'KG', 'TJ', 'TM', 'UZ', 'RU', 'GB', 'XK', 'AF', 'ZW', 'XX']) expect(isCountryCode(code)).toBe(true);
  });

  it('refuses codes that are only shaped like one', () => {
    for (const code of ['XY', 'UK', 'ZZ', 'EU', 'SU', 'kz', 'KZZ', '', null, 42]) expect(isCountryCode(code)).toBe(false);
  });

  it('holds only codes the runtime can name, but XX (no country)', () => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of [...ISO_COUNTRY_CODES].filter((c) => c !== 'XX')) expect(names.of(code)).not.toBe(code);
  });
});
