import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A message between the NGO and the officers may name the person (that is often its point), so its
 * body is kept like other PII: `body_enc`, encrypted with PII_KEY (the FieldCipher format, associated
 * data `application_message:<id>`), and the plaintext column goes. Messages already stored are
 * encrypted here, which needs PII_KEY (the server passes the one of DATA_DIR/secrets.json outside
 * production). The table stays append-only, except that `npm run pii:rotate` may re-encrypt a body.
 */
export class MessageBodiesEncrypted1796500000002 implements MigrationInterface {
  name = 'MessageBodiesEncrypted1796500000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application_message" ADD "body_enc" text`);
    const rows: { id: string; body: string }[] = await queryRunner.query(`SELECT id, body FROM application_message`);
    if (rows.length) {
      const b64 = process.env.PII_KEY;
      if (!b64) throw new Error('MessageBodiesEncrypted: PII_KEY must be set to encrypt the messages already stored');
      const key = Buffer.from(b64, 'base64');
      const keyId = createHmac('sha256', key).update('ef-key-id').digest('base64url').slice(0, 8);
      await queryRunner.query(`ALTER TABLE "application_message" DISABLE TRIGGER application_message_append_only`);
      for (const r of rows) {
        const iv = randomBytes(12);
        const c = createCipheriv('aes-256-gcm', key, iv);
        c.setAAD(Buffer.from(`application_message:${r.id}`, 'utf8'));
        const ct = Buffer.concat([c.update(r.body, 'utf8'), c.final()]);
        const value = ['v1', keyId, iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
        await queryRunner.query(`UPDATE application_message SET body_enc = $2 WHERE id = $1`, [r.id, value]);
      }
      await queryRunner.query(`ALTER TABLE "application_message" ENABLE TRIGGER application_message_append_only`);
    }
    await queryRunner.query(`ALTER TABLE "application_message" ALTER COLUMN "body_enc" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "application_message" DROP COLUMN "body"`);
    await queryRunner.query(`DROP TRIGGER application_message_append_only ON "application_message"`);
    await queryRunner.query(`
      CREATE FUNCTION refuse_message_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- the key rotation re-encrypts a body; nothing else of a message ever changes
        IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'body_enc') = (to_jsonb(OLD) - 'body_enc') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER application_message_append_only BEFORE UPDATE OR DELETE ON "application_message" FOR EACH ROW EXECUTE FUNCTION refuse_message_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // the bodies cannot be decrypted here: going back keeps the thread's shape, not its text
    await queryRunner.query(`DROP TRIGGER application_message_append_only ON "application_message"`);
    await queryRunner.query(`DROP FUNCTION refuse_message_change()`);
    await queryRunner.query(`ALTER TABLE "application_message" ADD "body" text NOT NULL DEFAULT ''`);
    await queryRunner.query(`ALTER TABLE "application_message" ALTER COLUMN "body" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "application_message" DROP COLUMN "body_enc"`);
    await queryRunner.query(
      `CREATE TRIGGER application_message_append_only BEFORE UPDATE OR DELETE ON "application_message" FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`,
    );
  }
}
