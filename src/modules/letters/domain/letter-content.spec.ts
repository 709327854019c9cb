import { describe, expect, it } from '@jest/globals';
import { groupMinor } from '../../../common/money/money.js';
import { displayCode, letterDate, letterDateTime, letterMoney } from './letter-content.js';

const en = { number: { group: ',', decimal: '.' } };
const ru = { number: { group: '\u00a0', decimal: ',' } };

describe('letterMoney', () => {
  it('groups thousands with the marks of the language', () => {
    expect(letterMoney('1500000.50', en)).toBe('1,500,000.50');
    expect(letterMoney('1500000.50', ru)).toBe('1\u00a0500\u00a0000,50');
  });

  it('groups the largest amount', () => {
    expect(letterMoney('999999999999999999.99', en)).toBe('999,999,999,999,999,999.99');
    expect(letterMoney('999999999999999999.99', ru)).toBe('999\u00a0999\u00a0999\u00a0999\u00a0999\u00a0999,99');
    expect(letterMoney('9999999999999999.99', en)).toBe('9,999,999,999,999,999.99');
  });

  it('writes zero and small amounts with two decimals and no group mark', () => {
    expect(letterMoney('0', en)).toBe('0.00');
    expect(letterMoney('0.00', ru)).toBe('0,00');
    expect(letterMoney('0.05', en)).toBe('0.05');
    expect(letterMoney('0.5', ru)).toBe('0,50');
    expect(letterMoney('7', en)).toBe('7.00');
    expect(letterMoney('999.99', ru)).toBe('999,99');
  });

  it('groups from the first thousand on', () => {
    expect(letterMoney('1000', en)).toBe('1,000.00');
    expect(letterMoney('10000', ru)).toBe('10\u00a0000,00');
    expect(letterMoney('100000.1', en)).toBe('100,000.10');
    expect(letterMoney('1000000', en)).toBe('1,000,000.00');
  });

  it('takes the API form and the stored form alike', () => {
    expect(letterMoney('310000.5', en)).toBe('310,000.50');
    expect(letterMoney('310000.50', en)).toBe('310,000.50');
  });
});

describe('groupMinor', () => {
  it('defaults to comma and point', () => {
    expect(groupMinor(150000050n)).toBe('1,500,000.50');
    expect(groupMinor(0n)).toBe('0.00');
    expect(groupMinor(1n)).toBe('0.01');
    expect(groupMinor(99999n)).toBe('999.99');
    expect(groupMinor(100000n)).toBe('1,000.00');
  });

  it('uses the given marks, also an empty group mark', () => {
    expect(groupMinor(150000050n, { group: '\u00a0', decimal: ',' })).toBe('1\u00a0500\u00a0000,50');
    expect(groupMinor(150000050n, { group: '', decimal: ',' })).toBe('1500000,50');
    expect(groupMinor(150000050n, { group: "'", decimal: '.' })).toBe("1'500'000.50");
  });

  it('groups the largest amounts, and negative ones', () => {
    expect(groupMinor(10n ** 20n - 1n)).toBe('999,999,999,999,999,999.99');
    expect(groupMinor(10n ** 18n - 1n)).toBe('9,999,999,999,999,999.99');
    expect(groupMinor(-150000050n)).toBe('-1,500,000.50');
    expect(groupMinor(-100000n, { group: '\u00a0', decimal: ',' })).toBe('-1\u00a0000,00');
    expect(groupMinor(-5n)).toBe('-0.05');
  });
});

describe('letterDate', () => {
  it('writes the day, the month by name and the year', () => {
    expect(letterDate('2026-12-01', 'en-GB')).toBe('1 December 2026');
    expect(letterDate('2026-12-01T10:00:00Z', 'en-GB')).toBe('1 December 2026');
    expect(letterDate('2026-12-01', 'ru-RU')).toContain('1 декабря 2026');
    expect(letterDate('2026-03-08', 'ru-RU')).toContain('8 марта 2026');
  });

  it('takes the date in UTC', () => {
    expect(letterDate('2026-12-31T23:59:59Z', 'en-GB')).toBe('31 December 2026');
    expect(letterDate('2027-01-01T00:00:00Z', 'en-GB')).toBe('1 January 2027');
    expect(letterDate('2026-12-31T23:30:00-05:00', 'en-GB')).toBe('1 January 2027');
  });

  it('keeps the formats of several locales apart', () => {
    expect(letterDate('2026-05-09', 'en-GB')).toBe('9 May 2026');
    expect(letterDate('2026-05-09', 'ru-RU')).toContain('9 мая 2026');
    expect(letterDate('2026-05-09', 'en-GB')).toBe('9 May 2026');
  });
});

describe('letterDateTime', () => {
  it('is 24-hour, in UTC', () => {
    expect(letterDateTime('2026-12-01T21:05:00Z', 'en-GB')).toContain('21:05');
    expect(letterDateTime('2026-12-01T21:05:00Z', 'en-GB')).toContain('01/12/2026');
    expect(letterDateTime('2026-12-01T21:05:00Z', 'ru-RU')).toBe('01.12.2026, 21:05');
    expect(letterDateTime('2026-12-01T23:05:00+02:00', 'ru-RU')).toBe('01.12.2026, 21:05');
  });

  it('writes the hour after midnight as 00', () => {
    expect(letterDateTime('2026-12-02T00:05:00Z', 'en-GB')).toContain('00:05');
    expect(letterDateTime('2026-12-02T00:05:00Z', 'ru-RU')).toBe('02.12.2026, 00:05');
    expect(letterDateTime('2026-12-02T12:00:00Z', 'en-GB')).toContain('12:00');
    expect(letterDateTime('2026-12-02T12:00:00Z', 'en-GB')).not.toMatch(/am|pm/i);
  });
});

describe('displayCode', () => {
  it('groups by four with dashes', () => {
    expect(displayCode('7K3QF9ZX2MNP4RST6VWY8ABC0DEG1HJ5')).toBe('7K3Q-F9ZX-2MNP-4RST-6VWY-8ABC-0DEG-1HJ5');
    expect(displayCode('ABCDEFGH')).toBe('ABCD-EFGH');
    expect(displayCode('ABCDE')).toBe('ABCD-E');
    expect(displayCode('ABC')).toBe('ABC');
  });
});
