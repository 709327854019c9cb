import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Messages1795431860443 implements MigrationInterface {
  name = 'Messages1795431860443';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "application_message" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "author_id" uuid NOT NULL, "author_role" character varying(20) NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2ed12f22f2cecd8f35ee4e8ede7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_application_message_application" ON "application_message"  ("application_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "application_message" ADD CONSTRAINT "FK_e5e64d02ba96cec05a66a6eb570" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // hand-written: messages are never edited or removed
    await queryRunner.query(
      `CREATE TRIGGER application_message_append_only BEFORE UPDATE OR DELETE ON "application_message" FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER application_message_append_only ON "application_message"`);
    await queryRunner.query(`ALTER TABLE "application_message" DROP CONSTRAINT "FK_e5e64d02ba96cec05a66a6eb570"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_message_application"`);
    await queryRunner.query(`DROP TABLE "application_message"`);
  }
}
