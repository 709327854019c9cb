import { CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The one-row-one-table write of the benchmark baseline (BENCH_ENDPOINTS=true only). */
@Entity('bench_probe')
export class BenchProbe {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
