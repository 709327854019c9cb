import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from '../../../common/auth/auth-user.js';
import { USER_LANGUAGES, type UserLanguage } from '../domain/language.js';
import { PageQueryDto } from '../../../common/pagination/pagination.js';
import { PROGRAM_COUNTRIES } from '../../../common/validation/decorators.js';
import { IsPlainName } from '../../../common/validation/decorators.js';

const countriesMessage = `countries must hold program country codes (${PROGRAM_COUNTRIES.join(', ')})`;

export class CreateUserDto {
  @ApiProperty({ example: 'officer3.kz@example.org' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 12, description: 'At least 12 characters' })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(128)
  password: string;

  @ApiProperty({ example: 'Aliya Nurlanovna' })
  @IsString()
  @IsPlainName()
  @MinLength(2)
  @MaxLength(200)
  fullName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn([...ROLES], { message: `role must be one of ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Required for ngo users; optional membership for officers',
  })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string | null;

  @ApiPropertyOptional({ type: [String], enum: PROGRAM_COUNTRIES, isArray: true, description: 'Required for officers' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(PROGRAM_COUNTRIES.length)
  @IsIn([...PROGRAM_COUNTRIES], { each: true, message: countriesMessage })
  countries?: string[];
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsPlainName()
  @MinLength(2)
  @MaxLength(200)
  fullName?: string;

  @ApiPropertyOptional({ description: 'A new password; ends every session of the user' })
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(128)
  password?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn([...ROLES], { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsUUID('all', { message: 'organisationId must be a UUID' })
  organisationId?: string | null;

  @ApiPropertyOptional({ type: [String], enum: PROGRAM_COUNTRIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn([...PROGRAM_COUNTRIES], { each: true, message: countriesMessage })
  countries?: string[];

  @ApiPropertyOptional({ enum: ['active', 'disabled'], description: 'Disabling ends every session of the user' })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';

  @ApiPropertyOptional({ description: 'Unlocks an account locked after failed logins' })
  @IsOptional()
  @IsIn([true], { message: 'unlock must be true when given' })
  unlock?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  version?: number;
}

/** What users change about themselves (`PATCH /auth/me`). */
export class UpdateMeDto {
  @ApiPropertyOptional({ enum: USER_LANGUAGES, nullable: true, type: String, description: "The web app's language; null: not chosen" })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsIn([...USER_LANGUAGES], { message: `language must be one of ${USER_LANGUAGES.join(', ')}, or null` })
  language?: UserLanguage | null;

  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409 VERSION_CONFLICT with the current version' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn([...ROLES])
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ enum: PROGRAM_COUNTRIES })
  @IsOptional()
  @IsIn([...PROGRAM_COUNTRIES])
  country?: string;
}
