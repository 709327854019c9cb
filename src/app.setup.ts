import type { INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import type { AppConfig } from './config/app-config.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { requestIdMiddleware } from './common/logging/request-id.middleware.js';
import { createValidationPipe } from './common/validation/validation.js';
import { guardJsonBody } from './common/validation/body-guard.js';
import { MediaTypeGuard } from './common/validation/media-type.guard.js';
import { securityHeaders } from './common/http/security-headers.js';

const API_PREFIX = 'api/v1';

/** Everything main.ts and the tests both apply to the app, so tests exercise what runs. */
export function configureApp(app: NestExpressApplication, config: AppConfig, logger: Logger): void {
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(securityHeaders());
  app.use(requestIdMiddleware(logger));
  app.useBodyParser('json', { limit: '1mb' });
  app.use(guardJsonBody);
  app.enableCors(config.corsOrigins.length ? { origin: config.corsOrigins, credentials: false } : { origin: false });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalGuards(new MediaTypeGuard(app.get(Reflector)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(logger));
  app.enableShutdownHooks();
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Emergency Fund API')
    .setDescription(
      'Grant workflow for humanitarian emergency funds: partner NGOs request assistance for victims of trafficking and vulnerable migrants; ' +
        'program officers review; finance disburses and reconciles. Every route needs a bearer token unless marked public. ' +
        'Errors: { statusCode, error, code, message, details?, requestId }.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function mountSwagger(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
