import { conflict } from '../../common/errors/domain-error.js';

export const USER_ERRORS = {
  EMAIL_TAKEN: 'EMAIL_TAKEN',
} as const;

export const emailTaken = () => conflict(USER_ERRORS.EMAIL_TAKEN, 'A user with this e-mail already exists');
