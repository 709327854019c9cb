import { describe, expect, it } from '@jest/globals';
import { isShareTokenShaped, newShareToken, shareLinkExpiry, shareLinkStatus, shareTokenHash } from './share-link.js';

describe('share link tokens', () => {
  it('are 32 random bytes in base64url, stored as their SHA-256', () => {
    const token = newShareToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newShareToken()).not.toBe(token);
    expect(newShareToken(() => Buffer.alloc(32, 0xff))).toBe('_'.repeat(42) + '8');
    expect(shareTokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('tells a token that could be ours from anything else', () => {
    expect(isShareTokenShaped(newShareToken())).toBe(true);
    for (const bad of ['', 'short', 'a'.repeat(44), `${'a'.repeat(42)}=`, `${'a'.repeat(42)}/`, `${'a'.repeat(42)}é`]) {
      expect([bad, isShareTokenShaped(bad)]).toEqual([bad, false]);
    }
  });
});

describe('shareLinkStatus', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('is active until it expires, and revoked whatever its expiry once withdrawn', () => {
    expect(shareLinkStatus({ revokedAt: null, expiresAt: shareLinkExpiry(now, 30) }, now)).toBe('active');
    expect(shareLinkStatus({ revokedAt: null, expiresAt: now }, now)).toBe('expired');
    expect(shareLinkStatus({ revokedAt: now, expiresAt: shareLinkExpiry(now, 1) }, now)).toBe('revoked');
    expect(shareLinkStatus({ revokedAt: now, expiresAt: shareLinkExpiry(now, -1) }, now)).toBe('revoked');
    expect(shareLinkExpiry(now, 30).toISOString()).toBe('2026-12-31T12:00:00.000Z');
  });
});
