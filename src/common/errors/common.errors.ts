/**
 * Codes of the cross-cutting code: the global filter (framework and database errors), validation,
 * pagination, optimistic locking, idempotency and the auth guard. A module's own codes live in its
 * `x.errors.ts`; src/error-codes.ts gathers them all. No imports here: domain-error.ts builds on it.
 */
export const COMMON_ERRORS = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED: 'RATE_LIMITED',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  CONCURRENT_UPDATE: 'CONCURRENT_UPDATE',
  DUPLICATE: 'DUPLICATE',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  DATABASE_BUSY: 'DATABASE_BUSY',
  INTERNAL: 'INTERNAL',
  /** a framework error of a 4xx status that has no code of its own (none is known to reach a client today) */
  HTTP_ERROR: 'HTTP_ERROR',
} as const;
export type CommonErrorCode = (typeof COMMON_ERRORS)[keyof typeof COMMON_ERRORS];
