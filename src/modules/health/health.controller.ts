import { Controller, Get, Header, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/auth.decorators.js';
import { metricsRegistry } from '../../common/metrics/metrics.js';
import { notReady } from './health.errors.js';
import { ApiFileResponse, Operation } from '../../common/openapi/operation.decorator.js';

const STATUS_OK = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } satisfies SchemaObject;

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('health/live')
  @Operation({
    id: 'getLiveness',
    summary: 'Liveness probe',
    description: 'Answers 200 while the process is up; it does not touch the database.',
  })
  @Public()
  @ApiOkResponse({ description: 'The process is up', schema: STATUS_OK })
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @Operation({
    id: 'getReadiness',
    summary: 'Readiness probe',
    description: 'Answers 200 when the database answers, 503 otherwise.',
    errors: ['NOT_READY'],
  })
  @Public()
  @ApiOkResponse({
    description: 'The database answers',
    schema: {
      ...STATUS_OK,
      required: ['status', 'database'],
      properties: { ...STATUS_OK.properties, database: { type: 'string', enum: ['up'] } },
    },
  })
  async ready() {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok', database: 'up' };
    } catch {
      throw notReady();
    }
  }

  @Get('metrics')
  @Operation({
    id: 'getMetrics',
    summary: 'Prometheus metrics',
    description: 'The process and HTTP metrics in the Prometheus text format.',
  })
  @Public()
  @HttpCode(200)
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiFileResponse('Prometheus metrics', 'text/plain')
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
