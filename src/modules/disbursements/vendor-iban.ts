import type { FieldCipher } from '../../common/crypto/field-cipher.js';

/**
 * A supplier's IBAN is kept encrypted with the PII key, like an organisation's bank account; the
 * associated data binds it to its tranche, so a value copied onto another row does not decrypt.
 * Payment batches read it through `vendorIban` (for the bank file), nothing else decrypts it.
 */
export const disbursementAad = (id: string) => `disbursement:${id}`;

export const encryptVendorIban = (cipher: FieldCipher, disbursementId: string, iban: string): string =>
  cipher.encrypt(iban, disbursementAad(disbursementId));

export const vendorIban = (cipher: FieldCipher, disbursementId: string, stored: string | null): string | null =>
  stored ? cipher.decrypt(stored, disbursementAad(disbursementId)) : null;
