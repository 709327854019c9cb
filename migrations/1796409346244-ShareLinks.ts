import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Share links of award letters: only the SHA-256 of each token is stored; opens are counted on the
 * row. Links are withdrawn, never deleted (the award they belong to cannot be deleted either).
 */
export class ShareLinks1796409346244 implements MigrationInterface {
  name = 'ShareLinks1796409346244';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "award_share_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "award_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "language" character varying(5) NOT NULL, "letter_version" integer NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "created_by" uuid NOT NULL, "revoked_by" uuid, "open_count" integer NOT NULL DEFAULT '0', "last_opened_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_award_share_link_opens" CHECK (open_count >= 0), CONSTRAINT "PK_cd6324e54c44f6bf8c4d40c7069" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_award_share_link_award" ON "award_share_link"  ("award_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_award_share_link_token_hash" ON "award_share_link"  ("token_hash") `);
    await queryRunner.query(
      `ALTER TABLE "award_share_link" ADD CONSTRAINT "FK_0e74d603ed16a248c89dbd1a281" FOREIGN KEY ("award_id") REFERENCES "award"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "award_share_link" DROP CONSTRAINT "FK_0e74d603ed16a248c89dbd1a281"`);
    await queryRunner.query(`DROP INDEX "public"."uq_award_share_link_token_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_award_share_link_award"`);
    await queryRunner.query(`DROP TABLE "award_share_link"`);
  }
}
