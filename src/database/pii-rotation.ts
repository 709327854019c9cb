import type { DataSource } from 'typeorm';
import { FieldCipher } from '../common/crypto/field-cipher.js';
import type { AuditService } from '../modules/audit/audit.service.js';
import { beneficiaryAad } from '../modules/beneficiaries/beneficiaries.service.js';
import { messageAad } from '../modules/applications/domain/message-body.js';
import { disbursementAad } from '../modules/disbursements/vendor-iban.js';
import { organisationAad } from '../modules/organisations/organisations.service.js';

/** Every encrypted column, with what binds its values to their rows. */
const ENCRYPTED = [
  { table: 'beneficiary', column: 'pii_enc', aad: beneficiaryAad },
  { table: 'organisation', column: 'bank_account_enc', aad: organisationAad },
  { table: 'disbursement', column: 'payee_iban_enc', aad: disbursementAad },
  { table: 'application_message', column: 'body_enc', aad: messageAad },
] as const;

/**
 * Re-encrypts with the current PII key every value written with another (a previous key must be
 * configured to read it), in batches of `batchSize` rows, each batch one transaction with its audit
 * event. Values already on the current key are left alone, so a run that stops half-way is simply
 * run again. Returns how many values of each table were re-encrypted.
 */
export async function rotatePii(
  dataSource: DataSource,
  cipher: FieldCipher,
  audit: AuditService,
  batchSize = 500,
): Promise<Record<string, number>> {
  const done: Record<string, number> = {};
  for (const { table, column, aad } of ENCRYPTED) {
    done[table] = 0;
    for (;;) {
      const n = await dataSource.transaction(async (m) => {
        const rows: { id: string; value: string }[] = await m.query(
          `SELECT id, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL AND split_part(${column}, '.', 2) <> $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
          [cipher.keyId, batchSize],
        );
        if (!rows.length) return 0;
        const values = rows.map((r) => {
          try {
            return cipher.encrypt(cipher.decrypt(r.value, aad(r.id)), aad(r.id));
          } catch (error) {
            throw new Error(
              `${table} ${r.id} (key ${FieldCipher.keyIdOf(r.value)}): ${(error as Error).message}; is its key in PII_PREVIOUS_KEYS?`,
              { cause: error },
            );
          }
        });
        await m.query(`UPDATE ${table} t SET ${column} = v.value FROM unnest($1::uuid[], $2::text[]) AS v(id, value) WHERE t.id = v.id`, [
          rows.map((r) => r.id),
          values,
        ]);
        await audit.record(m, { action: 'pii.rotate', entityType: table, after: { reencrypted: rows.length, keyId: cipher.keyId } });
        return rows.length;
      });
      if (!n) break;
      done[table] += n;
    }
  }
  return done;
}
