// SQL of the users module that other modules run: signing in counts failures, locks and unlocks an
// account. Other modules import this file, never users.repository.ts.

/** One more failed sign-in of user `$1`, counted atomically; returns `failed_login_count`. */
export const COUNT_FAILED_LOGIN =
  'UPDATE app_user SET failed_login_count = failed_login_count + 1 WHERE id = $1 RETURNING failed_login_count';

/** User `$1` locked until `$2` (null: not locked), with `$3` failures counted. */
export const SET_LOGIN_LOCK = 'UPDATE app_user SET locked_until = $2, failed_login_count = $3 WHERE id = $1';

/** User `$1` signed in at `$2`: failures forgotten, lock lifted. */
export const RECORD_SUCCESSFUL_LOGIN = 'UPDATE app_user SET failed_login_count = 0, locked_until = NULL, last_login_at = $2 WHERE id = $1';

/** Every access token of user `$1` ends now: the guard refuses tokens carrying an older version. */
export const END_ACCESS_TOKENS = 'UPDATE app_user SET token_version = token_version + 1 WHERE id = $1';
