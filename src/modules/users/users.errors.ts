import { conflict } from '../../common/errors/domain-error.js';

export const USER_ERRORS = {
  EMAIL_TAKEN: 'EMAIL_TAKEN',
  LAST_ADMIN: 'LAST_ADMIN',
  OWN_ACCESS: 'OWN_ACCESS',
} as const;

export const emailTaken = () => conflict(USER_ERRORS.EMAIL_TAKEN, 'A user with this e-mail already exists');
export const lastAdmin = () =>
  conflict(
    USER_ERRORS.LAST_ADMIN,
    'This is the last active admin: make another account an active admin first (or use `npm run admin:reset` on the server)',
  );
export const ownAccess = () =>
  conflict(USER_ERRORS.OWN_ACCESS, 'You cannot disable your own account or take away your own admin role; another admin must do it');
