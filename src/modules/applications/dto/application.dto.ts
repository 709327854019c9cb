import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ASSISTANCE_TYPES, type AssistanceType } from '../../../common/domain-codes.js';
import { normaliseMoney } from '../../../common/money/money.js';
import { PageOf, PageQueryDto } from '../../../common/pagination/pagination.js';
import { ApiMoney, IsIsoDate, IsMoney, IsProgramCountry, PROGRAM_COUNTRIES } from '../../../common/validation/decorators.js';
import {
  APPLICATION_STATUSES,
  type ApplicationStatus,
  LETTER_LANGUAGES,
  STATE_SUPPORT_OUTCOMES,
  type StateSupportOutcome,
  URGENCIES,
  type Urgency,
} from '../domain/application.types.js';
import type { EligibilityWaiver } from '../../eligibility/entities/eligibility-waiver.entity.js';
import type { ApplicationItem } from '../entities/application-item.entity.js';
import type { ApplicationMessage } from '../entities/application-message.entity.js';
import type { Application } from '../entities/application.entity.js';

export class ItemDto {
  @ApiProperty({ enum: ASSISTANCE_TYPES })
  @IsIn([...ASSISTANCE_TYPES], { message: `type must be one of ${ASSISTANCE_TYPES.join(', ')}` })
  type: AssistanceType;

  @ApiProperty({ example: 'Passport restoration fees' })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  description: string;

  @ApiMoney({ example: '45000.00' })
  @IsMoney()
  amount: string;
}

export class StateSupportDto {
  @ApiProperty({ description: 'Was a State agency asked for this help first?' })
  @IsBoolean()
  requested: boolean;

  @ApiPropertyOptional({ example: 'Akimat of Shymkent', nullable: true, type: String })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(200)
  agency?: string | null;

  @ApiPropertyOptional({ example: '2026-11-18', nullable: true, type: String })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsIsoDate()
  requestedOn?: string | null;

  @ApiProperty({ enum: STATE_SUPPORT_OUTCOMES })
  @IsIn([...STATE_SUPPORT_OUTCOMES], { message: `stateSupport.outcome must be one of ${STATE_SUPPORT_OUTCOMES.join(', ')}` })
  outcome: StateSupportOutcome;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Required when outcome is not_applicable' })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class CreateApplicationDto {
  @ApiPropertyOptional({ format: 'uuid', description: "Defaults to the open fund of your organisation's country" })
  @IsOptional()
  @IsUUID('all', { message: 'fundId must be a UUID' })
  fundId?: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'beneficiaryId must be a UUID' })
  beneficiaryId: string;

  @ApiProperty({ enum: URGENCIES })
  @IsIn([...URGENCIES], { message: `urgency must be one of ${URGENCIES.join(', ')}` })
  urgency: Urgency;

  @ApiPropertyOptional({ enum: LETTER_LANGUAGES, default: 'en', description: 'Language of the award letter' })
  @IsOptional()
  @IsIn([...LETTER_LANGUAGES], { message: `language must be one of ${LETTER_LANGUAGES.join(', ')}` })
  language?: string;

  @ApiProperty({ type: [ItemDto] })
  @IsDefined({ message: 'items is required' })
  @IsArray()
  @ArrayMinSize(1, { message: 'items must hold at least one item' })
  @ArrayMaxSize(50, { message: 'items holds at most 50 items' })
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items: ItemDto[];

  @ApiPropertyOptional({ example: 'Passport withheld by the former employer; needed to return home.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  justification?: string;

  @ApiPropertyOptional({ type: StateSupportDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StateSupportDto)
  stateSupport?: StateSupportDto;
}

export class UpdateApplicationDto {
  @ApiProperty({ description: 'The version you edited; a stale one answers 409 with the current version' })
  @IsInt()
  version: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'fundId must be a UUID' })
  fundId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'beneficiaryId must be a UUID' })
  beneficiaryId?: string;

  @ApiPropertyOptional({ enum: URGENCIES })
  @IsOptional()
  @IsIn([...URGENCIES], { message: `urgency must be one of ${URGENCIES.join(', ')}` })
  urgency?: Urgency;

  @ApiPropertyOptional({ enum: LETTER_LANGUAGES })
  @IsOptional()
  @IsIn([...LETTER_LANGUAGES], { message: `language must be one of ${LETTER_LANGUAGES.join(', ')}` })
  language?: string;

  @ApiPropertyOptional({ type: [ItemDto], description: 'Replaces every item' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1, { message: 'items must hold at least one item' })
  @ArrayMaxSize(50, { message: 'items holds at most 50 items' })
  @ValidateNested({ each: true })
  @Type(() => ItemDto)
  items?: ItemDto[];

  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((_, v) => v !== null && v !== undefined)
  @IsString()
  @MaxLength(5000)
  justification?: string | null;

  @ApiPropertyOptional({ type: StateSupportDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => StateSupportDto)
  stateSupport?: StateSupportDto;
}

export class TransitionDto {
  @ApiPropertyOptional({ description: 'The version you saw; a stale one answers 409' })
  @IsOptional()
  @IsInt()
  version?: number;

  @ApiPropertyOptional({ description: 'A note kept with the history' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class ApplicationQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATUSES })
  @IsOptional()
  @IsIn([...APPLICATION_STATUSES])
  status?: ApplicationStatus;

  @ApiPropertyOptional({ enum: PROGRAM_COUNTRIES })
  @IsOptional()
  @IsProgramCountry()
  country?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  fundId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  beneficiaryId?: string;
}

export class ItemResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ASSISTANCE_TYPES }) type: string;
  @ApiProperty() description: string;
  @ApiMoney() amount: string;
  @ApiMoney({ nullable: true }) approvedAmount: string | null;
}

