import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ASSISTANCE_TYPES, CATEGORIES } from '../../../common/domain-codes.js';
import { isMoneyString, normaliseMoney, toMinor } from '../../../common/money/money.js';
import { PageQueryDto, PageOf } from '../../../common/pagination/pagination.js';
import {
  ApiMoney,
  CURRENCIES,
  IsCurrency,
  IsIsoDate,
  IsMoney,
  IsProgramCountry,
  PROGRAM_COUNTRIES,
} from '../../../common/validation/decorators.js';
import { RULE_CODES, RULE_OVERRIDES } from '../../eligibility/domain/rule-codes.js';
import type { FundLedgerEntry } from '../entities/fund-ledger-entry.entity.js';
import { IsPlainName } from '../../../common/validation/decorators.js';

/** An object whose keys come from `keys` and whose values pass `valueOk`. */
function IsRecordOf(keys: readonly string[], valueOk: (v: unknown) => boolean, valueDescription: string) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isRecordOf',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must map keys from (${keys.join(', ')}) to ${valueDescription}` },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(([k, v]) => keys.includes(k) && valueOk(v)),
      },
    });
}

export class SlaHoursDto {
  @ApiProperty({ example: 24 })
  @IsInt()
  @Min(1)
  @Max(720)
  urgent: number;

  @ApiProperty({ example: 72 })
  @IsInt()
  @Min(1)
  @Max(2160)
  standard: number;
}

export class FundRulesDto {
  @ApiPropertyOptional({ enum: CATEGORIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn([...CATEGORIES], { each: true, message: `eligibleCategories must hold ${CATEGORIES.join(', ')}` })
  eligibleCategories?: (typeof CATEGORIES)[number][];

  @ApiPropertyOptional({ enum: ASSISTANCE_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn([...ASSISTANCE_TYPES], { each: true, message: `allowedTypes must hold assistance types (${ASSISTANCE_TYPES.join(', ')})` })
  allowedTypes?: (typeof ASSISTANCE_TYPES)[number][];

  @ApiMoney({ required: false, nullable: true, description: 'Cap per application; null for none' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsMoney()
  maxPerApplication?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { business_startup: '400000.00' } })
  @IsOptional()
  @IsRecordOf(ASSISTANCE_TYPES, (v) => isMoneyString(v) && toMinor(v) > 0n, 'positive money strings')
  typeCaps?: Partial<Record<(typeof ASSISTANCE_TYPES)[number], string>>;

  @ApiMoney({ required: false, nullable: true, description: 'Cap per beneficiary over 365 days; null for none' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsMoney()
  beneficiaryCap365d?: string | null;

  @ApiMoney({ required: false, nullable: true, description: 'At or above this total an approval needs a second officer' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsMoney()
  secondApprovalThreshold?: string | null;

  @ApiPropertyOptional({ type: SlaHoursDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SlaHoursDto)
  slaHours?: SlaHoursDto;

  @ApiPropertyOptional({ example: 33, minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  femaleTargetPercent?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...RULE_OVERRIDES] },
    example: { REQUIRED_DOCUMENTS: 'off' },
  })
  @IsOptional()
  @IsRecordOf(RULE_CODES, (v) => RULE_OVERRIDES.includes(v as never), `one of ${RULE_OVERRIDES.join(', ')}`)
  overrides?: Partial<Record<(typeof RULE_CODES)[number], (typeof RULE_OVERRIDES)[number]>>;
}

export class CreateFundDto {
  @ApiProperty({ example: 'EF Kazakhstan 2027' })
  @IsString()
  @IsPlainName()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: PROGRAM_COUNTRIES })
  @IsProgramCountry()
  country: string;

  @ApiProperty({ enum: CURRENCIES, description: "The country's currency or USD" })
  @IsCurrency()
  currency: string;

  @ApiMoney({ example: '50000000.00' })
  @IsMoney({ allowZero: true })
  budget: string;

  @ApiProperty({ example: '2027-01-01' })
  @IsIsoDate()
  periodStart: string;

  @ApiProperty({ example: '2027-12-31' })
  @IsIsoDate()
  periodEnd: string;

  @ApiPropertyOptional({ type: FundRulesDto, description: 'Omitted rules take their defaults' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FundRulesDto)
  rules?: FundRulesDto;
}

export class UpdateFundDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsPlainName()
  @MinLength(2)
  @MaxLength(200)
  name?: string;

  @ApiMoney({ required: false, description: 'The new total budget; the difference is appended to the ledger' })
  @IsOptional()
  @IsMoney({ allowZero: true })
  budget?: string;

  @ApiPropertyOptional({ example: '2027-01-01' })
  @IsOptional()
  @IsIsoDate()
  periodStart?: string;

  @ApiPropertyOptional({ example: '2027-12-31' })
  @IsOptional()
  @IsIsoDate()
  periodEnd?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';

  @ApiPropertyOptional({ type: FundRulesDto, description: 'Fields given replace the stored ones; others stay' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FundRulesDto)
  rules?: FundRulesDto;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  version?: number;
}

export class FundQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PROGRAM_COUNTRIES })
  @IsOptional()
  @IsProgramCountry()
  country?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed'] })
  @IsOptional()
  @IsIn(['open', 'closed'])
  status?: 'open' | 'closed';
}

export class LedgerDto {
  @ApiMoney() budget: string;
  @ApiMoney({ description: 'Approved, not yet paid' }) committed: string;
  @ApiMoney() disbursed: string;
  @ApiMoney({ description: 'budget − committed − disbursed' }) available: string;
}

export class FundRulesResponse {
  @ApiProperty({ enum: CATEGORIES, isArray: true }) eligibleCategories: string[];
  @ApiProperty({ enum: ASSISTANCE_TYPES, isArray: true }) allowedTypes: string[];
  @ApiMoney({ nullable: true }) maxPerApplication: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) typeCaps: Record<string, string>;
  @ApiMoney({ nullable: true }) beneficiaryCap365d: string | null;
  @ApiMoney({ nullable: true }) secondApprovalThreshold: string | null;
  @ApiProperty({ type: SlaHoursDto }) slaHours: SlaHoursDto;
  @ApiProperty() femaleTargetPercent: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) overrides: Record<string, string>;
}

export class FundResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() country: string;
  @ApiProperty() currency: string;
  @ApiProperty() periodStart: string;
  @ApiProperty() periodEnd: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty({ type: FundRulesResponse }) rules: FundRulesResponse;
  @ApiProperty({ type: LedgerDto }) ledger: LedgerDto;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty() version: number;
}

