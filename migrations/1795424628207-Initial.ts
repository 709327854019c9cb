import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795424628207 implements MigrationInterface {
  name = 'Initial1795424628207';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "chain" smallint NOT NULL, "chain_seq" bigint NOT NULL, "occurred_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "actor_id" uuid, "actor_role" character varying(20), "action" character varying(60) NOT NULL, "entity_type" character varying(40) NOT NULL, "entity_id" uuid, "before" jsonb, "after" jsonb, "request_id" character varying(64), "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_audit_event_entity" ON "audit_event"  ("entity_type", "entity_id", "seq") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_audit_event_seq" ON "audit_event"  ("seq") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_audit_event_chain" ON "audit_event"  ("chain", "chain_seq") `);
    await queryRunner.query(
      `CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "country" character(2) NOT NULL, "registration_number" character varying(100) NOT NULL, "contact_email" character varying(254) NOT NULL, "address" character varying(500), "bank_account_enc" text, "status" character varying(20) NOT NULL DEFAULT 'active', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_c725ae234ef1b74cce43d2d00c1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_organisation_registration" ON "organisation"  ("country", "registration_number") `);
    await queryRunner.query(
      `CREATE TABLE "app_user" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "email_normalised" character varying(254) NOT NULL, "password_hash" character varying(200) NOT NULL, "full_name" character varying(200) NOT NULL, "role" character varying(20) NOT NULL, "organisation_id" uuid, "countries" text array NOT NULL DEFAULT '{}', "status" character varying(20) NOT NULL DEFAULT 'active', "failed_login_count" integer NOT NULL DEFAULT '0', "locked_until" TIMESTAMP(3) WITH TIME ZONE, "token_version" integer NOT NULL DEFAULT '1', "last_login_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_app_user_organisation" ON "app_user"  ("organisation_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_app_user_email" ON "app_user"  ("email_normalised") `);
    await queryRunner.query(
      `CREATE TABLE "refresh_token" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "secret_hash" character(64) NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "revoked_reason" character varying(30), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b575dd3c21fb0831013c909e7fe" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_refresh_token_family" ON "refresh_token"  ("family_id") `);
    await queryRunner.query(`CREATE INDEX "ix_refresh_token_user" ON "refresh_token"  ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "beneficiary" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(20) NOT NULL, "organisation_id" uuid NOT NULL, "category" character varying(10) NOT NULL, "flags" text array NOT NULL DEFAULT '{}', "sex" character varying(20) NOT NULL, "birth_year" smallint NOT NULL, "nationality" character(2) NOT NULL, "pii_enc" text NOT NULL, "person_hash" character(64) NOT NULL, "document_hash" character(64), "consent_given_at" date NOT NULL, "consent_method" character varying(20) NOT NULL, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_c7514d7fed62b8e619cb1840f41" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_beneficiary_document_hash" ON "beneficiary"  ("document_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_beneficiary_person_hash" ON "beneficiary"  ("person_hash") `);
    await queryRunner.query(`CREATE INDEX "ix_beneficiary_organisation" ON "beneficiary"  ("organisation_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_beneficiary_code" ON "beneficiary"  ("code") `);
    await queryRunner.query(
      `CREATE TABLE "fund" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "country" character(2) NOT NULL, "currency" character(3) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'open', "rules" jsonb NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, CONSTRAINT "PK_b3ac6e413e6e449bb499db1ccbc" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_fund_country" ON "fund"  ("country") `);
    await queryRunner.query(
      `CREATE TABLE "fund_ledger_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "fund_id" uuid NOT NULL, "kind" character varying(30) NOT NULL, "budget_delta" numeric(20,2) NOT NULL DEFAULT '0', "committed_delta" numeric(20,2) NOT NULL DEFAULT '0', "disbursed_delta" numeric(20,2) NOT NULL DEFAULT '0', "ref_type" character varying(40), "ref_id" uuid, "reverses_id" uuid, "memo" character varying(500), "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_84e967455b892f4d46f89517ec8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_fund_ledger_entry_fund" ON "fund_ledger_entry"  ("fund_id", "seq") `);
    await queryRunner.query(
      `CREATE TABLE "fx_rate" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "currency" character(3) NOT NULL, "month" character(7) NOT NULL, "usd_rate" numeric(20,10) NOT NULL, "created_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_172deb302807396e0da8f0aafe0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_fx_rate_currency_month" ON "fx_rate"  ("currency", "month") `);
    await queryRunner.query(
      `ALTER TABLE "app_user" ADD CONSTRAINT "FK_6fa42e978fa7d7adc32736e26fd" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "refresh_token" ADD CONSTRAINT "FK_6bbe63d2fe75e7f0ba1710351d4" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "beneficiary" ADD CONSTRAINT "FK_ffd5169bc5af13fe1f7886c57c7" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "fund_ledger_entry" ADD CONSTRAINT "FK_1ce935f8c424937ab57a094f0a6" FOREIGN KEY ("fund_id") REFERENCES "fund"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fund_ledger_entry" DROP CONSTRAINT "FK_1ce935f8c424937ab57a094f0a6"`);
    await queryRunner.query(`ALTER TABLE "beneficiary" DROP CONSTRAINT "FK_ffd5169bc5af13fe1f7886c57c7"`);
    await queryRunner.query(`ALTER TABLE "refresh_token" DROP CONSTRAINT "FK_6bbe63d2fe75e7f0ba1710351d4"`);
    await queryRunner.query(`ALTER TABLE "app_user" DROP CONSTRAINT "FK_6fa42e978fa7d7adc32736e26fd"`);
    await queryRunner.query(`DROP INDEX "public"."uq_fx_rate_currency_month"`);
    await queryRunner.query(`DROP TABLE "fx_rate"`);
    await queryRunner.query(`DROP INDEX "public"."ix_fund_ledger_entry_fund"`);
    await queryRunner.query(`DROP TABLE "fund_ledger_entry"`);
    await queryRunner.query(`DROP INDEX "public"."ix_fund_country"`);
    await queryRunner.query(`DROP TABLE "fund"`);
    await queryRunner.query(`DROP INDEX "public"."uq_beneficiary_code"`);
    await queryRunner.query(`DROP INDEX "public"."ix_beneficiary_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."ix_beneficiary_person_hash"`);
    await queryRunner.query(`DROP INDEX "public"."ix_beneficiary_document_hash"`);
    await queryRunner.query(`DROP TABLE "beneficiary"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_token_user"`);
    await queryRunner.query(`DROP INDEX "public"."ix_refresh_token_family"`);
    await queryRunner.query(`DROP TABLE "refresh_token"`);
    await queryRunner.query(`DROP INDEX "public"."uq_app_user_email"`);
    await queryRunner.query(`DROP INDEX "public"."ix_app_user_organisation"`);
    await queryRunner.query(`DROP TABLE "app_user"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organisation_registration"`);
    await queryRunner.query(`DROP TABLE "organisation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_audit_event_chain"`);
    await queryRunner.query(`DROP INDEX "public"."uq_audit_event_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ix_audit_event_entity"`);
    await queryRunner.query(`DROP TABLE "audit_event"`);
  }
}
