import { describe, expect, it } from '@jest/globals';
import { turnaround } from './decision.js';

describe('turnaround', () => {
  it('counts gross time and leaves the paused time out of net', () => {
    expect(turnaround(new Date('2026-11-23T09:00:00Z'), new Date('2026-11-24T11:00:00Z'), 7200)).toEqual({ gross: 93600, net: 86400 });
  });
});
