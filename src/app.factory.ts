import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { buildOpenApiDocument, configureApp, mountSwagger } from './app.setup.js';
import type { AppConfig } from './config/app-config.js';
import { JsonNestLogger } from './common/logging/logger.js';
import { startDefaultMetrics } from './common/metrics/metrics.js';

/**
 * Builds the configured Nest app (not yet listening). Used by the server, the command-line tools and
 * the tests; `extra` modules are mounted beside the app's own (the benchmark harness's baseline).
 */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  logger: Logger,
  extra: (Type | DynamicModule)[] = [],
): Promise<NestExpressApplication> {
  startDefaultMetrics();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl, extra), {
    logger: new JsonNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  configureApp(app, config, logger);
  mountSwagger(app, buildOpenApiDocument(app));
  return app;
}
