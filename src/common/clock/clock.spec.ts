import { describe, expect, it, jest } from '@jest/globals';
import { Clock } from './clock.js';

describe('Clock.today', () => {
  it('is the UTC day of now(), days later or earlier, and follows a moved now()', () => {
    const clock = new Clock();
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2026-12-31T23:30:00+05:00')); // 18:30 UTC
    expect([clock.today(), clock.today(1), clock.today(-31)]).toEqual(['2026-12-31', '2027-01-01', '2026-11-30']);
  });
});
