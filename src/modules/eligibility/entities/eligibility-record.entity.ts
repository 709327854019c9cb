import { Column, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The columns of every eligibility record of one application (runs, waivers): the same as the
 * applications module's own records. The relation names the `Application` entity by its name, so
 * eligibility does not import the applications module (which imports eligibility).
 */
export abstract class EligibilityRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne('Application', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'application_id' })
  application?: unknown;
}
