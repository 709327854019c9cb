import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Applications1795426247867 implements MigrationInterface {
  name = 'Applications1795426247867';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stored_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bytes" bytea NOT NULL, "size" integer NOT NULL, "sha256" character(64) NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e140967af84027b493a3ff04fbb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "application_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "position" smallint NOT NULL, "type" character varying(30) NOT NULL, "description" character varying(500) NOT NULL, "amount" numeric(20,2) NOT NULL, "approved_amount" numeric(20,2), CONSTRAINT "PK_1211cc6463214f968f5c5886043" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_application_item_application" ON "application_item"  ("application_id", "position") `);
    await queryRunner.query(
      `CREATE TABLE "application" ("created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "reference" character varying(20), "organisation_id" uuid NOT NULL, "beneficiary_id" uuid NOT NULL, "fund_id" uuid NOT NULL, "country" character(2) NOT NULL, "currency" character(3) NOT NULL, "status" character varying(30) NOT NULL, "urgency" character varying(10) NOT NULL, "language" character varying(5) NOT NULL, "justification" text, "state_support" jsonb, "total" numeric(20,2) NOT NULL, "approved_total" numeric(20,2), "first_submitted_at" TIMESTAMP(3) WITH TIME ZONE, "last_submitted_at" TIMESTAMP(3) WITH TIME ZONE, "decided_at" TIMESTAMP(3) WITH TIME ZONE, "created_by" uuid, CONSTRAINT "PK_569e0c3e863ebdf5f2408ee1670" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_application_fund" ON "application"  ("fund_id") `);
    await queryRunner.query(`CREATE INDEX "ix_application_beneficiary" ON "application"  ("beneficiary_id") `);
    await queryRunner.query(`CREATE INDEX "ix_application_country_status" ON "application"  ("country", "status", "last_submitted_at") `);
    await queryRunner.query(`CREATE INDEX "ix_application_organisation" ON "application"  ("organisation_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_application_reference" ON "application"  ("reference") `);
    await queryRunner.query(
      `CREATE TABLE "application_document" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "kind" character varying(30) NOT NULL, "filename" character varying(255) NOT NULL, "content_type" character varying(50) NOT NULL, "size" integer NOT NULL, "sha256" character(64) NOT NULL, "storage_key" character varying(100) NOT NULL, "uploaded_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_04f1535a911d17b4c6283de0d10" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_application_document_application" ON "application_document"  ("application_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "application_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "action" character varying(30) NOT NULL, "from_status" character varying(30), "to_status" character varying(30) NOT NULL, "comment" text, "actor_id" uuid, "actor_role" character varying(20), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dfaa2b28d25fb0223bfd1313f0a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_application_event_application" ON "application_event"  ("application_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "reference_counter" ("scope" character varying(10) NOT NULL, "country" character(2) NOT NULL, "year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_53d9afde3e173f40f5753288c25" PRIMARY KEY ("scope", "country", "year"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "eligibility_run" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "rule_set_version" character varying(20) NOT NULL, "outcome" character varying(20) NOT NULL, "disabled_rules" text array NOT NULL DEFAULT '{}', "evaluated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_af0191d661f21dd4627a41ed732" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_eligibility_run_application" ON "eligibility_run"  ("application_id", "evaluated_at") `);
    await queryRunner.query(
      `CREATE TABLE "eligibility_result" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "run_id" uuid NOT NULL, "position" smallint NOT NULL, "rule_code" character varying(40) NOT NULL, "outcome" character varying(10) NOT NULL, "message" text NOT NULL, "values" jsonb NOT NULL, CONSTRAINT "PK_18b676ed164e681655d00638100" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_eligibility_result_run" ON "eligibility_result"  ("run_id") `);
    await queryRunner.query(
      `CREATE TABLE "eligibility_waiver" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "rule_code" character varying(40) NOT NULL, "reason" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3d3922f9e0448442de2127d98f5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_eligibility_waiver" ON "eligibility_waiver"  ("application_id", "rule_code") `);
    await queryRunner.query(
      `ALTER TABLE "application_item" ADD CONSTRAINT "FK_2c1bb1a5dda3fbdffa67089f84c" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "application" ADD CONSTRAINT "FK_771046a1c953cb5b470f2b29d81" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "application" ADD CONSTRAINT "FK_6e935b814696487c2dde080cb89" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiary"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "application" ADD CONSTRAINT "FK_0e2c9a198a66e48735fa65e913f" FOREIGN KEY ("fund_id") REFERENCES "fund"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_document" ADD CONSTRAINT "FK_49f4aa9cdf8d6ae270c557db9f2" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "application_event" ADD CONSTRAINT "FK_a438c3c070f4e044fed183f458c" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "eligibility_run" ADD CONSTRAINT "FK_760fab953e1e9a4676747a03672" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "eligibility_result" ADD CONSTRAINT "FK_8e1bba0c8094fa1d48def43f7a9" FOREIGN KEY ("run_id") REFERENCES "eligibility_run"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "eligibility_waiver" ADD CONSTRAINT "FK_c561cee7459fe932187470c8f57" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // hand-written: the next gapless reference of a country and year. Called from the UPDATE that
    // submits an application, so the number is taken only for a row actually updated, and the counter
    // row stays locked until that statement's transaction ends.
    await queryRunner.query(`
      CREATE FUNCTION next_application_reference(p_country text, p_year int) RETURNS text LANGUAGE sql VOLATILE AS $$
        INSERT INTO reference_counter (scope, country, year, last_number) VALUES ('EF', p_country, p_year, 1)
        ON CONFLICT (scope, country, year) DO UPDATE SET last_number = reference_counter.last_number + 1
        RETURNING 'EF-' || p_country || '-' || p_year || '-' || lpad(last_number::text, 6, '0')
      $$`);
    // hand-written: ends a statement with a serialization failure (SQLSTATE 40001), rolling back what it
    // did so far — for a guarded write whose row changed under it (see ApplicationsRepository.writeSubmission)
    await queryRunner.query(`
      CREATE FUNCTION raise_concurrent_change(p_what text) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% was changed concurrently', p_what USING ERRCODE = 'serialization_failure';
      END
      $$`);
    // hand-written: an application's history is append-only, like the audit log and the ledger
    await queryRunner.query(
      `CREATE TRIGGER application_event_append_only BEFORE UPDATE OR DELETE ON "application_event" FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION raise_concurrent_change(text)`);
    await queryRunner.query(`DROP FUNCTION next_application_reference(text, int)`);
    await queryRunner.query(`DROP TRIGGER application_event_append_only ON "application_event"`);
    await queryRunner.query(`ALTER TABLE "eligibility_waiver" DROP CONSTRAINT "FK_c561cee7459fe932187470c8f57"`);
    await queryRunner.query(`ALTER TABLE "eligibility_result" DROP CONSTRAINT "FK_8e1bba0c8094fa1d48def43f7a9"`);
    await queryRunner.query(`ALTER TABLE "eligibility_run" DROP CONSTRAINT "FK_760fab953e1e9a4676747a03672"`);
    await queryRunner.query(`ALTER TABLE "application_event" DROP CONSTRAINT "FK_a438c3c070f4e044fed183f458c"`);
    await queryRunner.query(`ALTER TABLE "application_document" DROP CONSTRAINT "FK_49f4aa9cdf8d6ae270c557db9f2"`);
    await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "FK_0e2c9a198a66e48735fa65e913f"`);
    await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "FK_6e935b814696487c2dde080cb89"`);
    await queryRunner.query(`ALTER TABLE "application" DROP CONSTRAINT "FK_771046a1c953cb5b470f2b29d81"`);
    await queryRunner.query(`ALTER TABLE "application_item" DROP CONSTRAINT "FK_2c1bb1a5dda3fbdffa67089f84c"`);
    await queryRunner.query(`DROP INDEX "public"."uq_eligibility_waiver"`);
    await queryRunner.query(`DROP TABLE "eligibility_waiver"`);
    await queryRunner.query(`DROP INDEX "public"."ix_eligibility_result_run"`);
    await queryRunner.query(`DROP TABLE "eligibility_result"`);
    await queryRunner.query(`DROP INDEX "public"."ix_eligibility_run_application"`);
    await queryRunner.query(`DROP TABLE "eligibility_run"`);
    await queryRunner.query(`DROP TABLE "reference_counter"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_event_application"`);
    await queryRunner.query(`DROP TABLE "application_event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_document_application"`);
    await queryRunner.query(`DROP TABLE "application_document"`);
    await queryRunner.query(`DROP INDEX "public"."uq_application_reference"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_country_status"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_beneficiary"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_fund"`);
    await queryRunner.query(`DROP TABLE "application"`);
    await queryRunner.query(`DROP INDEX "public"."ix_application_item_application"`);
    await queryRunner.query(`DROP TABLE "application_item"`);
    await queryRunner.query(`DROP TABLE "stored_file"`);
  }
}
