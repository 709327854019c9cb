import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { VersionedEntity } from '../../../common/database/versioned-entity.js';
import { Organisation } from '../../organisations/entities/organisation.entity.js';
import type { Role } from '../../../common/auth/auth-user.js';
import type { UserLanguage } from '../domain/language.js';

export type UserStatus = 'active' | 'disabled';

@Entity('app_user')
@Index('uq_app_user_email', ['emailNormalised'], { unique: true })
@Index('ix_app_user_organisation', ['organisationId'])
export class User extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** Lower-cased e-mail: the login key. */
  @Column({ type: 'varchar', length: 254 })
  emailNormalised: string;

  @Column({ type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  countries: string[];

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: UserStatus;

  @Column({ type: 'int', default: 0 })
  failedLoginCount: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lockedUntil: Date | null;

  /** Bumped on password change or disabling: access tokens carrying an older value stop working. */
  @Column({ type: 'int', default: 1 })
  tokenVersion: number;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  lastLoginAt: Date | null;

  /** The web app's language the user chose (USER_LANGUAGES); null until they choose. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  language: UserLanguage | null;
}
