import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Suppliers' IBANs leave the plaintext `payee` JSON for `payee_iban_enc`, encrypted with PII_KEY
 * (the FieldCipher format, associated data `disbursement:<id>`). Existing rows need PII_KEY in the
 * environment; without it the migration refuses when there is a supplier IBAN to move.
 */
export class VendorIbanEncrypted1796500000001 implements MigrationInterface {
  name = 'VendorIbanEncrypted1796500000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "disbursement" ADD "payee_iban_enc" text`);
    const rows: { id: string; iban: string }[] = await queryRunner.query(
      `SELECT id, payee->>'iban' AS iban FROM disbursement WHERE payee->>'iban' IS NOT NULL`,
    );
    if (rows.length) {
      const b64 = process.env.PII_KEY;
      if (!b64) throw new Error('VendorIbanEncrypted: PII_KEY must be set to encrypt the suppliers’ IBANs already stored');
      const key = Buffer.from(b64, 'base64');
      const keyId = createHmac('sha256', key).update('ef-key-id').digest('base64url').slice(0, 8);
      for (const r of rows) {
        const iv = randomBytes(12);
        const c = createCipheriv('aes-256-gcm', key, iv);
        c.setAAD(Buffer.from(`disbursement:${r.id}`, 'utf8'));
        const ct = Buffer.concat([c.update(r.iban, 'utf8'), c.final()]);
        const value = ['v1', keyId, iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
        await queryRunner.query(`UPDATE disbursement SET payee_iban_enc = $2 WHERE id = $1`, [r.id, value]);
      }
    }
    await queryRunner.query(`UPDATE disbursement SET payee = payee - 'iban' WHERE payee ? 'iban'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "disbursement" DROP COLUMN "payee_iban_enc"`);
  }
}
