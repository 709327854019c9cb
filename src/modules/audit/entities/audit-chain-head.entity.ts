import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last position and hash of each audit chain. Its row lock serialises appends to one chain and
 * hands the appender the previous hash in the same round trip. The events remain the record; the
 * verification checks that each head matches its chain's last event.
 */
@Entity('audit_chain_head')
export class AuditChainHead {
  @PrimaryColumn({ type: 'smallint' })
  chain: number;

  @Column({ type: 'bigint' })
  chainSeq: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
