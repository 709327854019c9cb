import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UserSessions } from '../users/user-sessions.js';
import { AuthRepository } from './auth.repository.js';

/** Users' `UserSessions`: a user's refresh tokens revoked when their credentials change. */
@Injectable()
class RefreshTokenSessions implements UserSessions {
  constructor(private readonly repository: AuthRepository) {}

  endAll(manager: EntityManager, userId: string): Promise<void> {
    return this.repository.revokeForChangedCredentials(manager, userId);
  }
}

/** Global so the users module can inject `UserSessions` without importing the auth module. */
@Global()
@Module({
  providers: [AuthRepository, { provide: UserSessions, useClass: RefreshTokenSessions }],
  exports: [UserSessions],
})
export class UserSessionsModule {}
