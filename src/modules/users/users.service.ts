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
import { emailTaken } from './users.errors.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly repository: UsersRepository,
    private readonly organisations: OrganisationsService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly sessions: UserSessions,
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

  async update(id: string, dto: UpdateUserDto): Promise<UserResponse> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return this.transactions.run(async (m) => {
      const user = await this.repository.lockById(m, id);
      if (!user) throw notFound('User');
      assertVersion(user.version, dto.version);
      const before = userAuditSnapshot(user);
      const role = dto.role ?? user.role;
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
