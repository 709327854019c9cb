import { Controller, Get, Header, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/auth.decorators.js';
import { metricsRegistry } from '../../common/metrics/metrics.js';
import { notReady } from './health.errors.js';

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('health/live')
  @Public()
  @ApiOkResponse({ description: 'The process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @Public()
  @ApiOkResponse({ description: 'The database answers' })
  @ApiServiceUnavailableResponse({ description: 'The database does not answer' })
  async ready() {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: 'up' };
    } catch {
      throw notReady();
    }
  }

  @Get('metrics')
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOkResponse({ description: 'Prometheus metrics' })
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
