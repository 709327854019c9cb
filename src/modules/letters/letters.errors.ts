import { DomainError } from '../../common/errors/domain-error.js';

export const LETTER_ERRORS = {
  LETTER_NOT_READY: 'LETTER_NOT_READY',
} as const;

export const letterNotReady = () =>
  new DomainError(LETTER_ERRORS.LETTER_NOT_READY, 'unavailable', 'The letter is being prepared; try again in a minute');
