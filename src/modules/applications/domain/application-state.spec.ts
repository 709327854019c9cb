import { describe, expect, it } from '@jest/globals';
import { APPLICATION_STATUSES, type ApplicationStatus } from './application.types.js';
import { canPerform, statusAfterSubmit } from './application-state.js';

const allowed = (action: Parameters<typeof canPerform>[1]) => APPLICATION_STATUSES.filter((s) => canPerform(s, action));

describe('application state machine', () => {
  it('submits from draft, ineligible and info_requested only', () => {
    expect(allowed('submit')).toEqual(['draft', 'ineligible', 'info_requested']);
  });

  it('lands in submitted or ineligible depending on the rules', () => {
    expect(statusAfterSubmit(true)).toBe('submitted');
    expect(statusAfterSubmit(false)).toBe('ineligible');
  });

  it('lets the NGO edit only while the application is with them', () => {
    expect(allowed('edit')).toEqual(['draft', 'ineligible', 'info_requested']);
  });

  it('withdraws before a decision only', () => {
    expect(allowed('withdraw').sort()).toEqual(['draft', 'ineligible', 'info_requested', 'submitted']);
    for (const s of ['in_review', 'pending_second_approval', 'approved', 'rejected', 'withdrawn'] as ApplicationStatus[]) {
      expect(canPerform(s, 'withdraw')).toBe(false);
    }
  });

  it('lets an officer claim a submitted application and release it while in review', () => {
    expect(allowed('claim')).toEqual(['submitted']);
    expect(allowed('release')).toEqual(['in_review']);
  });

  it('does nothing with a final application', () => {
    for (const s of ['approved', 'rejected', 'withdrawn'] as ApplicationStatus[]) {
      for (const action of ['edit', 'submit', 'withdraw', 'waive', 'upload', 'claim', 'release'] as const)
        expect(canPerform(s, action)).toBe(false);
    }
  });
});
