import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../config/app-config.js';
import type { AccessTokenPayload } from './auth.service.js';

/** Tokens whose signature was checked, kept at most; past it the oldest goes. */
const MAX_CHECKED = 10_000;

/** `Authorization: Bearer <token>`, the scheme in any case; anything else carries no token. */
const BEARER = /^\s*bearer\s+(\S+)\s*$/i;

/** The access token a request carries, or null. */
export function bearerToken(authorization: string | undefined): string | null {
  return authorization ? (BEARER.exec(authorization)?.[1] ?? null) : null;
}

/**
 * Checks access tokens: HS256 only (the algorithm pinned, so `none` and another algorithm are
 * refused), signed with the app's secret, not expired. A token whose signature checked out is
 * remembered by its exact text until it expires, so the next request carrying the very same token
 * costs a look-up, not a new HMAC and JSON parse (jsonwebtoken's check was about a tenth of a signed-in
 * read's CPU). Only the token's own claims are remembered; whether its user may still use it (status,
 * token version) is read on every request (`AuthService.resolveUser`).
 */
@Injectable()
export class AccessTokens {
  private readonly checked = new Map<string, { payload: AccessTokenPayload; expiresAt: number }>();
  // a KeyObject: given a string, jsonwebtoken first tries (and fails) to parse it as a public key on every check
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
  }

  /** The token's claims when it is genuine and not expired (jsonwebtoken's rule: valid while now < exp); otherwise null. */
  verify(token: string): AccessTokenPayload | null {
    const now = Math.floor(Date.now() / 1000);
    const known = this.checked.get(token);
    if (known) {
      if (now < known.expiresAt) return known.payload;
      this.checked.delete(token);
      return null;
    }
    let payload: AccessTokenPayload & { exp?: unknown };
    try {
      payload = this.jwt.verify(token, { secret: this.key as unknown as Buffer, algorithms: ['HS256'] });
    } catch {
      return null;
    }
    // every token this service issues expires; one without a numeric exp is checked again each time
    if (typeof payload.exp === 'number') this.remember(token, Object.freeze(payload), payload.exp);
    return payload;
  }

  private remember(token: string, payload: AccessTokenPayload, expiresAt: number): void {
    if (this.checked.size >= MAX_CHECKED) this.checked.delete(this.checked.keys().next().value!);
    this.checked.set(token, { payload, expiresAt });
  }
}
