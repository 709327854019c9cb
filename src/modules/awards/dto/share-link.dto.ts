import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsLetterLanguage } from '../../letters/dto/letter.dto.js';
import { SHARE_LINK_DAYS, shareLinkStatus, type ShareLinkStatus } from '../domain/share-link.js';
import type { AwardShareLink } from '../entities/award-share-link.entity.js';

export class CreateShareLinkDto {
  @ApiPropertyOptional({
    example: 'ru',
    description: "The letter's language (a letter template: en, ru); default the language of the award's letters",
  })
  @IsOptional()
  @IsLetterLanguage()
  language?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: SHARE_LINK_DAYS.min,
    maximum: SHARE_LINK_DAYS.max,
    default: SHARE_LINK_DAYS.default,
    description: 'Days the link works',
  })
  @IsOptional()
  @IsInt()
  @Min(SHARE_LINK_DAYS.min)
  @Max(SHARE_LINK_DAYS.max)
  expiresInDays?: number;
}

export class ShareLinkResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'ru', description: 'The language of the letter the link gives' }) language: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status: ShareLinkStatus;
  @ApiProperty({ description: 'Times the link was opened' }) openCount: number;
  @ApiProperty({ nullable: true, type: String }) lastOpenedAt: string | null;
}

export class CreatedShareLinkResponse extends ShareLinkResponse {
  @ApiProperty({
    description:
      'The secret part of the link (32 random bytes, base64url). Only in this answer: it is stored as a hash and never shown again',
  })
  token: string;

  @ApiProperty({
    example: 'https://ef.example.org/api/v1/shared/3q2-7wEjZ0c2xcF8N4Sx8VmvYpC6m7-WvXk1Qb1s3Ts',
    description: 'The link to send: absolute when the service has a PUBLIC_BASE_URL, else the path. Only in this answer',
  })
  url: string;
}

export class ShareLinkList {
  @ApiProperty({ type: [ShareLinkResponse] }) items: ShareLinkResponse[];
}

export function toShareLinkResponse(link: AwardShareLink, now: Date): ShareLinkResponse {
  return {
    id: link.id,
    language: link.language,
    createdAt: link.createdAt.toISOString(),
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
    status: shareLinkStatus(link, now),
    openCount: link.openCount,
    lastOpenedAt: link.lastOpenedAt?.toISOString() ?? null,
  };
}

export class SharedLetterResponse {
  @ApiProperty({
    enum: ['current', 'pending'],
    description:
      '`current`: the current version of the award letter, genuine, downloadable at `letterUrl`; `pending`: the current version is still being prepared (the PDF answers 503 for now)',
  })
  status: 'current' | 'pending';
  @ApiProperty({ example: 'AWD-KZ-2026-00042' }) awardNumber: string;
  @ApiProperty({ description: 'The current letter version' }) version: number;
  @ApiProperty({ description: 'The award was amended after the link was made: this version replaces the one shared then' })
  amendedSinceShared: boolean;
  @ApiProperty({ example: 'ru' }) language: string;
  @ApiProperty({ example: '2026-12-01', description: 'The date printed on the letter (UTC)' }) date: string;
  @ApiProperty({ example: '45000.00', description: 'The amount the letter states' }) amount: string;
  @ApiProperty() currency: string;
  @ApiProperty({ description: 'The NGO the award was made to' }) organisation: string;
  @ApiProperty({ nullable: true, type: String, description: 'SHA-256 (hex) of the PDF, once issued' }) sha256: string | null;
  @ApiProperty({ description: 'When the link stops working' }) expiresAt: string;
  @ApiProperty({ description: 'Where the PDF downloads: absolute when the service has a PUBLIC_BASE_URL, else the path' })
  letterUrl: string;
}
