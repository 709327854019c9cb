import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disbursements (tranches of awards), the idempotency keys that guard their creation, and each
 * award's current commitment. Hand-written after the generated part: existing awards are committed
 * for their amount (nothing was paid before this table existed), and payment references come from
 * the same kind of counter as references and award numbers.
 */
export class Disbursements1796126979227 implements MigrationInterface {
  name = 'Disbursements1796126979227';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "disbursement" ("created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "award_id" uuid NOT NULL, "fund_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "country" character(2) NOT NULL, "currency" character(3) NOT NULL, "amount" numeric(20,2) NOT NULL, "method" character varying(20) NOT NULL, "payee" jsonb NOT NULL, "scheduled_for" date NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'scheduled', "payment_reference" character varying(24) NOT NULL, "created_by" uuid, "cancelled_at" TIMESTAMP(3) WITH TIME ZONE, "cancel_note" character varying(1000), CONSTRAINT "PK_463ed35f32b733386261ab7d7fa" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_disbursement_award" ON "disbursement"  ("award_id", "created_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_disbursement_reference" ON "disbursement"  ("payment_reference") `);
    await queryRunner.query(
      `CREATE TABLE "idempotency_key" ("user_id" uuid NOT NULL, "scope" character varying(60) NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character(64) NOT NULL, "response_status" integer, "response_body" jsonb, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a27aa773cebebf661d80b8af751" PRIMARY KEY ("user_id", "scope", "key"))`,
    );
    await queryRunner.query(`ALTER TABLE "award" ADD "committed" numeric(20,2) NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `ALTER TABLE "disbursement" ADD CONSTRAINT "FK_3ffebdb5faa73477dab712740b1" FOREIGN KEY ("award_id") REFERENCES "award"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`UPDATE award SET committed = amount`);
    await queryRunner.query(`ALTER TABLE "disbursement" ADD CONSTRAINT "ck_disbursement_amount" CHECK (amount > 0)`);
    await queryRunner.query(`ALTER TABLE "award" ADD CONSTRAINT "ck_award_committed" CHECK (committed >= 0 AND committed <= amount)`);
    await queryRunner.query(`
      CREATE FUNCTION next_payment_reference(p_country text, p_year int) RETURNS text LANGUAGE sql VOLATILE AS $$
        INSERT INTO reference_counter (scope, country, year, last_number) VALUES ('PAY', p_country, p_year, 1)
        ON CONFLICT (scope, country, year) DO UPDATE SET last_number = reference_counter.last_number + 1
        RETURNING 'PAY-' || p_country || '-' || p_year || '-' || lpad(last_number::text, 6, '0')
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION next_payment_reference(text, int)`);
    await queryRunner.query(`ALTER TABLE "award" DROP CONSTRAINT "ck_award_committed"`);
    await queryRunner.query(`ALTER TABLE "disbursement" DROP CONSTRAINT "ck_disbursement_amount"`);
    await queryRunner.query(`ALTER TABLE "disbursement" DROP CONSTRAINT "FK_3ffebdb5faa73477dab712740b1"`);
    await queryRunner.query(`ALTER TABLE "award" DROP COLUMN "committed"`);
    await queryRunner.query(`DROP TABLE "idempotency_key"`);
    await queryRunner.query(`DROP INDEX "public"."uq_disbursement_reference"`);
    await queryRunner.query(`DROP INDEX "public"."ix_disbursement_award"`);
    await queryRunner.query(`DROP TABLE "disbursement"`);
  }
}
