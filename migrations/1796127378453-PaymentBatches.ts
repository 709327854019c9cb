import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Payment batches; a disbursement points to the one batch that carries it to the bank. */
export class PaymentBatches1796127378453 implements MigrationInterface {
  name = 'PaymentBatches1796127378453';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "payment_batch" ("created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "currency" character(3) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'open', "count" integer NOT NULL, "total" numeric(20,2) NOT NULL, "created_by" uuid, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "sent_by" uuid, CONSTRAINT "PK_b770814cee021e59570c3e58094" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_payment_batch_created" ON "payment_batch"  ("created_at") `);
    await queryRunner.query(`ALTER TABLE "disbursement" ADD "batch_id" uuid`);
    await queryRunner.query(`CREATE INDEX "ix_disbursement_batch" ON "disbursement"  ("batch_id") `);
    await queryRunner.query(
      `ALTER TABLE "disbursement" ADD CONSTRAINT "FK_2ff8bfbd5bb983f87897e2b5913" FOREIGN KEY ("batch_id") REFERENCES "payment_batch"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "disbursement" DROP CONSTRAINT "FK_2ff8bfbd5bb983f87897e2b5913"`);
    await queryRunner.query(`DROP INDEX "public"."ix_disbursement_batch"`);
    await queryRunner.query(`ALTER TABLE "disbursement" DROP COLUMN "batch_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_payment_batch_created"`);
    await queryRunner.query(`DROP TABLE "payment_batch"`);
  }
}
