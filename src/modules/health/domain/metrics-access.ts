import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'allowed' | 'off' | 'denied';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Who may read the metrics: nobody when no token is configured, otherwise whoever sends it as
 * `Authorization: Bearer <token>`. Compared as SHA-256 digests in constant time, so neither the
 * token's length nor a matching prefix can be timed.
 */
export function metricsAccess(configuredToken: string | undefined, authorization: string | undefined): MetricsAccess {
  if (!configuredToken) return 'off';
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!presented) return 'denied';
  return timingSafeEqual(digest(presented), digest(configuredToken)) ? 'allowed' : 'denied';
}
