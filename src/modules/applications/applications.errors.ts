import { COMMON_ERRORS } from '../../common/errors/common.errors.js';
import { conflict, DomainError, invalid, notFound } from '../../common/errors/domain-error.js';

export const APPLICATION_ERRORS = {
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  RULE_NOT_FAILED: 'RULE_NOT_FAILED',
  ALREADY_WAIVED: 'ALREADY_WAIVED',
  UNSUPPORTED_FILE_TYPE: 'UNSUPPORTED_FILE_TYPE',
  FILE_TYPE_MISMATCH: 'FILE_TYPE_MISMATCH',
  FILE_DAMAGED: 'FILE_DAMAGED',
  DOCUMENT_LIMIT_REACHED: 'DOCUMENT_LIMIT_REACHED',
} as const;

export const applicationNotFound = () => notFound('Application');

export const illegalTransition = (status: string, action: string) =>
  conflict(
    APPLICATION_ERRORS.ILLEGAL_TRANSITION,
    `An application that is ${status.replace(/_/g, ' ')} cannot be ${PAST[action] ?? action}`,
    { currentStatus: status },
  );

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

export const unknownBeneficiary = () =>
  invalid([{ field: 'beneficiaryId', message: 'beneficiaryId does not name a beneficiary registered by your organisation' }]);
export const unknownFund = () => invalid([{ field: 'fundId', message: 'fundId does not name a fund' }]);
export const noOpenFund = (country: string) =>
  invalid([{ field: 'fundId', message: `There is no open fund for ${country} today; give fundId explicitly` }]);
export const ruleNotFailed = (ruleCode: string) =>
  conflict(
    APPLICATION_ERRORS.RULE_NOT_FAILED,
    `${ruleCode} did not fail in the latest eligibility check of this application; only a failed rule can be waived`,
  );
export const alreadyWaived = (ruleCode: string) =>
  conflict(APPLICATION_ERRORS.ALREADY_WAIVED, `${ruleCode} is already waived for this application`);
export const unsupportedFile = (reason: 'unknown_format' | 'html_markup') =>
  new DomainError(
    APPLICATION_ERRORS.UNSUPPORTED_FILE_TYPE,
    'unsupported_media',
    reason === 'html_markup'
      ? 'The file carries HTML markup that a browser would run; save the document again as a plain PDF, JPEG or PNG'
      : 'Only PDF, JPEG and PNG files are accepted; the content of this file is none of them',
    undefined,
    { reason },
  );
export const fileTypeMismatch = (detected: string, claimed: string) =>
  new DomainError(
    APPLICATION_ERRORS.FILE_TYPE_MISMATCH,
    'unsupported_media',
    `The file's content is ${detected} but its name or type says ${claimed}; send it under its own type`,
    undefined,
    { reason: 'type_mismatch', detected, claimed },
  );
export const fileDamaged = (contentType: string, reason: string) =>
  new DomainError(
    APPLICATION_ERRORS.FILE_DAMAGED,
    'unprocessable',
    `The file starts as ${contentType} but is not a complete, readable one (${reason}); it may be truncated or damaged`,
    undefined,
    { reason, contentType },
  );
export const documentLimitReached = (limit: number) =>
  conflict(APPLICATION_ERRORS.DOCUMENT_LIMIT_REACHED, `An application holds at most ${limit} documents`, { limit });
export const missingFile = () => invalid([{ field: 'file', message: 'file is required (multipart/form-data field "file")' }]);
/** Changed by someone else between the submission's read and its write (a serialization failure). */
export const changedWhileSubmitting = (currentVersion: number | undefined) =>
  conflict(COMMON_ERRORS.VERSION_CONFLICT, 'This application was changed while it was being submitted; reload and try again', {
    currentVersion,
  });
