import { COMMON_ERRORS } from './common.errors.js';
import { conflict } from './domain-error.js';

/** Optimistic locking: a client that edited an older version gets 409 with the current one. */
export function assertVersion(current: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== current) {
    throw conflict(
      COMMON_ERRORS.VERSION_CONFLICT,
      `This record was changed by someone else (you have version ${expected}, the current one is ${current}); reload and try again`,
      {
        currentVersion: current,
      },
    );
  }
}
