import { Injectable } from '@nestjs/common';
import { pooledPreparedQuery } from '../../common/database/prepared.js';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { User } from '../users/entities/user.entity.js';
import { COUNT_FAILED_LOGIN, END_ACCESS_TOKENS, RECORD_SUCCESSFUL_LOGIN, SET_LOGIN_LOCK } from '../users/users.sql.js';
import { RefreshToken } from './entities/refresh-token.entity.js';

@Injectable()
export class AuthRepository {
  constructor(private readonly dataSource: DataSource) {}

  findUserByEmail(emailNormalised: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ emailNormalised });
  }

  findUserById(id: string, manager: EntityManager = this.dataSource.manager): Promise<User | null> {
    return manager.getRepository(User).findOneBy({ id });
  }

  /** The caller of every authenticated request: one indexed read, with the organisation's country. */
  async findCaller(id: string): Promise<{
    id: string;
    email: string;
    role: User['role'];
    organisationId: string | null;
    countries: string[];
    status: string;
    tokenVersion: number;
    organisationCountry: string | null;
  } | null> {
    const rows: {
      id: string;
      email: string;
      role: User['role'];
      organisation_id: string | null;
      countries: string[];
      status: string;
      token_version: number;
      organisation_country: string | null;
    }[] = await pooledPreparedQuery(
      this.dataSource,
      'ef_signed_in_user',
      `SELECT u.id, u.email, u.role, u.organisation_id, u.countries, u.status, u.token_version, o.country AS organisation_country
         FROM app_user u LEFT JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1`,
      [id],
    );
    const r = rows[0];
    return r
      ? {
          id: r.id,
          email: r.email,
          role: r.role,
          organisationId: r.organisation_id,
          countries: r.countries,
          status: r.status,
          tokenVersion: r.token_version,
          organisationCountry: r.organisation_country,
        }
      : null;
  }

  /** Counts a failure atomically, so concurrent wrong guesses all count. */
  async incrementFailures(manager: EntityManager, userId: string): Promise<number> {
    // TypeORM's postgres driver answers an UPDATE with [rows, affectedCount], not with the rows alone
    const [rows]: [{ failed_login_count: number }[], number] = await manager.query(COUNT_FAILED_LOGIN, [userId]);
    return rows[0]?.failed_login_count ?? 0;
  }

  async setLock(manager: EntityManager, userId: string, lockedUntil: Date | null, failedCount: number): Promise<void> {
    await manager.query(SET_LOGIN_LOCK, [userId, lockedUntil, failedCount]);
  }

  async recordSuccessfulLogin(manager: EntityManager, userId: string, at: Date): Promise<void> {
    await manager.query(RECORD_SUCCESSFUL_LOGIN, [userId, at]);
  }

  insertRefreshToken(
    manager: EntityManager,
    token: Omit<RefreshToken, 'id' | 'createdAt' | 'user'> & { id: string },
  ): Promise<RefreshToken> {
    const repo = manager.getRepository(RefreshToken);
    return repo.save(repo.create(token));
  }

  lockRefreshToken(manager: EntityManager, id: string): Promise<RefreshToken | null> {
    return manager.getRepository(RefreshToken).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async revokeToken(manager: EntityManager, id: string, reason: string): Promise<void> {
    await manager.getRepository(RefreshToken).update({ id, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  async revokeFamily(manager: EntityManager, familyId: string, reason: string): Promise<void> {
    await manager.getRepository(RefreshToken).update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  /** Every live refresh token of the user, when their credentials changed (in the transaction of the change). */
  async revokeForChangedCredentials(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `UPDATE refresh_token SET revoked_at = now(), revoked_reason = 'credentials_changed' WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
  }

  async revokeAllForUser(manager: EntityManager, userId: string, reason: string): Promise<void> {
    await manager.getRepository(RefreshToken).update({ userId, revokedAt: IsNull() }, { revokedAt: new Date(), revokedReason: reason });
  }

  /** Ends every access token the user holds (their token version moves on). */
  async endAccessTokens(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(END_ACCESS_TOKENS, [userId]);
  }
}
