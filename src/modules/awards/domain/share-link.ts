import { createHash, randomBytes } from 'node:crypto';

/** How long a share link lives, in days: the default and the bounds a case worker may choose within. */
export const SHARE_LINK_DAYS = { min: 1, max: 90, default: 30 } as const;

/** Active links one award may have at a time: enough for every clinic and landlord of a case, not a mailing list. */
export const MAX_ACTIVE_SHARE_LINKS = 20;

export type ShareLinkStatus = 'active' | 'expired' | 'revoked';

/** 32 random bytes, base64url (43 characters): the link's only key, shown once and never stored. */
export function newShareToken(random: (n: number) => Buffer = randomBytes): string {
  return random(32).toString('base64url');
}

/** What is stored and looked up: the SHA-256 (hex) of the token. */
export function shareTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Could this be a token we made? Anything else is answered 404 without a lookup. */
export function isShareTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** A withdrawn link stays withdrawn after it would have expired. */
export function shareLinkStatus(link: { revokedAt: Date | null; expiresAt: Date }, now: Date): ShareLinkStatus {
  if (link.revokedAt) return 'revoked';
  return link.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

export function shareLinkExpiry(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 86_400_000);
}
