import { describe, expect, it } from '@jest/globals';
import { metricsAccess } from './metrics-access.js';

const token = 'm'.repeat(40);

describe('metricsAccess', () => {
  it('is off for everyone when no token is configured', () => {
    expect(metricsAccess(undefined, `Bearer ${token}`)).toBe('off');
    expect(metricsAccess(undefined, undefined)).toBe('off');
  });

  it('allows the configured bearer token only', () => {
    expect(metricsAccess(token, `Bearer ${token}`)).toBe('allowed');
    expect(metricsAccess(token, `bearer ${token}`)).toBe('allowed');
    expect(metricsAccess(token, undefined)).toBe('denied');
    expect(metricsAccess(token, token)).toBe('denied');
    expect(metricsAccess(token, `Bearer ${token}x`)).toBe('denied');
    expect(metricsAccess(token, `Bearer ${token.slice(1)}`)).toBe('denied');
    expect(metricsAccess(token, 'Basic abc')).toBe('denied');
  });
});
