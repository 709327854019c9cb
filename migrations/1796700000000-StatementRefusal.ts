import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `ef_refuse(code, detail)`: raises SQLSTATE EF409 with the code as the message and the detail
 * given. A statement sent together with its COMMIT (`Transactions.runCommittingWith`) refuses with
 * it, so the COMMIT never runs: an approval's last statement when the fund no longer has the money.
 * It returns a value only so that it can stand in an expression.
 */
export class StatementRefusal1796700000000 implements MigrationInterface {
  name = 'StatementRefusal1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ef_refuse(code text, detail text) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION USING ERRCODE = 'EF409', MESSAGE = code, DETAIL = detail;
      END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION ef_refuse(text, text)`);
  }
}
