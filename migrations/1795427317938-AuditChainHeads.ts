import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditChainHeads1795427317938 implements MigrationInterface {
  name = 'AuditChainHeads1795427317938';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_chain_head" ("chain" smallint NOT NULL, "chain_seq" bigint NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_3122ef4d6f080d71bb90742acc5" PRIMARY KEY ("chain"))`,
    );
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "content_hash" character(64) NOT NULL DEFAULT repeat('0', 64)`);
    await queryRunner.query(`ALTER TABLE "audit_event" ALTER COLUMN "content_hash" DROP DEFAULT`);
    // hand-written: one head per chain (AUDIT_CHAINS = 64), pointing at the chain's last event if any
    await queryRunner.query(`
      INSERT INTO audit_chain_head (chain, chain_seq, hash)
      SELECT g, COALESCE(last.chain_seq, 0), COALESCE(last.hash, repeat('0', 64))
        FROM generate_series(0, 63) AS g
        LEFT JOIN LATERAL (SELECT chain_seq, hash FROM audit_event e WHERE e.chain = g ORDER BY chain_seq DESC LIMIT 1) last ON true`);
    // The database hashes each new event's content and links it to its chain: the head row's lock
    // (held to commit) orders appends, and the application cannot write a wrong hash, position or link.
    // Same formulas as contentHash() and linkHash() in src/modules/audit/domain/audit-chain.ts.
    await queryRunner.query(`
      CREATE FUNCTION audit_event_link() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head audit_chain_head%ROWTYPE;
      BEGIN
        SELECT * INTO head FROM audit_chain_head WHERE chain = NEW.chain FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'audit chain % has no head', NEW.chain;
        END IF;
        NEW.content_hash := encode(sha256(convert_to(jsonb_build_object(
          'occurredAt', to_char(NEW.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'actorId', NEW.actor_id, 'actorRole', NEW.actor_role, 'action', NEW.action,
          'entityType', NEW.entity_type, 'entityId', NEW.entity_id,
          'before', NEW.before, 'after', NEW.after, 'requestId', NEW.request_id)::text, 'UTF8')), 'hex');
        NEW.chain_seq := head.chain_seq + 1;
        NEW.prev_hash := head.hash;
        NEW.hash := encode(sha256(convert_to(head.hash || E'\\n' || NEW.chain || E'\\n' || NEW.chain_seq || E'\\n' || NEW.content_hash, 'UTF8')), 'hex');
        UPDATE audit_chain_head SET chain_seq = NEW.chain_seq, hash = NEW.hash WHERE chain = NEW.chain;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_event_link BEFORE INSERT ON "audit_event" FOR EACH ROW EXECUTE FUNCTION audit_event_link()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_event_link ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_event_link()`);
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "content_hash"`);
    await queryRunner.query(`DROP TABLE "audit_chain_head"`);
  }
}
