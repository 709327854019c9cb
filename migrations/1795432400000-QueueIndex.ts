import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review queue reads `submitted` applications of one country, urgent first, then oldest
 * (ReviewsRepository.queuePage): an index in exactly that order makes any page a short index scan,
 * however long the queue or deep the page.
 */
export class QueueIndex1795432400000 implements MigrationInterface {
  name = 'QueueIndex1795432400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_application_queue" ON "application" (country, (CASE WHEN urgency = 'urgent' THEN 0 ELSE 1 END), last_submitted_at, id) WHERE status = 'submitted'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_application_queue"`);
  }
}
