import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The bank's booking day of a payment, from which follow-ups count (not the day the statement was imported). */
export class PaidOn1796150029492 implements MigrationInterface {
  name = 'PaidOn1796150029492';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "disbursement" ADD "paid_on" date`);
    // hand-written: what is paid already gets the booking day of the line that paid it
    await queryRunner.query(`
      UPDATE disbursement d SET paid_on = COALESCE(
        (SELECT min(l.booking_date) FROM bank_statement_line l WHERE l.disbursement_id = d.id AND l.status = 'matched'),
        (d.paid_at AT TIME ZONE 'UTC')::date)
       WHERE d.status = 'paid'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "disbursement" DROP COLUMN "paid_on"`);
  }
}
