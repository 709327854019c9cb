import { DomainError } from '../../common/errors/domain-error.js';

export const HEALTH_ERRORS = {
  NOT_READY: 'NOT_READY',
} as const;

export const notReady = () => new DomainError(HEALTH_ERRORS.NOT_READY, 'unavailable', 'The database is not reachable');
