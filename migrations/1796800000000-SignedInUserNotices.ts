import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices on `ef_user_changed` (`SignedInUsers`): a change of what a signed-in request reads of a
 * user (status, token version, role, countries, organisation, e-mail) or the user's deletion sends
 * the user's id; a change of an organisation's country, or users truncated, sends `*` (every user).
 * PostgreSQL delivers them to the listening instances when the change commits, and never for a
 * transaction that rolls back. A sign-in (last login, failure count) sends nothing.
 */
export class SignedInUserNotices1796800000000 implements MigrationInterface {
  name = 'SignedInUserNotices1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION ef_notify_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_LEVEL = 'ROW' AND TG_TABLE_NAME = 'app_user' THEN
          PERFORM pg_notify('ef_user_changed', OLD.id::text);
        ELSE
          PERFORM pg_notify('ef_user_changed', '*');
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER app_user_changed AFTER UPDATE ON app_user FOR EACH ROW
        WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.token_version IS DISTINCT FROM NEW.token_version
              OR OLD.role IS DISTINCT FROM NEW.role OR OLD.countries IS DISTINCT FROM NEW.countries
              OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id OR OLD.email IS DISTINCT FROM NEW.email
              OR OLD.id IS DISTINCT FROM NEW.id)
        EXECUTE FUNCTION ef_notify_user_changed()`);
    await queryRunner.query(
      `CREATE TRIGGER app_user_deleted AFTER DELETE ON app_user FOR EACH ROW EXECUTE FUNCTION ef_notify_user_changed()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER app_user_truncated AFTER TRUNCATE ON app_user FOR EACH STATEMENT EXECUTE FUNCTION ef_notify_user_changed()`,
    );
    await queryRunner.query(`
      CREATE TRIGGER organisation_country_changed AFTER UPDATE OF country ON organisation FOR EACH ROW
        WHEN (OLD.country IS DISTINCT FROM NEW.country)
        EXECUTE FUNCTION ef_notify_user_changed()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER organisation_country_changed ON organisation`);
    await queryRunner.query(`DROP TRIGGER app_user_truncated ON app_user`);
    await queryRunner.query(`DROP TRIGGER app_user_deleted ON app_user`);
    await queryRunner.query(`DROP TRIGGER app_user_changed ON app_user`);
    await queryRunner.query(`DROP FUNCTION ef_notify_user_changed()`);
  }
}
