import { DomainError } from '../../common/errors/domain-error.js';

export const invalidCredentials = () => new DomainError('INVALID_CREDENTIALS', 'unauthenticated', 'Invalid email or password');
export const accountLocked = () =>
  new DomainError('ACCOUNT_LOCKED', 'unauthenticated', 'This account is locked after repeated failed logins; try again in 15 minutes');
export const invalidRefreshToken = () => new DomainError('INVALID_REFRESH_TOKEN', 'unauthenticated', 'The refresh token is invalid, expired or revoked');
export const unauthenticated = () => new DomainError('UNAUTHENTICATED', 'unauthenticated', 'Sign in first: the access token is missing, invalid or expired');
export const forbiddenRole = () => new DomainError('FORBIDDEN', 'forbidden', 'Your role may not use this route');
export const rateLimited = () => new DomainError('RATE_LIMITED', 'rate_limited', 'Too many requests; try again later');
