import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditChainHeads1795427317938 implements MigrationInterface {
  name = 'AuditChainHeads1795427317938';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "audit_chain_head" ("chain" smallint NOT NULL, "chain_seq" bigint NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_3122ef4d6f080d71bb90742acc5" PRIMARY KEY ("chain"))`);
    // hand-written: one head per chain (AUDIT_CHAINS = 16), pointing at the chain's last event if any
    await queryRunner.query(`
      INSERT INTO audit_chain_head (chain, chain_seq, hash)
      SELECT g, COALESCE(last.chain_seq, 0), COALESCE(last.hash, repeat('0', 64))
        FROM generate_series(0, 15) AS g
        LEFT JOIN LATERAL (SELECT chain_seq, hash FROM audit_event e WHERE e.chain = g ORDER BY chain_seq DESC LIMIT 1) last ON true`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_chain_head"`);
  }
}
