import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first download of a batch's bank file: from then on its tranches are not cancelled out of it. */
export class BatchExportedAt1796150500000 implements MigrationInterface {
  name = 'BatchExportedAt1796150500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payment_batch" ADD "exported_at" TIMESTAMP(3) WITH TIME ZONE`);
    // hand-written: batches whose file was downloaded before, as their audit events show
    await queryRunner.query(`
      UPDATE payment_batch b SET exported_at = e.first
        FROM (SELECT entity_id, min(occurred_at) AS first FROM audit_event WHERE action = 'payment_batch.export' GROUP BY entity_id) e
       WHERE e.entity_id = b.id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payment_batch" DROP COLUMN "exported_at"`);
  }
}
