import { COMMON_ERRORS } from '../../common/errors/common.errors.js';
import { DomainError } from '../../common/errors/domain-error.js';

export const AUTH_ERRORS = {
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  INVALID_REFRESH_TOKEN: 'INVALID_REFRESH_TOKEN',
} as const;

export const invalidCredentials = () => new DomainError(AUTH_ERRORS.INVALID_CREDENTIALS, 'unauthenticated', 'Invalid email or password');
export const invalidRefreshToken = () =>
  new DomainError(AUTH_ERRORS.INVALID_REFRESH_TOKEN, 'unauthenticated', 'The refresh token is invalid, expired or revoked');
export const unauthenticated = () =>
  new DomainError(COMMON_ERRORS.UNAUTHENTICATED, 'unauthenticated', 'Sign in first: the access token is missing, invalid or expired');
export const forbiddenRole = () => new DomainError(COMMON_ERRORS.FORBIDDEN, 'forbidden', 'Your role may not use this route');
export const rateLimited = () => new DomainError(COMMON_ERRORS.RATE_LIMITED, 'rate_limited', 'Too many requests; try again later');
