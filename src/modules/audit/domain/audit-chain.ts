import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEventContent {
  seq: string;
  occurredAt: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function chainHash(prevHash: string, content: ChainedEventContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface StoredChainEvent extends ChainedEventContent {
  prevHash: string;
  hash: string;
}

export interface ChainVerification {
  valid: boolean;
  checked: number;
  /** The first event whose link or content does not match. */
  brokenAtSeq: string | null;
}

/** Walks events in seq order from `startHash` and reports the first broken link. */
export function verifyChain(events: StoredChainEvent[], startHash = GENESIS_HASH): ChainVerification {
  let prev = startHash;
  let checked = 0;
  for (const event of events) {
    const { prevHash, hash, ...content } = event;
    if (prevHash !== prev || chainHash(prev, content) !== hash) {
      return { valid: false, checked, brokenAtSeq: event.seq };
    }
    prev = hash;
    checked++;
  }
  return { valid: true, checked, brokenAtSeq: null };
}

/** Keys whose values never enter the audit log (PII of beneficiaries, credentials, bank details). */
const REDACT = new Set([
  'fullName',
  'dateOfBirth',
  'documentNumber',
  'phone',
  'address',
  'password',
  'passwordHash',
  'iban',
  'bankAccount',
  'piiEnc',
  'bankAccountEnc',
  'personHash',
  'documentHash',
  'refreshToken',
  'accessToken',
  'secretHash',
]);

/** Replaces PII and secrets with "[redacted]" at any depth; keeps the shape so a reader sees what changed. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue;
      out[k] = REDACT.has(k) ? (v === null ? null : '[redacted]') : redact(v);
    }
    return out;
  }
  return value;
}
