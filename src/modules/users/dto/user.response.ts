import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../../common/pagination/pagination.js';
import { ROLES, type Role } from '../../../common/auth/auth-user.js';
import { USER_LANGUAGES } from '../domain/language.js';
import type { User } from '../entities/user.entity.js';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ type: [String], example: ['KZ'] }) countries: string[];
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty({ nullable: true, type: String, description: 'Set while the account is locked after failed logins' }) lockedUntil:
    string | null;
  @ApiProperty({ nullable: true, type: String }) lastLoginAt: string | null;
  @ApiProperty({
    enum: USER_LANGUAGES,
    nullable: true,
    type: String,
    description: "The web app's language the user chose; null: not chosen",
  })
  language: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() version: number;
}

export class UserPage extends PageOf(UserResponse) {}

export function toUserResponse(u: User): UserResponse {
  return {
    id: u.id,
    email: u.email,
    fullName: u.fullName,
    role: u.role,
    organisationId: u.organisationId,
    countries: u.countries,
    status: u.status,
    lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    language: u.language,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
  };
}

/** The audit snapshot of a user: no hash, no lock counters. */
export function userAuditSnapshot(u: User) {
  return {
    email: u.email,
    fullName: u.fullName,
    role: u.role,
    organisationId: u.organisationId,
    countries: u.countries,
    status: u.status,
  };
}
