import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the reports read at a million awards: the person's category and sex copied onto each award
 * (filled in for existing awards), so the EF results table is read from one covering index of
 * `award`, and two partial covering indexes of the decided applications, per country and per
 * officer, for the turnaround report.
 */
export class ReportColumns1796136219696 implements MigrationInterface {
  name = 'ReportColumns1796136219696';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "award" ADD "beneficiary_category" character varying(10)`);
    await queryRunner.query(`ALTER TABLE "award" ADD "beneficiary_sex" character varying(20)`);
    await queryRunner.query(
      `UPDATE award a SET beneficiary_category = b.category, beneficiary_sex = b.sex FROM beneficiary b WHERE b.id = a.beneficiary_id`,
    );
    await queryRunner.query(`ALTER TABLE "award" ALTER COLUMN "beneficiary_category" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "award" ALTER COLUMN "beneficiary_sex" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "ix_award_report" ON "award" ("country", "beneficiary_category", "beneficiary_sex", "beneficiary_id") INCLUDE ("created_at")`,
    );
    const decided = `INCLUDE ("net_turnaround_seconds", "decided_at", "sla_due_at") WHERE status::text = ANY (ARRAY['approved'::text, 'rejected'::text]) AND decided_at IS NOT NULL`;
    await queryRunner.query(
      `CREATE INDEX "ix_application_decided_country" ON "application" ("country", "gross_turnaround_seconds") ${decided}`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_application_decided_officer" ON "application" ("decided_by", "country", "gross_turnaround_seconds") ${decided}`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ix_application_decided_officer"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_decided_country"`);
    await queryRunner.query(`DROP INDEX "public"."ix_award_report"`);
    await queryRunner.query(`ALTER TABLE "award" DROP COLUMN "beneficiary_sex"`);
    await queryRunner.query(`ALTER TABLE "award" DROP COLUMN "beneficiary_category"`);
  }
}
