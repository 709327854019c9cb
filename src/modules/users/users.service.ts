import { SignedInUsers } from '../../common/auth/signed-in-users.js';
import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { invalid, notFound } from '../../common/errors/domain-error.js';
import { assertVersion } from '../../common/errors/version.js';
import { keysetPage, mapPage, type Page } from '../../common/pagination/pagination.js';
import { Transactions } from '../../common/database/transaction.js';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from './domain/password.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { checkUserShape } from './domain/user-shape.js';
import { UserSessions } from './user-sessions.js';
import type { CreateUserDto, UpdateMeDto, UpdateUserDto, UserQueryDto } from './dto/user.dto.js';
import { toUserResponse, type UserResponse, userAuditSnapshot } from './dto/user.response.js';
import { emailTaken, lastAdmin, ownAccess } from './users.errors.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly repository: UsersRepository,
    private readonly organisations: OrganisationsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly sessions: UserSessions,
    private readonly signedIn: SignedInUsers,
  ) {}

  async create(dto: CreateUserDto): Promise<UserResponse> {
    const organisationId = dto.organisationId ?? null;
    const countries = dto.countries ?? [];
    await this.checkShape(dto.role, organisationId, countries);
    const passwordHash = await hashPassword(dto.password);
    return this.transactions.run(async (m) => {
      const emailNormalised = dto.email.trim().toLowerCase();
      if (await this.repository.emailTaken(m, emailNormalised)) throw emailTaken();
      const user = await this.repository.save(
        m,
        this.repository.create(m, {
          email: dto.email.trim(),
          emailNormalised,
          passwordHash,
          fullName: dto.fullName.trim(),
          role: dto.role,
          organisationId,
          countries,
          status: 'active',
        }),
      );
      await this.audit.record(m, { action: 'user.create', entityType: 'user', entityId: user.id, after: userAuditSnapshot(user) });
      return toUserResponse(user);
    });
  }

  async list(query: UserQueryDto): Promise<Page<UserResponse>> {
    return mapPage(await keysetPage(this.repository.listQuery(query), query), toUserResponse);
  }

  async get(id: string): Promise<UserResponse> {
    const user = await this.repository.findById(id);
    if (!user) throw notFound('User');
    return toUserResponse(user);
  }

  async update(me: AuthUser, id: string, dto: UpdateUserDto): Promise<UserResponse> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    const answer = await this.transactions.run(async (m) => {
      // a change that could take an admin away waits for any other such change to commit first, so
      // two admins disabling each other at once cannot both see the other still active
      if (dto.status === 'disabled' || (dto.role !== undefined && dto.role !== 'admin')) await this.repository.serialiseAdminChanges(m);
      const user = await this.repository.lockById(m, id);
      if (!user) throw notFound('User');
      assertVersion(user.version, dto.version);
      const before = userAuditSnapshot(user);
      const role = dto.role ?? user.role;
      if (user.id === me.id && (dto.status === 'disabled' || role !== user.role)) throw ownAccess();
      const losesAdmin = user.role === 'admin' && user.status === 'active' && (role !== 'admin' || dto.status === 'disabled');
      if (losesAdmin && (await this.repository.countActiveAdmins(m)) <= 1) throw lastAdmin();
      const organisationId = dto.organisationId !== undefined ? dto.organisationId : user.organisationId;
      const countries = dto.countries ?? (dto.role && dto.role !== 'officer' ? [] : user.countries);
      await this.checkShape(role, organisationId, countries);
      if (dto.fullName !== undefined) user.fullName = dto.fullName.trim();
      user.role = role;
      user.organisationId = organisationId;
      user.countries = countries;
      let endSessions = false;
      if (passwordHash) {
        user.passwordHash = passwordHash;
        endSessions = true;
      }
      if (dto.status !== undefined && dto.status !== user.status) {
        user.status = dto.status;
        endSessions ||= dto.status === 'disabled';
      }
      if (dto.role !== undefined && dto.role !== before.role) endSessions = true;
      if (dto.unlock) {
        user.lockedUntil = null;
        user.failedLoginCount = 0;
        await this.repository.forgetLoginFailures(m, id);
      }
      if (endSessions) {
        // access tokens carry the token version: bumping it ends every session at once
        user.tokenVersion += 1;
        await this.sessions.endAll(m, id);
      }
      const saved = await this.repository.save(m, user);
      await this.audit.record(m, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        before,
        after: { ...userAuditSnapshot(saved), passwordChanged: Boolean(passwordHash), unlocked: Boolean(dto.unlock) },
      });
      return toUserResponse(saved);
    });
    // this instance's next request by the user sees the change at once (other instances: `SignedInUsers`)
    this.signedIn.forget(id);
    return answer;
  }

  /**
   * Command-line recovery (`npm run admin:reset -- <email>`): makes the account of `email` an active
   * admin with a new random password (creating it if there is none), unlocked, every session ended,
   * audited with the system as actor. Returns the password, which the command prints once.
   */
  async resetAdmin(email: string): Promise<{ password: string; created: boolean; userId: string }> {
    const password = randomBytes(18).toString('base64url');
    const passwordHash = await hashPassword(password);
    const emailNormalised = email.trim().toLowerCase();
    return this.transactions.run(async (m) => {
      await this.repository.serialiseAdminChanges(m);
      const existing = await this.repository.lockByEmail(m, emailNormalised);
      const before = existing ? userAuditSnapshot(existing) : null;
      const user =
        existing ??
        this.repository.create(m, { email: email.trim(), emailNormalised, fullName: 'Administrator', countries: [], organisationId: null });
      user.passwordHash = passwordHash;
      user.role = 'admin';
      user.organisationId = null;
      user.countries = [];
      user.status = 'active';
      user.lockedUntil = null;
      user.failedLoginCount = 0;
      if (existing) {
        user.tokenVersion += 1;
        await this.sessions.endAll(m, existing.id);
        await this.repository.forgetLoginFailures(m, existing.id);
      }
      const saved = await this.repository.save(m, user);
      await this.audit.record(m, {
        action: 'user.admin_reset',
        entityType: 'user',
        entityId: saved.id,
        before,
        after: { ...userAuditSnapshot(saved), passwordChanged: true, via: 'cli' },
        actor: { id: null, role: 'system' },
      });
      return { password, created: !existing, userId: saved.id };
    });
  }

  /** A user's own settings (today the web app's language): any signed-in user, on their own record only. */
  async updateMe(me: AuthUser, dto: UpdateMeDto): Promise<UserResponse> {
    return this.transactions.run(async (m) => {
      const user = await this.repository.lockById(m, me.id);
      if (!user) throw notFound('User');
      assertVersion(user.version, dto.version);
      const before = { language: user.language };
      if (dto.language !== undefined) user.language = dto.language;
      const saved = await this.repository.save(m, user);
      await this.audit.record(m, {
        action: 'user.update',
        entityType: 'user',
        entityId: me.id,
        before,
        after: { language: saved.language },
      });
      return toUserResponse(saved);
    });
  }

  private async checkShape(role: CreateUserDto['role'], organisationId: string | null, countries: string[]) {
    const problems = checkUserShape(role, organisationId, countries);
    if (organisationId && !problems.some((p) => p.field === 'organisationId') && !(await this.organisations.find(organisationId))) {
      problems.push({ field: 'organisationId', message: 'organisationId does not name an organisation' });
    }
    if (problems.length) throw invalid(problems);
  }
}
