import { conflict, DomainError, invalid, notFound } from '../../common/errors/domain-error.js';

export const applicationNotFound = () => notFound('Application');

export const illegalTransition = (status: string, action: string) =>
  conflict('ILLEGAL_TRANSITION', `An application that is ${status.replace(/_/g, ' ')} cannot be ${PAST[action] ?? action}`, { currentStatus: status });

const PAST: Record<string, string> = {
  edit: 'edited',
  submit: 'submitted',
  withdraw: 'withdrawn',
  waive: 'given a waiver',
  upload: 'given documents',
  claim: 'claimed',
  release: 'released',
  reassign: 'reassigned',
  approve: 'approved',
  reject: 'rejected',
  request_info: 'sent back for information',
};

export const unknownBeneficiary = () => invalid([{ field: 'beneficiaryId', message: 'beneficiaryId does not name a beneficiary registered by your organisation' }]);
export const unknownFund = () => invalid([{ field: 'fundId', message: 'fundId does not name a fund' }]);
export const noOpenFund = (country: string) =>
  invalid([{ field: 'fundId', message: `There is no open fund for ${country} today; give fundId explicitly` }]);
export const noOrganisation = () => new DomainError('NO_ORGANISATION', 'forbidden', 'Your account is not linked to an organisation');
export const ruleNotFailed = (ruleCode: string) =>
  conflict('RULE_NOT_FAILED', `${ruleCode} did not fail in the latest eligibility check of this application; only a failed rule can be waived`);
export const alreadyWaived = (ruleCode: string) => conflict('ALREADY_WAIVED', `${ruleCode} is already waived for this application`);
export const unsupportedFile = () =>
  new DomainError('UNSUPPORTED_FILE_TYPE', 'unsupported_media', 'Only PDF, JPEG and PNG files are accepted; the content of this file is none of them');
export const missingFile = () => invalid([{ field: 'file', message: 'file is required (multipart/form-data field "file")' }]);
