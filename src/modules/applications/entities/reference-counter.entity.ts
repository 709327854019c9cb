import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last reference number given per country and year; its row lock makes numbers gapless. */
@Entity('reference_counter')
export class ReferenceCounter {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  scope: string;

  @PrimaryColumn({ type: 'char', length: 2 })
  country: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  lastNumber: number;
}
