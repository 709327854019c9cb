import { describe, expect, it } from '@jest/globals';
import {
  contentHash,
  type EventContent,
  GENESIS_HASH,
  jsonbText,
  linkHash,
  redact,
  sha256Hex,
  type StoredChainEvent,
  verifyChain,
} from './audit-chain.js';

/** Links events the way the database trigger does. */
function buildChain(n: number, chain = 3): StoredChainEvent[] {
  const events: StoredChainEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const content: EventContent = {
      occurredAt: new Date(Date.UTC(2026, 10, 23, 9, 0, i)).toISOString(),
      actorId: null,
      actorRole: 'admin',
      action: 'fund.create',
      entityType: 'fund',
      entityId: `00000000-0000-4000-8000-00000000000${i % 10}`,
      before: null,
      after: { budget: `${i}000.00`, nested: { b: 1, a: [1, 2] } },
      requestId: `req-${i}`,
    };
    const c = contentHash(content);
    const hash = linkHash(prev, chain, String(i), c);
    events.push({ ...content, chain, chainSeq: String(i), contentHash: c, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

describe('audit hash chain', () => {
  it('verifies an intact chain', () => {
    expect(verifyChain(buildChain(5))).toEqual({ valid: true, checked: 5, brokenAt: null });
  });

  it('finds a changed event, even with its stored content hash left alone', () => {
    const chain = buildChain(5);
    chain[2] = { ...chain[2], after: { budget: '999999.00', nested: { b: 1, a: [1, 2] } } };
    expect(verifyChain(chain)).toEqual({ valid: false, checked: 2, brokenAt: { chain: 3, chainSeq: '3' } });
  });

  it('finds a removed event (a gap in positions)', () => {
    const chain = buildChain(5);
    chain.splice(1, 1);
    expect(verifyChain(chain)).toMatchObject({ valid: false, brokenAt: { chainSeq: '3' } });
  });

  it('finds a forged event whose hashes were recomputed, because the next link breaks', () => {
    const chain = buildChain(4);
    const forged = { ...chain[1], action: 'fund.delete' };
    const { chain: c, chainSeq, contentHash: _c, prevHash, hash: _h, ...content } = forged;
    const newContentHash = contentHash(content);
    chain[1] = { ...forged, contentHash: newContentHash, hash: linkHash(prevHash, c, chainSeq, newContentHash) };
    expect(verifyChain(chain)).toMatchObject({ valid: false, brokenAt: { chainSeq: '3' } });
  });

  it('finds an event moved to another position or chain', () => {
    const chain = buildChain(3);
    expect(verifyChain([chain[0], { ...chain[1], chain: 4 }, chain[2]])).toMatchObject({ valid: false, brokenAt: { chainSeq: '2' } });
  });

  it('continues from a verified point, and a cut-off start shows', () => {
    const chain = buildChain(4);
    expect(verifyChain(chain.slice(1))).toMatchObject({ valid: false, brokenAt: { chainSeq: '2' } });
    expect(verifyChain(chain.slice(2), { hash: chain[1].hash, chainSeq: 2n })).toEqual({ valid: true, checked: 2, brokenAt: null });
  });

  it('links with the formula the database trigger uses', () => {
    expect(linkHash(GENESIS_HASH, 7, '12', 'ab')).toBe(sha256Hex(`${GENESIS_HASH}\n7\n12\nab`));
  });

  it("writes content in PostgreSQL's jsonb text form, whatever the key order", () => {
    expect(jsonbText({ bb: 1, a: { d: 2, c: [1, 'x', null, true] } })).toBe('{"a": {"c": [1, "x", null, true], "d": 2}, "bb": 1}');
    expect(jsonbText({ b: 1, a: 2 })).toBe(jsonbText({ a: 2, b: 1 }));
    // keys by length first, then byte-wise (so "é", two bytes, comes after "z")
    expect(jsonbText({ é: 1, z: 2, aa: 3 })).toBe('{"z": 2, "aa": 3, "é": 1}');
    expect(jsonbText('q"uo\\te\n\t\u0001 Қ')).toBe('"q\\"uo\\\\te\\n\\t\\u0001 Қ"');
    expect(() => jsonbText(1e21)).toThrow(/plain decimal/);
  });

  it('redacts PII and secrets at any depth and keeps the rest', () => {
    expect(
      redact({ code: 'BEN-KZ-7K3QF', fullName: 'Aigerim', pii: { documentNumber: 'N123', phone: null }, items: [{ password: 'x', a: 1 }] }),
    ).toEqual({
      code: 'BEN-KZ-7K3QF',
      fullName: '[redacted]',
      pii: { documentNumber: '[redacted]', phone: null },
      items: [{ password: '[redacted]', a: 1 }],
    });
  });
});
