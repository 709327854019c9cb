import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** File bytes kept in PostgreSQL by the default FileStorage. */
@Entity('stored_file')
export class StoredFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bytea' })
  bytes: Buffer;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
