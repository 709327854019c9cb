import { COMMON_ERRORS } from './common/errors/common.errors.js';
import { APPLICATION_ERRORS } from './modules/applications/applications.errors.js';
import { AUTH_ERRORS } from './modules/auth/auth.errors.js';
import { AWARD_ERRORS } from './modules/awards/awards.errors.js';
import { DISBURSEMENT_ERRORS } from './modules/disbursements/disbursements.errors.js';
import { FOLLOW_UP_ERRORS } from './modules/follow-ups/follow-ups.errors.js';
import { FUND_ERRORS } from './modules/funds/funds.errors.js';
import { FX_RATE_ERRORS } from './modules/fx-rates/fx-rates.errors.js';
import { HEALTH_ERRORS } from './modules/health/health.errors.js';
import { LETTER_ERRORS } from './modules/letters/letters.errors.js';
import { ORGANISATION_ERRORS } from './modules/organisations/organisations.errors.js';
import { PAYMENT_BATCH_ERRORS } from './modules/payment-batches/payment-batches.errors.js';
import { RECONCILIATION_ERRORS } from './modules/reconciliation/reconciliation.errors.js';
import { REVIEW_ERRORS } from './modules/reviews/reviews.errors.js';
import { USER_ERRORS } from './modules/users/users.errors.js';

/**
 * Every error code the API answers with (the `code` of an error body, SPEC section 4), for the web
 * app's message catalogue (it translates every code itself) and, later, OpenAPI. Each code is owned by
 * one `*_ERRORS` object: its module's, the lowest module that throws it when several do, or common's
 * for the codes of cross-cutting code. src/error-codes.spec.ts fails when a code thrown somewhere is
 * missing here, or listed here and thrown nowhere. Eligibility rule codes are not error codes.
 */
export const ERRORS_BY_OWNER = {
  common: COMMON_ERRORS,
  auth: AUTH_ERRORS,
  organisations: ORGANISATION_ERRORS,
  users: USER_ERRORS,
  funds: FUND_ERRORS,
  fxRates: FX_RATE_ERRORS,
  applications: APPLICATION_ERRORS,
  reviews: REVIEW_ERRORS,
  awards: AWARD_ERRORS,
  letters: LETTER_ERRORS,
  disbursements: DISBURSEMENT_ERRORS,
  paymentBatches: PAYMENT_BATCH_ERRORS,
  reconciliation: RECONCILIATION_ERRORS,
  followUps: FOLLOW_UP_ERRORS,
  health: HEALTH_ERRORS,
} as const;

export const ERROR_CODES = [
  ...Object.values(COMMON_ERRORS),
  ...Object.values(AUTH_ERRORS),
  ...Object.values(ORGANISATION_ERRORS),
  ...Object.values(USER_ERRORS),
  ...Object.values(FUND_ERRORS),
  ...Object.values(FX_RATE_ERRORS),
  ...Object.values(APPLICATION_ERRORS),
  ...Object.values(REVIEW_ERRORS),
  ...Object.values(AWARD_ERRORS),
  ...Object.values(LETTER_ERRORS),
  ...Object.values(DISBURSEMENT_ERRORS),
  ...Object.values(PAYMENT_BATCH_ERRORS),
  ...Object.values(RECONCILIATION_ERRORS),
  ...Object.values(FOLLOW_UP_ERRORS),
  ...Object.values(HEALTH_ERRORS),
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

// DomainError's code is typed to this union: common declares the registry, the catalogue fills it in
// (not `ErrorCode` here: inside the augmentation that name is domain-error.ts's own, the registry's union)
declare module './common/errors/domain-error.js' {
  interface ErrorCodeRegistry {
    catalogue: (typeof ERROR_CODES)[number];
  }
}

/**
 * The HTTP status each code answers with. Domain errors get theirs from their kind (STATUS_BY_KIND);
 * the rest are the global filter's. Two are fallbacks whose status varies: INTERNAL is 500 unless a
 * framework error carried another 5xx, HTTP_ERROR is a framework 4xx without a code of its own (400
 * here as a nominal value; none is known to reach a client).
 */
export const ERROR_STATUS: { readonly [C in ErrorCode]: number } = {
  // common
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  VERSION_CONFLICT: 409,
  CONCURRENT_UPDATE: 409,
  DUPLICATE: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  DATABASE_BUSY: 503,
  INTERNAL: 500,
  HTTP_ERROR: 400,
  // auth
  INVALID_CREDENTIALS: 401,
  INVALID_REFRESH_TOKEN: 401,
  // organisations
  ORGANISATION_EXISTS: 409,
  NO_ORGANISATION: 403,
  // users
  EMAIL_TAKEN: 409,
  LAST_ADMIN: 409,
  OWN_ACCESS: 409,
  // funds
  FUND_PERIOD_OVERLAP: 409,
  FUND_BUDGET_BELOW_USE: 409,
  INSUFFICIENT_FUNDS: 409,
  // fx-rates
  FX_RATE_EXISTS: 409,
  // applications
  ILLEGAL_TRANSITION: 409,
  RULE_NOT_FAILED: 409,
  ALREADY_WAIVED: 409,
  UNSUPPORTED_FILE_TYPE: 415,
  FILE_TYPE_MISMATCH: 415,
  FILE_DAMAGED: 422,
  DOCUMENT_LIMIT_REACHED: 409,
  // reviews
  CLAIMED_BY_ANOTHER: 409,
  CLAIM_FIRST: 409,
  // awards
  FOUR_EYES: 403,
  AWARD_NOT_AMENDABLE: 409,
  AWARD_NOT_ACTIVE: 409,
  AMENDMENT_BELOW_TRANCHES: 409,
  TRANCHES_PENDING: 409,
  SHARE_LINK_LIMIT: 409,
  // letters
  LETTER_NOT_READY: 503,
  // disbursements
  OVER_AWARD: 409,
  DISBURSEMENT_IN_BATCH: 409,
  DISBURSEMENT_NOT_CANCELLABLE: 409,
  DISBURSEMENT_NOT_SENT: 409,
  // payment batches
  DISBURSEMENTS_NOT_BATCHABLE: 409,
  BATCH_NOT_OPEN: 409,
  BATCH_EMPTY: 409,
  PAYEE_WITHOUT_ACCOUNT: 409,
  // reconciliation
  STATEMENT_TOO_LARGE: 413,
  LINE_ALREADY_MATCHED: 409,
  LINE_NOT_MATCHED: 409,
  DISBURSEMENT_NOT_PAYABLE: 409,
  LINE_IS_INCOMING: 409,
  MATCH_AMOUNT_DIFFERS: 409,
  TRANCHE_RETURNED: 409,
  // follow-ups
  FOLLOW_UP_RECORDED: 409,
  FOLLOW_UP_NOT_DUE: 409,
  // health
  NOT_READY: 503,
  METRICS_TOKEN_REQUIRED: 401,
};
