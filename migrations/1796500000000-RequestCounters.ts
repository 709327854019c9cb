import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit and failed-login counters shared by every app instance: one row per key (a client
 * address, a user, an account and address) with its current window. Rows whose window ended are
 * deleted as the app goes (`RequestCounters`); they are never read again.
 */
export class RequestCounters1796500000000 implements MigrationInterface {
  name = 'RequestCounters1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "request_counter" ("key" character varying(300) NOT NULL, "window_start" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "count" integer NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_request_counter" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_request_counter_expires" ON "request_counter" ("expires_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "request_counter"`);
  }
}
