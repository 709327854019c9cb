import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { AppConfig } from './config/app-config.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { invalid } from './common/errors/domain-error.js';
import { requestIdMiddleware } from './common/logging/request-id.middleware.js';
import { createValidationPipe } from './common/validation/validation.js';

export const API_PREFIX = 'api/v1';

/** Everything main.ts and the tests both apply to the app, so tests exercise what runs. */
export function configureApp(app: NestExpressApplication, config: AppConfig, logger: Logger): void {
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(requestIdMiddleware(logger));
  app.useBodyParser('json', { limit: '1mb' });
  app.use(refuseDeepBodies);
  app.enableCors(config.corsOrigins.length ? { origin: config.corsOrigins, credentials: false } : { origin: false });
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(logger));
  app.enableShutdownHooks();
}

/** Far deeper than any DTO. class-transformer recurses once per level: ~10k levels overflow the stack (a 500). */
export const MAX_BODY_DEPTH = 32;

/** Refuses a parsed body nested deeper than MAX_BODY_DEPTH with a 400, before any pipe or guard transforms it. */
export function refuseDeepBodies(req: Request, _res: Response, next: NextFunction): void {
  const stack: [unknown, number][] = [[req.body, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      return next(invalid([{ field: 'body', message: `The request body is nested more than ${MAX_BODY_DEPTH} levels deep` }]));
    }
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  next();
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
