import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written. Application references, award numbers and payment references are padded to 6, 5 and
 * 6 digits; `lpad` cut a longer number to that width (award 100000 of a year became 10000, a
 * duplicate that would have stopped every later approval). One function now makes all three, and a
 * number longer than its padding keeps every digit.
 */
export class NumbersPastTheirDigits1796140000000 implements MigrationInterface {
  name = 'NumbersPastTheirDigits1796140000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION next_counter_reference(p_scope text, p_country text, p_year int, p_digits int) RETURNS text LANGUAGE sql VOLATILE AS $$
        INSERT INTO reference_counter (scope, country, year, last_number) VALUES (p_scope, p_country, p_year, 1)
        ON CONFLICT (scope, country, year) DO UPDATE SET last_number = reference_counter.last_number + 1
        RETURNING p_scope || '-' || p_country || '-' || p_year || '-' || lpad(last_number::text, greatest(p_digits, length(last_number::text)), '0')
      $$`);
    for (const [name, scope, digits] of REFERENCES) {
      await queryRunner.query(
        `CREATE OR REPLACE FUNCTION ${name}(p_country text, p_year int) RETURNS text LANGUAGE sql VOLATILE AS $$ SELECT next_counter_reference('${scope}', p_country, p_year, ${digits}) $$`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [name, scope, digits] of REFERENCES) {
      await queryRunner.query(`
        CREATE OR REPLACE FUNCTION ${name}(p_country text, p_year int) RETURNS text LANGUAGE sql VOLATILE AS $$
          INSERT INTO reference_counter (scope, country, year, last_number) VALUES ('${scope}', p_country, p_year, 1)
          ON CONFLICT (scope, country, year) DO UPDATE SET last_number = reference_counter.last_number + 1
          RETURNING '${scope}-' || p_country || '-' || p_year || '-' || lpad(last_number::text, ${digits}, '0')
        $$`);
    }
    await queryRunner.query('DROP FUNCTION next_counter_reference(text, text, int, int)');
  }
}

const REFERENCES: [string, string, number][] = [
  ['next_application_reference', 'EF', 6],
  ['next_award_number', 'AWD', 5],
  ['next_payment_reference', 'PAY', 6],
];
