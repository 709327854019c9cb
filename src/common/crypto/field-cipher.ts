import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** A key's public name: 8 characters of a keyed hash, written into each value it encrypts. */
const keyIdOf = (key: Buffer) => createHmac('sha256', key).update('ef-key-id').digest('base64url').slice(0, 8);

/**
 * AES-256-GCM for PII at rest. The stored form is `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url
 * parts), so a key rotation can tell which key wrote a value. The associated data binds a
 * ciphertext to its row (e.g. `beneficiary:<id>`): a value copied onto another row fails to decrypt.
 * Values are always written with the current key; previous keys (during a rotation) only read.
 */
export class FieldCipher {
  readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(
    private readonly key: Buffer,
    previous: Buffer[] = [],
  ) {
    for (const k of [key, ...previous]) {
      if (k.length !== 32) throw new Error('PII key must be 32 bytes');
      if (!this.keys.has(keyIdOf(k))) this.keys.set(keyIdOf(k), k);
    }
    this.keyId = keyIdOf(key);
  }

  /** The id of the key a stored value was written with. */
  static keyIdOf(stored: string): string {
    return stored.split('.')[1] ?? '';
  }

  encrypt(plaintext: string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', this.keyId, iv.toString('base64url'), tag.toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  decrypt(stored: string, associatedData: string): string {
    const parts = stored.split('.');
    if (parts.length !== 5 || parts[0] !== 'v1') throw new DecryptionError('unknown ciphertext format');
    const [, keyId, iv, tag, ciphertext] = parts;
    const key = this.keys.get(keyId);
    if (!key) throw new DecryptionError('ciphertext was written with a key that is not configured');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new DecryptionError('ciphertext failed authentication');
    }
  }

  encryptJson(value: unknown, associatedData: string): string {
    return this.encrypt(JSON.stringify(value), associatedData);
  }

  decryptJson<T>(stored: string, associatedData: string): T {
    return JSON.parse(this.decrypt(stored, associatedData)) as T;
  }
}

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`Cannot decrypt: ${reason}`);
    this.name = 'DecryptionError';
  }
}

/** HMAC-SHA256, hex: a keyed hash that finds equal values without storing them. */
export function keyedHash(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}
