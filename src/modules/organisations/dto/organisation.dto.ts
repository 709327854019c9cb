import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { PageOf } from '../../../common/pagination/pagination.js';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsIban, IsProgramCountry, PROGRAM_COUNTRIES } from '../../../common/validation/decorators.js';
import { IsPlainName } from '../../../common/validation/decorators.js';

export class BankAccountDto {
  @ApiProperty({ example: 'Halyk Bank' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  bankName: string;

  @ApiProperty({ example: 'KZ86125KZT5004100100' })
  @IsIban()
  iban: string;

  @ApiProperty({ example: 'HSBKKZKX' })
  @Matches(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, { message: 'bic must be an 8 or 11 character BIC/SWIFT code' })
  bic: string;
}

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Sana Sezim' })
  @IsString()
  @IsPlainName()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: PROGRAM_COUNTRIES })
  @IsProgramCountry()
  country: string;

  @ApiProperty({ example: '000340012345' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  registrationNumber: string;

  @ApiProperty({ example: 'office@sanasezim.example.org' })
  @IsEmail({}, { message: 'contactEmail must be an e-mail address' })
  @MaxLength(254)
  contactEmail: string;

  @ApiPropertyOptional({ example: 'Shymkent, Kazakhstan' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ type: BankAccountDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BankAccountDto)
  bankAccount?: BankAccountDto;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {
  @ApiPropertyOptional({ enum: ['active', 'suspended'] })
  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';

  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409' })
  @IsOptional()
  @IsInt()
  version?: number;
}

export class OrganisationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() country: string;
  @ApiProperty() registrationNumber: string;
  @ApiProperty() contactEmail: string;
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ type: BankAccountDto, nullable: true }) bankAccount: BankAccountDto | null;
  @ApiProperty({ enum: ['active', 'suspended'] }) status: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
}

export class OrganisationPage extends PageOf(OrganisationResponse) {}
