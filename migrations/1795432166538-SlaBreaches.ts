import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SlaBreaches1795432166538 implements MigrationInterface {
  name = 'SlaBreaches1795432166538';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application" ADD "sla_breached_at" TIMESTAMP(3) WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "sla_breached_at"`);
  }
}
