import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Transactions } from '../../common/database/transaction.js';
import { SignedInUsers } from '../../common/auth/signed-in-users.js';
import { securityWarning } from '../../common/logging/security-log.js';
import { addressTag, loginFailureKey, RequestCounters } from '../../common/rate-limit/request-counters.js';
import { AuditService } from '../audit/audit.service.js';
import { toUserResponse } from '../users/dto/user.response.js';
import type { User } from '../users/entities/user.entity.js';
import { invalidCredentials, invalidRefreshToken } from './auth.errors.js';
import { AuthRepository } from './auth.repository.js';
import { isLockedAttempt, locksNow } from './domain/lockout.js';
import { burnPasswordCheck, verifyPassword } from '../users/domain/password.js';
import type { TokenResponse } from './dto/login.dto.js';

export interface AccessTokenPayload {
  sub: string;
  role: string;
  /** the user's token version: a password change or disabling invalidates older tokens */
  tv: number;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    private readonly repository: AuthRepository,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly counters: RequestCounters,
    private readonly signedIn: SignedInUsers,
  ) {}

  /**
   * Checks a login. Failures are counted per account and client address (`request_counter`), so a
   * guesser elsewhere locks out only their own address, never the owner. Every refusal (wrong
   * password, unknown e-mail, disabled, locked for this address) answers the same 401 after the same
   * work (one argon2 verification, one counter upsert, one audited transaction): the answer tells
   * nothing about the account. Each attempt is counted before the password is checked, so concurrent
   * guesses cannot slip past the threshold.
   */
  async validateLogin(email: string, password: string, address: string): Promise<User> {
    const emailNormalised = email.trim().toLowerCase();
    const user = await this.repository.findUserByEmail(emailNormalised);
    const policy = { threshold: this.config.LOCKOUT_THRESHOLD, minutes: this.config.LOCKOUT_MINUTES };
    const key = loginFailureKey(user ? { userId: user.id } : { email: emailNormalised }, address);
    const attempt = await this.counters.hit(key, policy.minutes * 60);
    const source = addressTag(address);
    if (!user) {
      await burnPasswordCheck(password);
      await this.transactions.run((m) =>
        this.audit.record(m, {
          action: 'auth.login_failed',
          entityType: 'user',
          after: { email, reason: 'unknown_email', source },
          actor: { id: null, role: null },
        }),
      );
      throw invalidCredentials();
    }
    const actor = { id: user.id, role: user.role };
    if (isLockedAttempt(attempt.count, policy)) {
      await burnPasswordCheck(password);
      await this.transactions.run((m) =>
        this.audit.record(m, { action: 'auth.login_refused_locked', entityType: 'user', entityId: user.id, after: { source }, actor }),
      );
      throw invalidCredentials();
    }
    const passwordOk = await verifyPassword(user.passwordHash, password);
    if (passwordOk && user.status === 'active') {
      await this.counters.forget(key);
      return user;
    }
    const locks = locksNow(attempt.count, policy);
    // the lock runs its full time from the failure that set it, not from the first failure
    if (locks) await this.counters.extend(key, policy.minutes * 60);
    const lockedUntil = locks ? new Date(Date.now() + policy.minutes * 60_000) : null;
    await this.transactions.run(async (m) => {
      const total = await this.repository.incrementFailures(m, user.id);
      if (lockedUntil) await this.repository.setLock(m, user.id, lockedUntil, total);
      await this.audit.record(m, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user.id,
        after: { reason: user.status === 'active' ? 'wrong_password' : 'disabled', failedCount: attempt.count, source },
        actor,
      });
      if (lockedUntil) {
        securityWarning('auth.login_locked', { userId: user.id, source, failures: attempt.count, minutes: policy.minutes });
        await this.audit.record(m, { action: 'auth.locked', entityType: 'user', entityId: user.id, after: { lockedUntil, source }, actor });
      }
    });
    throw invalidCredentials();
  }

  async login(user: User): Promise<TokenResponse> {
    return this.transactions.run(async (m) => {
      await this.repository.recordSuccessfulLogin(m, user.id, new Date());
      const refreshToken = await this.issueRefreshToken(m, user.id, randomUUID());
      await this.audit.record(m, { action: 'auth.login', entityType: 'user', entityId: user.id, actor: { id: user.id, role: user.role } });
      return { ...this.issueAccessToken(user), refreshToken, user: toUserResponse(user) };
    });
  }

  /** Rotates a refresh token. Presenting a revoked one again revokes its whole family (likely theft). */
  async refresh(presented: string): Promise<TokenResponse> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw invalidRefreshToken();
    const outcome = await this.transactions.run(async (m) => {
      const token = await this.repository.lockRefreshToken(m, id);
      if (!token || token.secretHash !== sha256(secret)) return { error: true as const };
      const user = await this.repository.findUserById(token.userId, m);
      if (token.revokedAt) {
        if (token.revokedReason === 'rotated') {
          await this.repository.revokeFamily(m, token.familyId, 'reuse_detected');
          securityWarning('auth.refresh_reuse_detected', { userId: token.userId, familyId: token.familyId });
          await this.audit.record(m, {
            action: 'auth.refresh_reuse_detected',
            entityType: 'user',
            entityId: token.userId,
            actor: { id: token.userId, role: user?.role ?? null },
          });
        }
        return { error: true as const };
      }
      if (token.expiresAt.getTime() <= Date.now() || !user || user.status !== 'active') return { error: true as const };
      await this.repository.revokeToken(m, token.id, 'rotated');
      const refreshToken = await this.issueRefreshToken(m, user.id, token.familyId);
      return { error: false as const, user, refreshToken };
    });
    if (outcome.error) throw invalidRefreshToken();
    return { ...this.issueAccessToken(outcome.user), refreshToken: outcome.refreshToken, user: toUserResponse(outcome.user) };
  }

  async logout(user: AuthUser, refreshToken?: string): Promise<void> {
    await this.transactions.run(async (m) => {
      if (refreshToken) {
        const [id, secret] = refreshToken.split('.');
        const token = id && /^[0-9a-f-]{36}$/.test(id) ? await this.repository.lockRefreshToken(m, id) : null;
        if (token && token.userId === user.id && token.secretHash === sha256(secret ?? '')) {
          await this.repository.revokeFamily(m, token.familyId, 'logout');
        }
      } else {
        // every session: the refresh tokens, and at once the access tokens too (not when they expire)
        await this.repository.revokeAllForUser(m, user.id, 'logout');
        await this.repository.endAccessTokens(m, user.id);
      }
      await this.audit.record(m, { action: 'auth.logout', entityType: 'user', entityId: user.id, after: { allSessions: !refreshToken } });
    });
    if (!refreshToken) this.signedIn.forget(user.id);
  }

  /**
   * The user behind a verified access token, if still active and the token is not outdated: read
   * from the database, or kept from an earlier request until the user changes (`SignedInUsers`).
   */
  async resolveUser(payload: AccessTokenPayload): Promise<AuthUser | null> {
    if (typeof payload.sub !== 'string' || !/^[0-9a-f-]{36}$/.test(payload.sub)) return null;
    const valid = (u: { status: string; tokenVersion: number }) => u.status === 'active' && u.tokenVersion === payload.tv;
    const user = await this.signedIn.read(payload.sub, () => this.repository.findCaller(payload.sub), valid);
    if (!user || !valid(user)) return null;
    // an NGO user sees country-level records (its country's funds) of its organisation's country
    const countries = user.role === 'ngo' ? (user.organisationCountry ? [user.organisationCountry] : []) : user.countries;
    return { id: user.id, email: user.email, role: user.role, organisationId: user.organisationId, countries };
  }

  async me(userId: string) {
    const user = await this.repository.findUserById(userId);
    if (!user) throw invalidCredentials();
    return toUserResponse(user);
  }

  private issueAccessToken(user: User): { accessToken: string; expiresIn: number } {
    const payload: AccessTokenPayload = { sub: user.id, role: user.role, tv: user.tokenVersion };
    const expiresIn = this.config.JWT_ACCESS_TTL_SECONDS;
    return { accessToken: this.jwt.sign(payload, { expiresIn, algorithm: 'HS256' }), expiresIn };
  }

  private async issueRefreshToken(manager: EntityManager, userId: string, familyId: string): Promise<string> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await this.repository.insertRefreshToken(manager, {
      id,
      userId,
      familyId,
      secretHash: sha256(secret),
      expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * 86_400_000),
      revokedAt: null,
      revokedReason: null,
    });
    return `${id}.${secret}`;
  }
}
