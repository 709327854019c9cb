import { describe, expect, it } from '@jest/globals';
import { formatMinor, isMoneyString, normaliseMoney, toMinor } from './money.js';

describe('money', () => {
  it('parses decimal strings into exact minor units', () => {
    expect(toMinor('1500.00')).toBe(150000n);
    expect(toMinor('0.1')).toBe(10n);
    expect(toMinor('0.01')).toBe(1n);
    expect(toMinor('-2.5')).toBe(-250n);
    expect(toMinor('9999999999999999.99')).toBe(999999999999999999n);
  });

  it('formats minor units with two decimals', () => {
    expect(formatMinor(150000n)).toBe('1500.00');
    expect(formatMinor(1n)).toBe('0.01');
    expect(formatMinor(-250n)).toBe('-2.50');
    expect(formatMinor(0n)).toBe('0.00');
  });

  it('adds amounts that floats get wrong exactly', () => {
    expect(formatMinor(toMinor('0.10') + toMinor('0.20'))).toBe('0.30');
  });

  it('accepts at most two decimals and no signs, exponents or spaces', () => {
    expect(isMoneyString('1500.00')).toBe(true);
    expect(isMoneyString('0')).toBe(true);
    for (const bad of ['1.005', '-1', '1e5', ' 1', '01', '1.', '.5', 'abc', '', '12345678901234567']) {
      expect(isMoneyString(bad)).toBe(false);
    }
    expect(isMoneyString(1500)).toBe(false);
  });

  it('normalises stored numerics', () => {
    expect(normaliseMoney('1500')).toBe('1500.00');
    expect(normaliseMoney('1500.5')).toBe('1500.50');
    expect(normaliseMoney(null)).toBe('0.00');
  });
});
