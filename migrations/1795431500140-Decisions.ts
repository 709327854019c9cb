import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Decisions1795431500140 implements MigrationInterface {
  name = 'Decisions1795431500140';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application" ADD "info_requested_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "application" ADD "paused_seconds" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "application" ADD "first_approved_by" uuid`);
    await queryRunner.query(`ALTER TABLE "application" ADD "first_approved_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "application" ADD "conditions" text`);
    await queryRunner.query(`ALTER TABLE "application" ADD "decision_reason_code" character varying(60)`);
    await queryRunner.query(`ALTER TABLE "application" ADD "decision_comment" text`);
    await queryRunner.query(`ALTER TABLE "application" ADD "gross_turnaround_seconds" integer`);
    await queryRunner.query(`ALTER TABLE "application" ADD "net_turnaround_seconds" integer`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "net_turnaround_seconds"`);
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "gross_turnaround_seconds"`);
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "decision_comment"`);
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "decision_reason_code"`);
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "conditions"`);
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "first_approved_at"`);
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "first_approved_by"`);
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "paused_seconds"`);
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "info_requested_at"`);
  }
}
