import { describe, expect, it } from '@jest/globals';
import { isOverdue, slaDueAt } from './sla.js';

describe('SLA', () => {
  const submitted = new Date('2026-11-23T09:00:00Z');

  it('is due the SLA hours after the first submission, plus paused time', () => {
    expect(slaDueAt(submitted, 24, 0).toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(slaDueAt(submitted, 72, 3600).toISOString()).toBe('2026-11-26T10:00:00.000Z');
  });

  it('is overdue only after the due time', () => {
    const due = slaDueAt(submitted, 24, 0);
    expect(isOverdue(due, new Date('2026-11-24T09:00:00Z'))).toBe(false);
    expect(isOverdue(due, new Date('2026-11-24T09:00:00.001Z'))).toBe(true);
    expect(isOverdue(null, new Date())).toBe(false);
  });
});
