import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Bank statements and their lines (unique by bank transaction id); disbursements record when they were paid. */
export class BankStatements1796127779494 implements MigrationInterface {
  name = 'BankStatements1796127779494';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "bank_statement" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "sha256" character(64) NOT NULL, "lines" integer NOT NULL, "imported" integer NOT NULL, "skipped" integer NOT NULL, "matched" integer NOT NULL, "amount_mismatch" integer NOT NULL, "unmatched" integer NOT NULL, "imported_by" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a2f8f739ec54fbcb8600ced0816" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "bank_statement_line" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "statement_id" uuid NOT NULL, "line_number" integer NOT NULL, "booking_date" date NOT NULL, "amount" numeric(20,2) NOT NULL, "currency" character(3) NOT NULL, "reference" character varying(100), "counterparty" character varying(200), "bank_transaction_id" character varying(100) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'new', "disbursement_id" uuid, "note" character varying(300), "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1a6b2390f4802263fa77c6c82a0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_bank_statement_line_exceptions" ON "bank_statement_line"  ("created_at", "id") WHERE status IN ('amount_mismatch', 'unmatched')`,
    );
    await queryRunner.query(`CREATE INDEX "ix_bank_statement_line_statement" ON "bank_statement_line"  ("statement_id", "line_number") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_bank_statement_line_transaction" ON "bank_statement_line"  ("bank_transaction_id") `);
    await queryRunner.query(`ALTER TABLE "disbursement" ADD "paid_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "bank_statement_line" ADD CONSTRAINT "FK_bd3d189eeb4f83ebf4811b7d4f8" FOREIGN KEY ("statement_id") REFERENCES "bank_statement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bank_statement_line" ADD CONSTRAINT "FK_a4dd7cae1ec4fdbbf0bff88a9d0" FOREIGN KEY ("disbursement_id") REFERENCES "disbursement"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bank_statement_line" DROP CONSTRAINT "FK_a4dd7cae1ec4fdbbf0bff88a9d0"`);
    await queryRunner.query(`ALTER TABLE "bank_statement_line" DROP CONSTRAINT "FK_bd3d189eeb4f83ebf4811b7d4f8"`);
    await queryRunner.query(`ALTER TABLE "disbursement" DROP COLUMN "paid_at"`);
    await queryRunner.query(`DROP INDEX "public"."uq_bank_statement_line_transaction"`);
    await queryRunner.query(`DROP INDEX "public"."ix_bank_statement_line_statement"`);
    await queryRunner.query(`DROP INDEX "public"."ix_bank_statement_line_exceptions"`);
    await queryRunner.query(`DROP TABLE "bank_statement_line"`);
    await queryRunner.query(`DROP TABLE "bank_statement"`);
  }
}
