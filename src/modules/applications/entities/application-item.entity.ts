import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { AssistanceType } from '../../../common/domain-codes.js';
import { Application } from './application.entity.js';

@Entity('application_item')
@Index('ix_application_item_application', ['applicationId', 'position'])
export class ApplicationItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => Application, (a) => a.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: Relation<Application>;

  @Column({ type: 'smallint' })
  position: number;

  @Column({ type: 'varchar', length: 30 })
  type: AssistanceType;

  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Column({ type: 'numeric', precision: 20, scale: 2 })
  amount: string;

  /** Set by the approving decision (reviews). */
  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true })
  approvedAmount: string | null;
}
