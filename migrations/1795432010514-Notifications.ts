import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795432010514 implements MigrationInterface {
  name = 'Notifications1795432010514';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "notification" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" character varying(30) NOT NULL, "application_id" uuid, "text" character varying(300) NOT NULL, "dedupe_key" character varying(120), "read_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_notification_dedupe" ON "notification"  ("user_id", "dedupe_key") `);
    await queryRunner.query(`CREATE INDEX "ix_notification_user" ON "notification"  ("user_id", "created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_notification_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notification_dedupe"`);
    await queryRunner.query(`DROP TABLE "notification"`);
  }
}
