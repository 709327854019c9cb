import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('allows up to the limit per key and minute, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(3, () => now);
    expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('a')]).toEqual([0, 0, 0]);
    now += 10_000;
    expect(limiter.hit('a')).toBe(50);
    expect(limiter.hit('b')).toBe(0);
    now += 50_000;
    expect(limiter.hit('a')).toBe(0);
  });

  it('is off at 0', () => {
    const limiter = new RateLimiter(0);
    for (let i = 0; i < 100; i++) expect(limiter.hit('a')).toBe(0);
  });
});
