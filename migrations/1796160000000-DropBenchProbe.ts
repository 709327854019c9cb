import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The benchmark's baseline table leaves every database: the harness makes its own (bench/server.js). */
export class DropBenchProbe1796160000000 implements MigrationInterface {
  name = 'DropBenchProbe1796160000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS "bench_probe"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "bench_probe" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_afb644099e2bf5e5fc1f93bf0a4" PRIMARY KEY ("id"))`,
    );
  }
}
