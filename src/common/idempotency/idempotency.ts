import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Statement } from '../database/transaction.js';
import { COMMON_ERRORS } from '../errors/common.errors.js';
import { conflict, invalid } from '../errors/domain-error.js';
import { IdempotencyKey } from './idempotency-key.entity.js';

/** Printable ASCII without spaces, 1–200 characters (a UUID is the usual choice). */
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** The header's value, or a 400 naming it. */
export function idempotencyKey(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value === '')
    throw invalid([
      { field: 'Idempotency-Key', message: 'the Idempotency-Key header is required (a UUID per payment you mean to create)' },
    ]);
  if (!KEY_PATTERN.test(value))
    throw invalid([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 printable characters without spaces' }]);
  return value;
}

/** JSON with keys in a fixed order, so the same body always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export type Claim = { replay: { status: number; body: unknown } } | { replay: null };

/** Who asked, for what, under which key. */
export interface ClaimInput {
  userId: string;
  scope: string;
  key: string;
  body: unknown;
}

/**
 * SQL that stores a use case's answer under its key in the statement that makes the change (a
 * data-modifying CTE), once per row of `from`; every argument is SQL (`body` a jsonb expression).
 */
export function idempotencyCompletion(sql: {
  from: string;
  userId: string;
  scope: string;
  key: string;
  status: string;
  body: string;
}): string {
  return `UPDATE idempotency_key SET response_status = ${sql.status}, response_body = ${sql.body}
            FROM ${sql.from}
           WHERE user_id = ${sql.userId} AND scope = ${sql.scope} AND key = ${sql.key}`;
}

@Injectable()
export class Idempotency {
  /**
   * The statement that takes the key, first in the request's transaction (it may go with the BEGIN,
   * `Transactions.runCommittingWith`); `claimed` reads its rows. A concurrent request with the same
   * key waits on the insert until the first one commits (then it replays its response) or rolls
   * back (then it goes ahead itself), so twenty simultaneous retries make one payment.
   */
  claimStatement(input: ClaimInput): Statement {
    return {
      text: 'INSERT INTO idempotency_key (user_id, scope, key, request_hash) VALUES ($1::uuid, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key',
      values: [input.userId, input.scope, input.key, requestHash(input.body)],
    };
  }

  /** The key taken (no replay), or who took it: the answer to replay, or 409 for a different request under the same key. */
  async claimed(manager: EntityManager, rows: unknown[], input: ClaimInput): Promise<Claim> {
    if (rows.length) return { replay: null };
    const existing = await manager
      .getRepository(IdempotencyKey)
      .findOneByOrFail({ userId: input.userId, scope: input.scope, key: input.key });
    if (existing.requestHash !== requestHash(input.body)) {
      throw conflict(
        COMMON_ERRORS.IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was already used for a different request; use a new key for a new payment',
      );
    }
    return { replay: { status: existing.responseStatus ?? 200, body: existing.responseBody } };
  }
}

function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}
