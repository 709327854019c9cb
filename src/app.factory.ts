import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import { buildOpenApiDocument, configureApp, mountSwagger } from './app.setup.js';
import type { AppConfig } from './config/app-config.js';
import { JsonNestLogger } from './common/logging/logger.js';
import { startDefaultMetrics } from './common/metrics/metrics.js';

/** Builds the configured Nest app (not yet listening). Used by main.ts and by the tests. */
export async function createApp(config: AppConfig, databaseUrl: string, logger: Logger): Promise<NestExpressApplication> {
  startDefaultMetrics();
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    logger: new JsonNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  configureApp(app, config, logger);
  mountSwagger(app, buildOpenApiDocument(app));
  return app;
}
