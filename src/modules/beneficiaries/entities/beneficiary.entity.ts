import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { VersionedEntity } from '../../../common/database/versioned-entity.js';
import type { Category, Flag, Sex } from '../../../common/domain-codes.js';
import { Organisation } from '../../organisations/entities/organisation.entity.js';

/**
 * A person an NGO helps. The public part is plain; the private part (name, date of birth, document
 * number, phone, address) is one AES-256-GCM ciphertext bound to this row. Two keyed hashes find the
 * same person registered by another NGO without storing anything readable.
 */
@Entity('beneficiary')
@Index('uq_beneficiary_code', ['code'], { unique: true })
@Index('ix_beneficiary_organisation', ['organisationId', 'createdAt'])
@Index('ix_beneficiary_person_hash', ['personHash'])
@Index('ix_beneficiary_document_hash', ['documentHash'])
export class Beneficiary extends VersionedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @Column({ type: 'varchar', length: 10 })
  category: Category;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  flags: Flag[];

  @Column({ type: 'varchar', length: 20 })
  sex: Sex;

  @Column({ type: 'smallint' })
  birthYear: number;

  @Column({ type: 'char', length: 2 })
  nationality: string;

  /** Encrypted `{fullName, dateOfBirth, documentNumber, phone, address}`. */
  @Column({ type: 'text' })
  piiEnc: string;

  /** HMAC of the normalised name and date of birth. */
  @Column({ type: 'char', length: 64 })
  personHash: string;

  /** HMAC of the normalised document number, when one is given. */
  @Column({ type: 'char', length: 64, nullable: true })
  documentHash: string | null;

  @Column({ type: 'date' })
  consentGivenAt: string;

  @Column({ type: 'varchar', length: 20 })
  consentMethod: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;
}
