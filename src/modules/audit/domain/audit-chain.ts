import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** Number of parallel chains; each event records its own, so changing this keeps old events verifiable. */
export const AUDIT_CHAINS = 64;

/** What an event says: hashed by the application into `contentHash`. */
export interface EventContent {
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

/**
 * PostgreSQL's text form of a jsonb value (`value::jsonb::text`): object keys ordered by length, then
 * byte-wise; ", " and ": " between items; strings escaped as PostgreSQL does. The database hashes an
 * event's content in this form when the event is inserted; this function lets anyone check it.
 * Numbers must be plain decimals (no exponent), as audit snapshots are.
 */
export function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  if (value instanceof Date) return quote(value.toISOString());
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      if (!Number.isFinite(value) || /e/i.test(String(value))) throw new Error(`jsonbText: number ${value} has no plain decimal form`);
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => {
          const ba = Buffer.from(a, 'utf8');
          const bb = Buffer.from(b, 'utf8');
          return ba.length - bb.length || Buffer.compare(ba, bb);
        });
      return `{${entries.map(([k, v]) => `${quote(k)}: ${jsonbText(v)}`).join(', ')}}`;
    }
    default:
      throw new Error(`jsonbText: cannot represent a ${typeof value}`);
  }
}

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function quote(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what PostgreSQL escapes
  return `"${s.replace(/["\\\u0000-\u001f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 of the content in jsonb text form: what the `audit_event_link` trigger computes on insert. */
export function contentHash(content: EventContent): string {
  return sha256Hex(jsonbText(content));
}

/**
 * The link: SHA-256 over the previous event's hash, the chain, the position and the content hash.
 * The database computes the same in the `audit_event_link` trigger when the event is inserted, so
 * the application cannot write a wrong link; this function lets anyone check it.
 */
export function linkHash(prevHash: string, chain: number, chainSeq: string, contentHashHex: string): string {
  return sha256Hex(`${prevHash}\n${chain}\n${chainSeq}\n${contentHashHex}`);
}

export interface StoredChainEvent extends EventContent {
  chain: number;
  chainSeq: string;
  contentHash: string;
  prevHash: string;
  hash: string;
}

export interface ChainVerification {
  valid: boolean;
  checked: number;
  /** The first event (chain and position) whose content, link or position does not match. */
  brokenAt: { chain: number; chainSeq: string } | null;
}

/**
 * Walks one chain's events in order, starting after position `start.chainSeq` with `start.hash`, and
 * reports the first broken link: a changed event (its content no longer hashes to `contentHash`), a
 * removed one (a gap in positions) or a re-hashed forgery (the next link breaks).
 */
export function verifyChain(
  events: StoredChainEvent[],
  start: { hash: string; chainSeq: bigint } = { hash: GENESIS_HASH, chainSeq: 0n },
): ChainVerification {
  let prev = start.hash;
  let expected = start.chainSeq + 1n;
  let checked = 0;
  for (const event of events) {
    const { chain, chainSeq, contentHash: stored, prevHash, hash, ...content } = event;
    const intact =
      BigInt(chainSeq) === expected &&
      prevHash === prev &&
      contentHash(content) === stored &&
      linkHash(prev, chain, chainSeq, stored) === hash;
    if (!intact) return { valid: false, checked, brokenAt: { chain, chainSeq } };
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

/** Fields that hold what people typed, and so may name a beneficiary. */
const FREE_TEXT_FIELDS = new Set([
  'description',
  'justification',
  'conditions',
  'comment',
  'decisionComment',
  'reason',
  'note',
  'body',
  'message',
  'text',
]);

/** Applies `redactText` to every string (or list of strings) under a free-text field, at any depth. */
export function redactFreeText(value: unknown, redactText: ((text: string) => string) | undefined, freeText = false): unknown {
  if (!redactText) return value;
  if (typeof value === 'string') return freeText ? redactText(value) : value;
  if (Array.isArray(value)) return value.map((v) => redactFreeText(v, redactText, freeText));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = redactFreeText(v, redactText, FREE_TEXT_FIELDS.has(k));
    return out;
  }
  return value;
}