export class FundPage extends PageOf(FundResponse) {}

export class LedgerEntryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() seq: string;
  @ApiProperty({ enum: ['budget', 'budget_adjustment', 'commit', 'release', 'pay', 'reverse'] }) kind: string;
  @ApiMoney() budgetDelta: string;
  @ApiMoney() committedDelta: string;
  @ApiMoney() disbursedDelta: string;
  @ApiProperty({ nullable: true, type: String }) refType: string | null;
  @ApiProperty({ nullable: true, type: String }) refId: string | null;
  @ApiProperty({ nullable: true, type: String }) reversesId: string | null;
  @ApiProperty({ nullable: true, type: String }) memo: string | null;
  @ApiProperty({ nullable: true, type: String }) createdBy: string | null;
  @ApiProperty() createdAt: string;
}

export class LedgerEntryPage extends PageOf(LedgerEntryResponse) {}

export function toLedgerEntryResponse(e: FundLedgerEntry): LedgerEntryResponse {
  return {
    id: e.id,
    seq: e.seq,
    kind: e.kind,
    budgetDelta: normaliseMoney(e.budgetDelta),
    committedDelta: normaliseMoney(e.committedDelta),
    disbursedDelta: normaliseMoney(e.disbursedDelta),
    refType: e.refType,
    refId: e.refId,
    reversesId: e.reversesId,
    memo: e.memo,
    createdBy: e.createdBy,
    createdAt: e.createdAt.toISOString(),
  };
}
