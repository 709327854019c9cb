import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Follow-ups of awards, one per award and milestone. */
export class FollowUps1796131676539 implements MigrationInterface {
  name = 'FollowUps1796131676539';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "follow_up" ("created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "award_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "country" character(2) NOT NULL, "milestone" character varying(2) NOT NULL, "due_on" date NOT NULL, "notified" boolean NOT NULL DEFAULT false, "completed_at" TIMESTAMP(3) WITH TIME ZONE, "completed_by" uuid, "contact_made" boolean, "livelihood_operating" boolean, "income_change" character varying(10), "living_standard" character varying(10), "intends_to_migrate" boolean, "referred_others" integer, "note" text, CONSTRAINT "PK_5c0a5f5b32937e47e0ab09d596c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_follow_up_organisation_due" ON "follow_up"  ("organisation_id", "due_on") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_follow_up_award_milestone" ON "follow_up"  ("award_id", "milestone") `);
    await queryRunner.query(
      `ALTER TABLE "follow_up" ADD CONSTRAINT "FK_ad58a714b4d466ed5a724d1afdf" FOREIGN KEY ("award_id") REFERENCES "award"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "follow_up" DROP CONSTRAINT "FK_ad58a714b4d466ed5a724d1afdf"`);
    await queryRunner.query(`DROP INDEX "public"."uq_follow_up_award_milestone"`);
    await queryRunner.query(`DROP INDEX "public"."ix_follow_up_organisation_due"`);
    await queryRunner.query(`DROP TABLE "follow_up"`);
  }
}
