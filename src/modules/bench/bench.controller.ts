import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Authenticated } from '../../common/auth/auth.decorators.js';
import { BenchProbe } from './entities/bench-probe.entity.js';

/**
 * The benchmark's baseline: an authenticated request that inserts one row into one table, through the
 * same guard, pipes, logging and TypeORM as every other route. Mounted only with BENCH_ENDPOINTS=true.
 */
@ApiExcludeController()
@Controller('bench')
export class BenchController {
  constructor(private readonly dataSource: DataSource) {}

  @Post('baseline')
  @Authenticated()
  @HttpCode(201)
  async baseline(): Promise<{ id: string }> {
    const repo = this.dataSource.getRepository(BenchProbe);
    const row = await repo.save(repo.create({}));
    return { id: row.id };
  }
}
