import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BenchProbe1795426406678 implements MigrationInterface {
  name = 'BenchProbe1795426406678';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "bench_probe" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_afb644099e2bf5e5fc1f93bf0a4" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "bench_probe"`);
  }
}
