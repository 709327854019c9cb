import { COMMON_ERRORS } from '../../common/errors/common.errors.js';
import { conflict } from '../../common/errors/domain-error.js';

export const REVIEW_ERRORS = {
  CLAIMED_BY_ANOTHER: 'CLAIMED_BY_ANOTHER',
  CLAIM_FIRST: 'CLAIM_FIRST',
} as const;

/** A decision on a submitted application that nobody has claimed yet: the officer claims it, then decides. */
export const claimFirst = (status: string) =>
  conflict(REVIEW_ERRORS.CLAIM_FIRST, 'Claim the application before deciding it', { currentStatus: status });

/** A decision on an application in review by someone other than its claimant. */
export const notTheClaimant = (status: string) =>
  conflict(REVIEW_ERRORS.CLAIMED_BY_ANOTHER, 'Only the officer who claimed this application can decide it; claim it first', {
    currentStatus: status,
  });
/** A release by someone other than the claimant (or an admin). */
export const claimedByAnother = (status: string) =>
  conflict(REVIEW_ERRORS.CLAIMED_BY_ANOTHER, 'Another officer is working on this application; only they or an admin can release it', {
    currentStatus: status,
  });
export const changedWhileReassigning = () =>
  conflict(COMMON_ERRORS.CONCURRENT_UPDATE, 'The application changed while it was being reassigned; reload and try again');
