import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written. Many audit events in one transaction (an INSERT … SELECT writing an event per row)
 * updated the chain's head row once per event: n versions of one row in one transaction, each
 * lookup walking all of them. Now the row trigger keeps the chain's running head in a
 * transaction-local setting marked with the transaction's id (the head row is still locked by the
 * transaction's first event on the chain; a rolled-back savepoint drops both the lock and the
 * setting; a value from another transaction is ignored), and a statement trigger writes each touched
 * chain's head once per statement. Hashes, positions and links are exactly as before
 * (src/modules/audit/domain/audit-chain.ts).
 */
export class AuditChainBulkAppend1796140100000 implements MigrationInterface {
  name = 'AuditChainBulkAppend1796140100000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_event_link() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        running text := current_setting('ef.audit_head_' || NEW.chain, true);
        head_seq bigint;
        head_hash text;
      BEGIN
        -- the running head this transaction wrote (its id first); a value left by any other is ignored
        IF running IS NULL OR split_part(running, ' ', 1) <> txid_current()::text THEN
          SELECT chain_seq, hash INTO head_seq, head_hash FROM audit_chain_head WHERE chain = NEW.chain FOR UPDATE;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'audit chain % has no head', NEW.chain;
          END IF;
        ELSE
          head_seq := split_part(running, ' ', 2)::bigint;
          head_hash := split_part(running, ' ', 3);
        END IF;
        ${CONTENT_HASH}
        NEW.chain_seq := head_seq + 1;
        NEW.prev_hash := head_hash;
        NEW.hash := encode(sha256(convert_to(head_hash || E'\\n' || NEW.chain || E'\\n' || NEW.chain_seq || E'\\n' || NEW.content_hash, 'UTF8')), 'hex');
        PERFORM set_config('ef.audit_head_' || NEW.chain, txid_current() || ' ' || NEW.chain_seq || ' ' || NEW.hash, true);
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION audit_chain_head_advance() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE audit_chain_head h SET chain_seq = x.chain_seq, hash = x.hash
          FROM (SELECT DISTINCT ON (chain) chain, chain_seq, hash FROM added ORDER BY chain, chain_seq DESC) x
         WHERE h.chain = x.chain;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_chain_head_advance AFTER INSERT ON "audit_event" REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_advance()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_chain_head_advance ON "audit_event"`);
    await queryRunner.query(`DROP FUNCTION audit_chain_head_advance()`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION audit_event_link() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head audit_chain_head%ROWTYPE;
      BEGIN
        SELECT * INTO head FROM audit_chain_head WHERE chain = NEW.chain FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'audit chain % has no head', NEW.chain;
        END IF;
        ${CONTENT_HASH}
        NEW.chain_seq := head.chain_seq + 1;
        NEW.prev_hash := head.hash;
        NEW.hash := encode(sha256(convert_to(head.hash || E'\\n' || NEW.chain || E'\\n' || NEW.chain_seq || E'\\n' || NEW.content_hash, 'UTF8')), 'hex');
        UPDATE audit_chain_head SET chain_seq = NEW.chain_seq, hash = NEW.hash WHERE chain = NEW.chain;
        RETURN NEW;
      END
      $$`);
  }
}

/** The content hash of a new event, the same before and after this migration (contentHash() in audit-chain.ts). */
const CONTENT_HASH = `NEW.content_hash := encode(sha256(convert_to(jsonb_build_object(
          'occurredAt', to_char(NEW.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'actorId', NEW.actor_id, 'actorRole', NEW.actor_role, 'action', NEW.action,
          'entityType', NEW.entity_type, 'entityId', NEW.entity_id,
          'before', NEW.before, 'after', NEW.after, 'requestId', NEW.request_id)::text, 'UTF8')), 'hex');`;
