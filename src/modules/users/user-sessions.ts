import type { EntityManager } from 'typeorm';

/**
 * Ends every session of a user whose credentials changed (password, role, disabled), in the
 * caller's transaction. Users defines it and auth, which owns the sessions (refresh tokens),
 * provides it (`UserSessionsModule`, global): users does not import auth, which imports users.
 */
export abstract class UserSessions {
  abstract endAll(manager: EntityManager, userId: string): Promise<void>;
}