export class StateSupportResponse {
  @ApiProperty() requested: boolean;
  @ApiProperty({ nullable: true, type: String }) agency: string | null;
  @ApiProperty({ nullable: true, type: String }) requestedOn: string | null;
  @ApiProperty({ enum: STATE_SUPPORT_OUTCOMES }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class WaiverResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() ruleCode: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: string;
}

export class EligibilitySummary {
  @ApiProperty({ enum: ['eligible', 'ineligible'] }) outcome: string;
  @ApiProperty({ type: [String] }) failures: string[];
  @ApiProperty({ type: [String] }) warnings: string[];
  @ApiProperty() evaluatedAt: string;
}

/** For officers of the application's country and admins only: the same person at other organisations. */
export class CrossOrganisationMatchResponse {
  @ApiProperty({ description: 'Another organisation (in any country) registered what looks like the same person' })
  registeredElsewhere: boolean;
  @ApiProperty({ description: 'How many other organisations' }) otherOrganisations: number;
  @ApiProperty({ description: "Other organisations' applications for the person still waiting for a decision" })
  openApplicationsElsewhere: number;
  @ApiProperty({ description: "Other organisations' applications for the person approved in the last 365 days (any fund)" })
  approvalsElsewhereLast365Days: number;
}

export class ApplicationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String, example: 'EF-KZ-2026-000123' }) reference: string | null;
  @ApiProperty({ enum: APPLICATION_STATUSES }) status: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty({ format: 'uuid' }) beneficiaryId: string;
  @ApiProperty({ example: 'BEN-KZ-7K3QF' }) beneficiaryCode: string;
  @ApiProperty({ format: 'uuid' }) fundId: string;
  @ApiProperty() country: string;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: URGENCIES }) urgency: string;
  @ApiProperty({ enum: LETTER_LANGUAGES }) language: string;
  @ApiProperty({ type: [ItemResponse] }) items: ItemResponse[];
  @ApiMoney() total: string;
  @ApiProperty({ nullable: true, type: String }) justification: string | null;
  @ApiProperty({ type: StateSupportResponse, nullable: true }) stateSupport: StateSupportResponse | null;
  @ApiProperty({ type: EligibilitySummary, nullable: true }) eligibility: EligibilitySummary | null;
  @ApiProperty({ type: [WaiverResponse] }) waivers: WaiverResponse[];
  @ApiProperty({ nullable: true, type: String }) firstSubmittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) lastSubmittedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When a decision is due (SLA)' }) slaDueAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The officer working on it' }) claimedBy: string | null;
  @ApiMoney({ nullable: true, description: 'Set by the approval' }) approvedTotal: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was rejected (shown to the NGO)' }) decisionReasonCode: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The deciding officer's words to the NGO" }) decisionComment: string | null;
  @ApiProperty({ nullable: true, type: String }) conditions: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'First submission → decision, seconds' }) grossTurnaroundSeconds: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The same without time waiting for the NGO' }) netTurnaroundSeconds:
    number | null;
  @ApiPropertyOptional({
    type: CrossOrganisationMatchResponse,
    description:
      'Only for officers and admins reading one application: the same person registered by other organisations. Never shown to NGO users.',
  })
  crossOrganisationMatch?: CrossOrganisationMatchResponse;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ApplicationPage extends PageOf(ApplicationResponse) {}

