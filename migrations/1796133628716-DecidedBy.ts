import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The officer of an application's final decision, kept on the application so the turnaround report
 * groups by a column instead of looking up each application's last event; filled in for decisions
 * made before from the events.
 */
export class DecidedBy1796133628716 implements MigrationInterface {
  name = 'DecidedBy1796133628716';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application" ADD "decided_by" uuid`);
    await queryRunner.query(`
      UPDATE application a SET decided_by = (
        SELECT e.actor_id FROM application_event e WHERE e.application_id = a.id AND e.to_status IN ('approved', 'rejected') ORDER BY e.created_at DESC LIMIT 1)
       WHERE a.status IN ('approved', 'rejected')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "application" DROP COLUMN "decided_by"`);
  }
}
