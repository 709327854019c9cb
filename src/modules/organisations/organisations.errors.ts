import { conflict, DomainError } from '../../common/errors/domain-error.js';

export const ORGANISATION_ERRORS = {
  ORGANISATION_EXISTS: 'ORGANISATION_EXISTS',
  NO_ORGANISATION: 'NO_ORGANISATION',
} as const;

export const duplicateRegistration = (country: string) =>
  conflict(ORGANISATION_ERRORS.ORGANISATION_EXISTS, `An organisation with this registration number is already registered in ${country}`);
/** An NGO user whose account names no organisation (applications and beneficiaries both need one). */
export const noOrganisation = () =>
  new DomainError(ORGANISATION_ERRORS.NO_ORGANISATION, 'forbidden', 'Your account is not linked to an organisation');
