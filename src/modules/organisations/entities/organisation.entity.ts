import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedEntity } from '../../../common/database/versioned-entity.js';

export type OrganisationStatus = 'active' | 'suspended';

@Entity('organisation')
@Index('uq_organisation_registration', ['country', 'registrationNumber'], { unique: true })
export class Organisation extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'varchar', length: 100 })
  registrationNumber: string;

  @Column({ type: 'varchar', length: 254 })
  contactEmail: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address: string | null;

  /** `{bankName, iban, bic}` encrypted with the PII key (associated data `organisation:<id>`). */
  @Column({ type: 'text', nullable: true })
  bankAccountEnc: string | null;

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: OrganisationStatus;
}
