import { COMMON_ERRORS, type CommonErrorCode } from './common.errors.js';

/** Every failure a service reports carries a code; the global filter maps codes to HTTP statuses. */
export type ErrorKind =
  | 'validation' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'too_large' // 413
  | 'unsupported_media' // 415
  | 'unprocessable' // 422
  | 'rate_limited' // 429
  | 'unavailable'; // 503

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The codes a DomainError may carry, one entry per owner. common knows only its own; src/error-codes.ts,
 * which gathers every module's, adds the rest by declaration merging, so common never imports a module.
 * @public (exported for the augmentation, which knip cannot see)
 */
export interface ErrorCodeRegistry {
  common: CommonErrorCode;
}
export type ErrorCode = ErrorCodeRegistry[keyof ErrorCodeRegistry];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: FieldProblem[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, code: ErrorCode = COMMON_ERRORS.NOT_FOUND) =>
  new DomainError(code, 'not_found', `${what} not found`);

export const conflict = (code: ErrorCode, message: string, extra?: Record<string, unknown>) =>
  new DomainError(code, 'conflict', message, undefined, extra);

export const invalid = (details: FieldProblem[], message = 'The request has invalid fields') =>
  new DomainError(COMMON_ERRORS.VALIDATION_FAILED, 'validation', message, details);
