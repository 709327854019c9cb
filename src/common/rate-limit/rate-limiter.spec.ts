import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from './rate-limiter.js';
import type { CounterStore } from './request-counters.js';

/** The PostgreSQL store's semantics in memory: a window starts at a key's first hit. */
function memoryStore(clock: { now: number }): CounterStore & { keys: () => string[] } {
  const windows = new Map<string, { start: number; count: number; seconds: number }>();
  return {
    hit(key, seconds) {
      let w = windows.get(key);
      if (!w || clock.now - w.start >= w.seconds * 1000) windows.set(key, (w = { start: clock.now, count: 0, seconds }));
      w.count++;
      return Promise.resolve({ count: w.count, resetsInSeconds: Math.max(1, Math.ceil((w.start + seconds * 1000 - clock.now) / 1000)) });
    },
    keys: () => [...windows.keys()],
  };
}

describe('RateLimiter', () => {
  it('allows up to the limit per key and minute, then says how long to wait, flagging the first refusal', async () => {
    const clock = { now: 1_000_000 };
    const limiter = new RateLimiter(memoryStore(clock), 'login', 3);
    expect([await limiter.hit('a'), await limiter.hit('a'), await limiter.hit('a')]).toEqual([null, null, null]);
    clock.now += 10_000;
    expect(await limiter.hit('a')).toEqual({ retryAfter: 50, first: true });
    expect(await limiter.hit('a')).toEqual({ retryAfter: 50, first: false });
    expect(await limiter.hit('b')).toBeNull();
    clock.now += 50_000;
    expect(await limiter.hit('a')).toBeNull();
  });

  it('keeps limits apart by name', async () => {
    const store = memoryStore({ now: 0 });
    await new RateLimiter(store, 'login', 1).hit('x');
    await new RateLimiter(store, 'public', 1).hit('x');
    expect(store.keys().sort()).toEqual(['login:x', 'public:x']);
  });

  it('is off at 0', async () => {
    const limiter = new RateLimiter(memoryStore({ now: 0 }), 'login', 0);
    for (let i = 0; i < 100; i++) expect(await limiter.hit('a')).toBeNull();
  });
});
