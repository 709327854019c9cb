import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The web app's language each user chose; null until they choose (no CHECK: the list of languages grows in code). */
export class UserLanguage1796170000000 implements MigrationInterface {
  name = 'UserLanguage1796170000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" ADD "language" character varying(8)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "app_user" DROP COLUMN "language"`);
  }
}
