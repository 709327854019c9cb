import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CATEGORIES, FLAGS, SEXES } from '../../../common/domain-codes.js';
import { PageQueryDto, PageOf } from '../../../common/pagination/pagination.js';
import { IsCountryCode, IsIsoDate } from '../../../common/validation/decorators.js';
import { IsPlainName } from '../../../common/validation/decorators.js';

export const CONSENT_METHODS = ['written', 'verbal', 'electronic'] as const;

export class ConsentDto {
  @ApiProperty({ example: '2026-11-20', description: 'When the person agreed to the processing of their data' })
  @IsIsoDate()
  givenAt: string;

  @ApiProperty({ enum: CONSENT_METHODS })
  @IsIn([...CONSENT_METHODS], { message: `consent.method must be one of ${CONSENT_METHODS.join(', ')}` })
  method: (typeof CONSENT_METHODS)[number];
}

export class CreateBeneficiaryDto {
  @ApiProperty({ enum: CATEGORIES })
  @IsIn([...CATEGORIES], { message: `category must be one of ${CATEGORIES.join(', ')}` })
  category: (typeof CATEGORIES)[number];

  @ApiPropertyOptional({ enum: FLAGS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn([...FLAGS], { each: true, message: `flags must hold ${FLAGS.join(', ')}` })
  flags?: (typeof FLAGS)[number][];

  @ApiProperty({ enum: SEXES })
  @IsIn([...SEXES], { message: `sex must be one of ${SEXES.join(', ')}` })
  sex: (typeof SEXES)[number];

  @ApiProperty({ example: 1991 })
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear: number;

  @ApiProperty({ example: 'UZ', description: 'ISO 3166-1 alpha-2' })
  @IsCountryCode()
  nationality: string;

  @ApiProperty({ example: 'Nodira Karimova', description: 'PII: encrypted at rest' })
  @IsString()
  @IsPlainName()
  @MinLength(2)
  @MaxLength(200)
  @Matches(/\p{L}/u, { message: 'fullName must contain letters' })
  fullName: string;

  @ApiProperty({ example: '1991-04-02', description: 'PII: encrypted at rest' })
  @IsIsoDate()
  dateOfBirth: string;

  @ApiPropertyOptional({ description: 'PII: encrypted at rest' })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(50)
  documentNumber?: string;

  @ApiPropertyOptional({ description: 'PII: encrypted at rest' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,30}$/, { message: 'phone must be a phone number such as +998 90 123 45 67' })
  phone?: string;

  @ApiPropertyOptional({ description: 'PII: encrypted at rest' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiProperty({ type: ConsentDto })
  @IsDefined({ message: 'consent is required: { givenAt, method }' })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent: ConsentDto;
}

/**
 * A correction of a registration: the same fields, each optional (only those given change; null clears
 * documentNumber, phone or address), and the version the case worker read.
 */
export class UpdateBeneficiaryDto extends PartialType(CreateBeneficiaryDto) {
  @ApiProperty({ description: 'The version you read; a stale one answers 409 VERSION_CONFLICT with the current version' })
  @IsInt()
  version: number;
}

export class BeneficiaryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: CATEGORIES })
  @IsOptional()
  @IsIn([...CATEGORIES])
  category?: string;

  @ApiPropertyOptional({ example: 'BEN-KZ-7K3QF' })
  @IsOptional()
  @Matches(/^BEN-[A-Z]{2}-[0-9A-Z]{5}$/, { message: 'code must look like BEN-KZ-7K3QF' })
  code?: string;
}

export class BeneficiaryPiiResponse {
  @ApiProperty() fullName: string;
  @ApiProperty() dateOfBirth: string;
  @ApiProperty({ nullable: true, type: String }) documentNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
}

export class BeneficiaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BEN-KZ-7K3QF' }) code: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ enum: CATEGORIES }) category: string;
  @ApiProperty({ enum: FLAGS, isArray: true }) flags: string[];
  @ApiProperty({ enum: SEXES }) sex: string;
  @ApiProperty() birthYear: number;
  @ApiProperty() nationality: string;
  @ApiProperty({ type: ConsentDto }) consent: ConsentDto;
  @ApiProperty({
    description:
      'Another registration of what looks like the same person: for NGO users (and auditors) only within the same organisation; for officers and admins in any organisation or country (which one is not said)',
  })
  possibleDuplicate: boolean;
  @ApiPropertyOptional({ type: BeneficiaryPiiResponse, description: 'Only for the registering NGO and admins' })
  pii?: BeneficiaryPiiResponse;
  @ApiProperty() createdAt: string;
  @ApiProperty() version: number;
}

export class BeneficiaryPage extends PageOf(BeneficiaryResponse) {}

export class UnusedRegistrationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 3650, default: 30, description: 'Only registrations older than this many days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  olderThanDays?: number;
}

/** A registration no application used: who made it and when, no personal data. */
export class UnusedRegistrationResponse {
  @ApiProperty({ format: 'uuid' }) beneficiaryId: string;
  @ApiProperty({ example: 'BEN-KZ-7K3QF' }) code: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ nullable: true, type: String }) createdByEmail: string | null;
  @ApiProperty() createdAt: string;
}

export class UnusedRegistrationPage extends PageOf(UnusedRegistrationResponse) {}
