import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DecryptionError, FieldCipher, keyedHash } from './field-cipher.js';

describe('FieldCipher (AES-256-GCM)', () => {
  const cipher = new FieldCipher(randomBytes(32));

  it('round-trips text, including Cyrillic', () => {
    const stored = cipher.encrypt('Айгерим Қасымова', 'beneficiary:1');
    expect(stored).not.toContain('Айгерим');
    expect(cipher.decrypt(stored, 'beneficiary:1')).toBe('Айгерим Қасымова');
  });

  it('uses a fresh IV each time, so equal values do not look equal at rest', () => {
    expect(cipher.encrypt('same', 'a')).not.toBe(cipher.encrypt('same', 'a'));
  });

  it('detects a tampered ciphertext', () => {
    const parts = cipher.encrypt('Nodira Karimova', 'beneficiary:1').split('.');
    const body = Buffer.from(parts[4], 'base64url');
    body[0] ^= 0x01;
    parts[4] = body.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'beneficiary:1')).toThrow(DecryptionError);
  });

  it('detects a tampered authentication tag', () => {
    const parts = cipher.encrypt('Nodira Karimova', 'beneficiary:1').split('.');
    const tag = Buffer.from(parts[3], 'base64url');
    tag[5] ^= 0x80;
    parts[3] = tag.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'), 'beneficiary:1')).toThrow(DecryptionError);
  });

  it('refuses a ciphertext moved to another row (associated data)', () => {
    const stored = cipher.encrypt('Nodira Karimova', 'beneficiary:1');
    expect(() => cipher.decrypt(stored, 'beneficiary:2')).toThrow(DecryptionError);
  });

  it('refuses a ciphertext written with another key', () => {
    const other = new FieldCipher(randomBytes(32));
    expect(() => other.decrypt(cipher.encrypt('x', 'a'), 'a')).toThrow(/not configured/);
  });

  it('reads values of a previous key during a rotation, and writes with the current one only', () => {
    const oldKey = randomBytes(32);
    const old = new FieldCipher(oldKey);
    const stored = old.encrypt('Nodira Karimova', 'beneficiary:1');
    const rotating = new FieldCipher(randomBytes(32), [oldKey]);
    expect(rotating.decrypt(stored, 'beneficiary:1')).toBe('Nodira Karimova');
    const rewritten = rotating.encrypt('Nodira Karimova', 'beneficiary:1');
    expect(FieldCipher.keyIdOf(stored)).toBe(old.keyId);
    expect(FieldCipher.keyIdOf(rewritten)).toBe(rotating.keyId);
    expect(rotating.keyId).not.toBe(old.keyId);
    expect(() => old.decrypt(rewritten, 'beneficiary:1')).toThrow(DecryptionError);
  });

  it('refuses garbage', () => {
    expect(() => cipher.decrypt('plain text', 'a')).toThrow(DecryptionError);
  });

  it('round-trips JSON', () => {
    const value = { fullName: 'A', dateOfBirth: '1991-04-02' };
    expect(cipher.decryptJson(cipher.encryptJson(value, 'x'), 'x')).toEqual(value);
  });

  it('keyed hash depends on the key', () => {
    const k1 = randomBytes(32);
    expect(keyedHash(k1, 'v')).toBe(keyedHash(k1, 'v'));
    expect(keyedHash(k1, 'v')).not.toBe(keyedHash(randomBytes(32), 'v'));
    expect(keyedHash(k1, 'v')).toMatch(/^[0-9a-f]{64}$/);
  });
});
