import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** Number of parallel chains; each event records its own, so changing this keeps old events verifiable. */
export const AUDIT_CHAINS = 16;

export interface ChainedEventContent {
  chain: number;
  chainSeq: string;
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
  /** The first event (chain and position) whose link, position or content does not match. */
  brokenAt: { chain: number; chainSeq: string } | null;
}

/**
 * Walks one chain's events in order, starting after position `startSeq` with `startHash`, and reports
 * the first broken link: a changed event, a removed one (a gap in positions) or a re-hashed forgery.
 */
export function verifyChain(events: StoredChainEvent[], start: { hash: string; chainSeq: bigint } = { hash: GENESIS_HASH, chainSeq: 0n }): ChainVerification {
  let prev = start.hash;
  let expected = start.chainSeq + 1n;
  let checked = 0;
  for (const event of events) {
    const { prevHash, hash, ...content } = event;
    if (BigInt(event.chainSeq) !== expected || prevHash !== prev || chainHash(prev, content) !== hash) {
      return { valid: false, checked, brokenAt: { chain: event.chain, chainSeq: event.chainSeq } };
    }
    prev = hash;
    expected++;
    checked++;
  }
  return { valid: true, checked, brokenAt: null };
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
