import { conflict, DomainError } from '../../common/errors/domain-error.js';

export const AWARD_ERRORS = {
  FOUR_EYES: 'FOUR_EYES',
  AWARD_NOT_AMENDABLE: 'AWARD_NOT_AMENDABLE',
  AWARD_NOT_ACTIVE: 'AWARD_NOT_ACTIVE',
  AMENDMENT_BELOW_TRANCHES: 'AMENDMENT_BELOW_TRANCHES',
  TRANCHES_PENDING: 'TRANCHES_PENDING',
  SHARE_LINK_LIMIT: 'SHARE_LINK_LIMIT',
} as const;

/** Why four eyes refuse a decision: approvals (reviews) and amendments (awards); reviews depends on awards, so they live here. */
const FOUR_EYES_REASONS = {
  submittingOrganisation: 'You belong to the organisation that submitted this application: another officer must decide it',
  sameApprover: 'The second approval must come from another officer',
  holdingOrganisation: 'You belong to the organisation that holds this award: another officer must amend it',
  increaseByAdmin: 'An increase to or above the fund’s second-approval threshold is made by an admin',
} as const;

export const fourEyes = (reason: keyof typeof FOUR_EYES_REASONS) =>
  new DomainError(AWARD_ERRORS.FOUR_EYES, 'forbidden', FOUR_EYES_REASONS[reason]);

export const awardNotAmendable = (status: string) =>
  conflict(AWARD_ERRORS.AWARD_NOT_AMENDABLE, `A ${status} award cannot be amended`, { currentStatus: status });
export const awardNotActive = (status: string) =>
  conflict(AWARD_ERRORS.AWARD_NOT_ACTIVE, `The award is ${status} already`, { currentStatus: status });
/** A new tranche for an award that is no longer active (disbursements). */
export const awardTakesNoTranches = (status: string) =>
  conflict(AWARD_ERRORS.AWARD_NOT_ACTIVE, `The award is ${status}: no more tranches`, { currentStatus: status });
export const amendmentBelowTranches = (tranches: string, currency: string) =>
  conflict(
    AWARD_ERRORS.AMENDMENT_BELOW_TRANCHES,
    `The award has ${tranches} ${currency} in tranches paid or planned; cancel tranches before lowering it below that`,
    { tranches },
  );
export const tranchesPending = (unpaid: string, currency: string) =>
  conflict(
    AWARD_ERRORS.TRANCHES_PENDING,
    `${unpaid} ${currency} of this award is in tranches scheduled or at the bank: cancel them, or wait for the statement, before closing it`,
    { unpaid },
  );
export const shareLinkLimit = (limit: number) =>
  conflict(AWARD_ERRORS.SHARE_LINK_LIMIT, `The award has ${limit} active share links already: withdraw one you no longer need first`, {
    limit,
  });
