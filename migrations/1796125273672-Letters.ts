import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Award letters. Hand-written after the generated part: an issued letter can never change and no
 * letter is ever deleted (the database refuses, whoever connects); stored files are write-once.
 */
export class Letters1796125273672 implements MigrationInterface {
  name = 'Letters1796125273672';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "award_letter" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "award_id" uuid NOT NULL, "version" integer NOT NULL, "language" character varying(5) NOT NULL, "verification_code" character(32) NOT NULL, "verification_code_hash" character(64) NOT NULL, "content" jsonb NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'pending', "file_key" uuid, "sha256" character(64), "size_bytes" integer, "issued_at" TIMESTAMP(3) WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" character varying(500), "next_attempt_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a26272b570ff087b0010716eb68" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_award_letter_pending" ON "award_letter"  ("next_attempt_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_award_letter_code_hash" ON "award_letter"  ("verification_code_hash") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_award_letter_version_language" ON "award_letter"  ("award_id", "version", "language") `,
    );
    await queryRunner.query(`ALTER TABLE "award" ADD "language" character varying(5) NOT NULL DEFAULT 'en'`);
    await queryRunner.query(`ALTER TABLE "award" ADD "letter_version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(
      `ALTER TABLE "award_letter" ADD CONSTRAINT "FK_d3d38b5d8caa260fda8a54bc4f5" FOREIGN KEY ("award_id") REFERENCES "award"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "award_letter" ADD CONSTRAINT "FK_424be4677bba0b64374f2a0659c" FOREIGN KEY ("file_key") REFERENCES "stored_file"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`
      CREATE FUNCTION award_letter_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'award letters are never deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF OLD.status = 'issued' THEN
          RAISE EXCEPTION 'an issued award letter cannot change' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF (NEW.award_id, NEW.version, NEW.language, NEW.verification_code, NEW.verification_code_hash, NEW.content)
           IS DISTINCT FROM (OLD.award_id, OLD.version, OLD.language, OLD.verification_code, OLD.verification_code_hash, OLD.content) THEN
          RAISE EXCEPTION 'the content and code of an award letter are fixed when it is created' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER award_letter_guard BEFORE UPDATE OR DELETE ON "award_letter" FOR EACH ROW EXECUTE FUNCTION award_letter_guard()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER award_letter_no_truncate BEFORE TRUNCATE ON "award_letter" FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER stored_file_write_once BEFORE UPDATE ON "stored_file" FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER stored_file_write_once ON "stored_file"`);
    await queryRunner.query(`DROP TRIGGER award_letter_no_truncate ON "award_letter"`);
    await queryRunner.query(`DROP TRIGGER award_letter_guard ON "award_letter"`);
    await queryRunner.query(`DROP FUNCTION award_letter_guard()`);
    await queryRunner.query(`ALTER TABLE "award_letter" DROP CONSTRAINT "FK_424be4677bba0b64374f2a0659c"`);
    await queryRunner.query(`ALTER TABLE "award_letter" DROP CONSTRAINT "FK_d3d38b5d8caa260fda8a54bc4f5"`);
    await queryRunner.query(`ALTER TABLE "award" DROP COLUMN "letter_version"`);
    await queryRunner.query(`ALTER TABLE "award" DROP COLUMN "language"`);
    await queryRunner.query(`DROP INDEX "public"."uq_award_letter_version_language"`);
    await queryRunner.query(`DROP INDEX "public"."uq_award_letter_code_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_award_letter_pending"`);
    await queryRunner.query(`DROP TABLE "award_letter"`);
  }
}
