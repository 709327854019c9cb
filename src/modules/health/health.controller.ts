import { Controller, Get, Headers, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.js';
import { Public } from '../../common/auth/auth.decorators.js';
import { metricsRegistry } from '../../common/metrics/metrics.js';
import { metricsAccess } from './domain/metrics-access.js';
import { metricsOff, metricsTokenRequired, notReady } from './health.errors.js';
import { ApiFileResponse, Operation } from '../../common/openapi/operation.decorator.js';

const STATUS_OK = { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } satisfies SchemaObject;

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

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
    description:
      'The process and HTTP metrics in the Prometheus text format, for the scraper that sends `METRICS_TOKEN` as a bearer token (401 without it). With no `METRICS_TOKEN` configured the route answers 404 to everyone. It is not behind the user sign-in: give the token to Prometheus, not to people.',
    errors: ['METRICS_TOKEN_REQUIRED', 'NOT_FOUND'],
  })
  @Public()
  @HttpCode(200)
  @ApiFileResponse('Prometheus metrics', 'text/plain')
  metrics(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    const access = metricsAccess(this.config.METRICS_TOKEN, authorization);
    if (access === 'off') throw metricsOff();
    if (access === 'denied') throw metricsTokenRequired();
    // set here, not by a decorator: a refusal keeps its JSON error body
    res.type('text/plain; version=0.0.4; charset=utf-8');
    return metricsRegistry.metrics();
  }
}
