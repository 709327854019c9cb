import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, registerDecorator } from 'class-validator';
import type { AwardLetter } from '../entities/award-letter.entity.js';
import { templateLanguages } from '../render/letter-templates.js';

/** A language a letter can be written in: one of the templates (`en`, `ru`). */
export function IsLetterLanguage() {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isLetterLanguage',
      target: object.constructor,
      propertyName,
      options: { message: () => `${propertyName} must be one of ${templateLanguages().join(', ')}` },
      validator: { validate: (value: unknown) => typeof value === 'string' && templateLanguages().includes(value) },
    });
}

export class LetterQueryDto {
  @ApiPropertyOptional({
    description: 'Language of the letter (en, ru); default the language the NGO chose for the application',
    example: 'ru',
  })
  @IsOptional()
  @IsString()
  @MaxLength(5)
  lang?: string;

  @ApiPropertyOptional({ minimum: 1, description: 'Letter version; default the current one' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  version?: number;
}

export class LetterSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '1 at approval, +1 per amendment' }) version: number;
  @ApiProperty({ example: 'ru' }) language: string;
  @ApiProperty({ enum: ['pending', 'issued'] }) status: string;
  @ApiProperty({ description: 'Printed on the letter; GET /letters/verify/{code} checks it' }) verificationCode: string;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 (hex) of the stored PDF' }) sha256: string | null;
  @ApiProperty({ nullable: true, type: Number }) sizeBytes: number | null;
  @ApiProperty({ nullable: true, type: String }) issuedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why this version replaced the previous one' }) amendmentReason: string | null;
  @ApiProperty() createdAt: string;
}

export function toLetterSummary(l: AwardLetter): LetterSummary {
  return {
    id: l.id,
    version: l.version,
    language: l.language,
    status: l.status,
    verificationCode: l.verificationCode,
    sha256: l.sha256,
    sizeBytes: l.sizeBytes,
    issuedAt: l.issuedAt?.toISOString() ?? null,
    amendmentReason: l.content.amendment?.reason ?? null,
    createdAt: l.createdAt.toISOString(),
  };
}

/** A letter summary from the json of `currentLetterSummaryJson` (times as PostgreSQL writes them in json). */
export function letterSummaryFromJson(j: LetterSummary): LetterSummary {
  return { ...j, issuedAt: j.issuedAt && new Date(j.issuedAt).toISOString(), createdAt: new Date(j.createdAt).toISOString() };
}

/** What a letter states, for the public pages that show it (verification, a shared link): never any personal data. */
export function toLetterStatement(l: AwardLetter) {
  return {
    awardNumber: l.content.awardNumber,
    version: l.version,
    language: l.language,
    date: l.content.issuedOn.slice(0, 10),
    amount: l.content.amount,
    currency: l.content.currency,
    organisation: l.content.organisation.name,
  };
}

export class VerificationResponse {
  @ApiProperty({ description: 'The letter is genuine and the current version of its award' }) valid: boolean;
  @ApiProperty({ enum: ['current', 'superseded'] }) status: 'current' | 'superseded';
  @ApiProperty({ example: 'AWD-KZ-2026-00042' }) awardNumber: string;
  @ApiProperty() version: number;
  @ApiProperty() currentVersion: number;
  @ApiProperty() language: string;
  @ApiProperty({ example: '2026-12-01', description: 'The date printed on the letter (UTC): that of the approval or amendment it states' })
  date: string;
  @ApiProperty({ description: 'When this file was made (later than `date` for a letter retried or asked for in another language)' })
  issuedAt: string;
  @ApiProperty({ example: '45000.00', description: 'The amount this letter states' }) amount: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'The NGO the award was made to' }) organisation: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the letter as issued: compare it with the file you hold' }) sha256: string;
}