export function toApplicationResponse(
  a: Application,
  items: ApplicationItem[],
  beneficiaryCode: string,
  eligibility: ApplicationResponse['eligibility'],
  waivers: EligibilityWaiver[],
): ApplicationResponse {
  return {
    id: a.id,
    reference: a.reference,
    status: a.status as ApplicationStatus,
    version: a.version,
    organisationId: a.organisationId,
    beneficiaryId: a.beneficiaryId,
    beneficiaryCode,
    fundId: a.fundId,
    country: a.country,
    currency: a.currency,
    urgency: a.urgency,
    language: a.language,
    items: items.map((i) => ({
      id: i.id,
      type: i.type,
      description: i.description,
      amount: normaliseMoney(i.amount),
      approvedAmount: i.approvedAmount === null ? null : normaliseMoney(i.approvedAmount),
    })),
    total: normaliseMoney(a.total),
    justification: a.justification,
    stateSupport: a.stateSupport,
    eligibility,
    waivers: waivers.map((w) => ({
      id: w.id,
      ruleCode: w.ruleCode,
      reason: w.reason,
      createdBy: w.createdBy,
      createdAt: w.createdAt.toISOString(),
    })),
    firstSubmittedAt: a.firstSubmittedAt?.toISOString() ?? null,
    lastSubmittedAt: a.lastSubmittedAt?.toISOString() ?? null,
    slaDueAt: a.slaDueAt?.toISOString() ?? null,
    claimedBy: a.claimedBy,
    approvedTotal: a.approvedTotal === null ? null : normaliseMoney(a.approvedTotal),
    decidedAt: a.decidedAt?.toISOString() ?? null,
    decisionReasonCode: a.decisionReasonCode,
    decisionComment: a.decisionComment,
    conditions: a.conditions,
    grossTurnaroundSeconds: a.grossTurnaroundSeconds,
    netTurnaroundSeconds: a.netTurnaroundSeconds,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export class ApplicationEventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'submit' }) action: string;
  @ApiProperty({ nullable: true, type: String }) from: string | null;
  @ApiProperty() to: string;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty() at: string;
}

export class ApplicationEventList {
  @ApiProperty({ type: [ApplicationEventResponse] }) items: ApplicationEventResponse[];
}

export class PostMessageDto {
  @ApiProperty({ example: 'The clinic can only operate next week; the estimate is attached.' })
  @IsString()
  @MinLength(1, { message: 'body must not be empty' })
  @MaxLength(5000)
  body: string;
}

export class MessageResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty({ enum: ['ngo', 'officer', 'admin'] }) authorRole: string;
  @ApiProperty() body: string;
  @ApiProperty() createdAt: string;
}

/** `body` is the decrypted text (`domain/message-body.ts`). */
export function toMessageResponse(m: ApplicationMessage, body: string): MessageResponse {
  return { id: m.id, authorId: m.authorId, authorRole: m.authorRole, body, createdAt: m.createdAt.toISOString() };
}

export class MessageList {
  @ApiProperty({ type: [MessageResponse] }) items: MessageResponse[];
}
