import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fund keeps what is still available (budget − committed − disbursed) as a column, moved by a
 * statement-level trigger in the statement that appends ledger entries, so an approval checks and
 * takes the money in one statement instead of summing the whole ledger while it holds the fund's
 * lock. Only entries that change the available amount touch the fund row (a `pay` moves money from
 * committed to disbursed and leaves it alone), so a bank statement import does not lock the fund.
 * The ledger stays the record; the column is its running sum (the invariants check both agree).
 */
export class FundAvailable1796600000000 implements MigrationInterface {
  name = 'FundAvailable1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "fund" ADD "available" numeric(20,2) NOT NULL DEFAULT '0'`);
    await queryRunner.query(`
      CREATE FUNCTION fund_available_follows_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE fund f SET available = f.available + n.delta
          FROM (SELECT fund_id, SUM(budget_delta - committed_delta - disbursed_delta) AS delta FROM new_entries GROUP BY fund_id) n
         WHERE f.id = n.fund_id AND n.delta <> 0;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER fund_ledger_entry_available AFTER INSERT ON "fund_ledger_entry" REFERENCING NEW TABLE AS new_entries
         FOR EACH STATEMENT EXECUTE FUNCTION fund_available_follows_ledger()`,
    );
    await queryRunner.query(
      `UPDATE fund f SET available = l.available
         FROM (SELECT fund_id, SUM(budget_delta - committed_delta - disbursed_delta) AS available FROM fund_ledger_entry GROUP BY fund_id) l
        WHERE f.id = l.fund_id`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER fund_ledger_entry_available ON "fund_ledger_entry"`);
    await queryRunner.query(`DROP FUNCTION fund_available_follows_ledger()`);
    await queryRunner.query(`ALTER TABLE "fund" DROP COLUMN "available"`);
  }
}
