import type { FieldCipher } from '../../../common/crypto/field-cipher.js';

/**
 * A message between the NGO and the officers is kept encrypted with the PII key, since its purpose
 * often makes naming the person unavoidable; the associated data binds it to its row, so a value
 * copied onto another message does not decrypt.
 */
export const messageAad = (id: string) => `application_message:${id}`;

export const encryptMessageBody = (cipher: FieldCipher, messageId: string, body: string): string =>
  cipher.encrypt(body, messageAad(messageId));

export const messageBody = (cipher: FieldCipher, messageId: string, stored: string): string =>
  cipher.decrypt(stored, messageAad(messageId));
