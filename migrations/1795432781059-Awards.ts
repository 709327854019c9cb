import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Awards1795432781059 implements MigrationInterface {
  name = 'Awards1795432781059';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "award" ("created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" character varying(20) NOT NULL, "application_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "fund_id" uuid NOT NULL, "beneficiary_id" uuid NOT NULL, "country" character(2) NOT NULL, "currency" character(3) NOT NULL, "amount" numeric(20,2) NOT NULL, "items" jsonb NOT NULL, "conditions" text, "approvers" jsonb NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'active', CONSTRAINT "PK_e887e4e69663925ebb60d3a7775" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_award_country" ON "award"  ("country", "created_at") `);
    await queryRunner.query(`CREATE INDEX "ix_award_organisation" ON "award"  ("organisation_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_award_application" ON "award"  ("application_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_award_number" ON "award"  ("number") `);
    await queryRunner.query(
      `ALTER TABLE "award" ADD CONSTRAINT "FK_3bae242286234f20ef744409aca" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // hand-written: the next gapless award number of a country and year (see next_application_reference)
    await queryRunner.query(`
      CREATE FUNCTION next_award_number(p_country text, p_year int) RETURNS text LANGUAGE sql VOLATILE AS $$
        INSERT INTO reference_counter (scope, country, year, last_number) VALUES ('AWD', p_country, p_year, 1)
        ON CONFLICT (scope, country, year) DO UPDATE SET last_number = reference_counter.last_number + 1
        RETURNING 'AWD-' || p_country || '-' || p_year || '-' || lpad(last_number::text, 5, '0')
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION next_award_number(text, int)`);
    await queryRunner.query(`ALTER TABLE "award" DROP CONSTRAINT "FK_3bae242286234f20ef744409aca"`);
    await queryRunner.query(`DROP INDEX "public"."uq_award_number"`);
    await queryRunner.query(`DROP INDEX "public"."uq_award_application"`);
    await queryRunner.query(`DROP INDEX "public"."ix_award_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_award_country"`);
    await queryRunner.query(`DROP TABLE "award"`);
  }
}
