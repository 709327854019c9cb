import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { buildOpenApiDocument } from './app.setup.js';
import { loadConfig } from './config/app-config.js';

/**
 * The OpenAPI document, built in Nest's preview mode: controllers and decorators are read, no provider
 * runs, so no database is needed. Committed as openapi/openapi.json; a test fails when it is stale.
 */
export async function generateOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET: 'x'.repeat(32),
    PII_KEY: Buffer.alloc(32).toString('base64'),
    PII_HASH_KEY: Buffer.alloc(32).toString('base64'),
  });
  const app = await NestFactory.create(AppModule.forRoot(config, 'postgres://openapi@127.0.0.1:1/none'), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  app.setGlobalPrefix('api/v1');
  const document = buildOpenApiDocument(app);
  await app.close();
  return document;
}

export function serialiseOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
