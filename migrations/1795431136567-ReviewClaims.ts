import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewClaims1795431136567 implements MigrationInterface {
  name = 'ReviewClaims1795431136567';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application" ADD "sla_due_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "application" ADD "claimed_by" uuid`);
    await queryRunner.query(`ALTER TABLE "application" ADD "claimed_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "ix_application_claimed_by" ON "application"  ("claimed_by") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_application_claimed_by"`);
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "claimed_at"`);
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "claimed_by"`);
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "sla_due_at"`);
  }
}
