import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Clock } from '../../common/clock/clock.js';
import { Transactions } from '../../common/database/transaction.js';
import { notFound } from '../../common/errors/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import { toLetterStatement } from '../letters/dto/letter.dto.js';
import type { AwardLetter } from '../letters/entities/award-letter.entity.js';
import { LettersService } from '../letters/letters.service.js';
import { shareLinkLimit } from './awards.errors.js';
import { AwardsRepository } from './awards.repository.js';
import { AwardsService } from './awards.service.js';
import {
  isShareTokenShaped,
  MAX_ACTIVE_SHARE_LINKS,
  newShareToken,
  SHARE_LINK_DAYS,
  shareLinkExpiry,
  shareLinkStatus,
  shareTokenHash,
} from './domain/share-link.js';
import {
  type CreatedShareLinkResponse,
  type CreateShareLinkDto,
  type SharedLetterResponse,
  type ShareLinkResponse,
  toShareLinkResponse,
} from './dto/share-link.dto.js';
import { ShareLinksRepository, type WorkingLink } from './share-links.repository.js';

/** Where the public routes of shared letters are mounted, after the API prefix (the request log keeps their tokens out). */
export const SHARED_PATH = 'shared';
const SHARED_PREFIX = `/api/v1/${SHARED_PATH}`;

/**
 * Share links: the NGO of an award sends its current letter to a clinic or a landlord as a link
 * that works without an account, until it expires or is withdrawn. The token is the only key; it
 * is returned once and stored as its SHA-256. The award's scope decides who may see the links
 * (its NGO, the officers of its country, admins); only the NGO makes them.
 */
@Injectable()
export class ShareLinksService {
  constructor(
    private readonly repository: ShareLinksRepository,
    private readonly awardsRepository: AwardsRepository,
    private readonly awards: AwardsService,
    private readonly letters: LettersService,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(user: AuthUser, awardId: string, dto: CreateShareLinkDto): Promise<CreatedShareLinkResponse> {
    const award = await this.awards.findVisible(user, awardId);
    const language = dto.language ?? this.letters.letterLanguage(award.language);
    const token = newShareToken();
    const { link, now } = await this.transactions.run(async (m) => {
      // the award row orders the links made for it, so the limit holds under concurrent requests
      const locked = (await this.awardsRepository.lockForUpdate(m, awardId))!;
      const now = this.clock.now();
      if ((await this.repository.countActive(m, awardId, now)) >= MAX_ACTIVE_SHARE_LINKS) throw shareLinkLimit(MAX_ACTIVE_SHARE_LINKS);
      const link = await this.repository.insert(m, {
        awardId,
        tokenHash: shareTokenHash(token),
        language,
        letterVersion: locked.letterVersion,
        expiresAt: shareLinkExpiry(now, dto.expiresInDays ?? SHARE_LINK_DAYS.default),
        createdBy: user.id,
      });
      await this.audit.record(m, {
        action: 'award.share_link_create',
        entityType: 'award',
        entityId: awardId,
        after: { shareLinkId: link.id, language, expiresAt: link.expiresAt.toISOString() },
      });
      return { link, now };
    });
    return { ...toShareLinkResponse(link, now), token, url: this.url(`${SHARED_PREFIX}/${token}`) };
  }

  async list(user: AuthUser, awardId: string): Promise<{ items: ShareLinkResponse[] }> {
    await this.awards.findVisible(user, awardId);
    const now = this.clock.now();
    return { items: (await this.repository.listForAward(awardId)).map((l) => toShareLinkResponse(l, now)) };
  }

  /** Withdraws a link at once. Withdrawing it again changes nothing and answers the link as it is (a double click, two tabs). */
  async revoke(user: AuthUser, awardId: string, linkId: string): Promise<ShareLinkResponse> {
    await this.awards.findVisible(user, awardId);
    return this.transactions.run(async (m) => {
      const link = await this.repository.lockForAward(m, awardId, linkId);
      if (!link) throw notFound('Share link');
      const now = this.clock.now();
      if (link.revokedAt) return toShareLinkResponse(link, now);
      await this.repository.markRevoked(m, link.id, user.id, now);
      await this.audit.record(m, {
        action: 'award.share_link_revoke',
        entityType: 'award',
        entityId: awardId,
        before: { shareLinkId: link.id, status: shareLinkStatus(link, now) },
        after: { shareLinkId: link.id, status: 'revoked' },
      });
      return toShareLinkResponse({ ...link, revokedAt: now, revokedBy: user.id }, now);
    });
  }

  /**
   * Public: what the current letter behind a working link states, counted as one opening. An
   * expired, withdrawn or unknown link is the same 404, so nobody learns which.
   */
  async open(token: string): Promise<SharedLetterResponse> {
    const link = isShareTokenShaped(token) ? await this.repository.open(shareTokenHash(token), this.clock.now()) : null;
    if (!link) throw notFound('Share link');
    const award = (await this.awardsRepository.findById(link.awardId))!;
    const letter = await this.letters.current(award, link.language);
    return this.describe(link, letter, token);
  }

  /** Public: the PDF of the current letter in the link's language, as the award's own download gives it (503 while it is prepared). */
  async letter(token: string): Promise<{ letter: AwardLetter; bytes: Buffer; filename: string }> {
    const link = isShareTokenShaped(token) ? await this.repository.findWorking(shareTokenHash(token), this.clock.now()) : null;
    if (!link) throw notFound('Share link');
    const award = (await this.awardsRepository.findById(link.awardId))!;
    const { letter, bytes } = await this.letters.download(award, { lang: link.language });
    return { letter, bytes, filename: `${award.number}-v${letter.version}-${letter.language}.pdf` };
  }

  private describe(link: WorkingLink, letter: AwardLetter, token: string): SharedLetterResponse {
    const issued = letter.status === 'issued';
    return {
      status: issued ? 'current' : 'pending',
      ...toLetterStatement(letter),
      amendedSinceShared: letter.version > link.letterVersion,
      sha256: issued ? letter.sha256 : null,
      expiresAt: link.expiresAt.toISOString(),
      letterUrl: this.url(`${SHARED_PREFIX}/${token}/letter.pdf`),
    };
  }

  /** Absolute when the service knows where people reach it (PUBLIC_BASE_URL), else the path (the web app completes it). */
  private url(path: string): string {
    return this.config.PUBLIC_BASE_URL ? `${this.config.publicBaseUrl}${path}` : path;
  }
}
