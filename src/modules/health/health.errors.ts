import { DomainError, notFound } from '../../common/errors/domain-error.js';

export const HEALTH_ERRORS = {
  NOT_READY: 'NOT_READY',
  METRICS_TOKEN_REQUIRED: 'METRICS_TOKEN_REQUIRED',
} as const;

export const notReady = () => new DomainError(HEALTH_ERRORS.NOT_READY, 'unavailable', 'The database is not reachable');

export const metricsTokenRequired = () =>
  new DomainError(HEALTH_ERRORS.METRICS_TOKEN_REQUIRED, 'unauthenticated', 'The metrics need the scraper token as a bearer token');

/** With no METRICS_TOKEN the route is off: the same 404 as a route that does not exist. */
export const metricsOff = () => notFound('Route');
