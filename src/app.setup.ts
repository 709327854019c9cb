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
import { serveWebApp } from './common/http/web-app.js';
import { documentErrors } from './openapi-errors.js';
import { SHARED_PATH } from './modules/awards/share-links.service.js';
import { VERIFICATION_PREFIX } from './modules/letters/letters.service.js';

const API_PREFIX = 'api/v1';

/** Everything main.ts and the tests both apply to the app, so tests exercise what runs. */
export function configureApp(app: NestExpressApplication, config: AppConfig, logger: Logger): void {
  // req.ip is the client behind the proxies TRUST_PROXY names: rate limits and lock-outs count it
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // no ETag computed per answer: API answers are never stored (no-store, securityHeaders), the web
  // app's page carries an ETag computed once (serveWebApp), letters their SHA-256
  app.set('etag', false);
  app.use(securityHeaders());
  // a share link's token and a letter's verification code are their only keys: the request log writes
  // those routes' templates, not their paths
  app.use(requestIdMiddleware(logger, { secretPathPrefixes: [`/${API_PREFIX}/${SHARED_PATH}`, VERIFICATION_PREFIX] }));
  app.useBodyParser('json', { limit: '1mb' });
  app.use(guardJsonBody);
  app.enableCors(config.corsOrigins.length ? { origin: config.corsOrigins, credentials: false } : { origin: false });
  app.setGlobalPrefix(API_PREFIX);
  serveWebApp(app);
  app.useGlobalGuards(new MediaTypeGuard(app.get(Reflector)));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(logger));
  app.enableShutdownHooks();
}

/** Each tag of the document, in the order a reader meets them, with what its routes are for. */
const TAGS: [string, string][] = [
  ['auth', 'Sign in, refresh and end sessions; who am I'],
  ['organisations', 'Partner NGOs (admin)'],
  ['users', 'Accounts and their roles (admin)'],
  ['funds', 'Country funds: budget, period, rules, and their ledger'],
  ['fx-rates', 'Monthly exchange rates to USD for the reports'],
  ['beneficiaries', 'People an NGO registers to request assistance for; their personal data is encrypted'],
  ['applications', 'Requests for assistance: drafts, submission, eligibility, messages, documents'],
  ['reviews', 'The review queue and the decisions of program officers'],
  ['awards', 'Approved grants, their amendments, closing, and award letters'],
  ['letters', 'Public verification of award letters (the QR code on a letter opens it)'],
  ['shared', 'Award letters shared by link: public, the token in the path is the key'],
  ['disbursements', 'Tranches paid against an award'],
  ['payment-batches', 'Tranches grouped into a bank file, then marked sent'],
  ['reconciliation', 'Bank statements imported and matched to tranches'],
  ['follow-ups', 'Outcome checks after an award, recorded by the NGO when due'],
  ['reports', 'Aggregate reports, as JSON or CSV'],
  ['notifications', "The caller's notifications"],
  ['audit', 'The tamper-evident audit trail'],
  ['health', 'Probes and metrics for operations'],
];

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('Emergency Fund API')
    .setDescription(
      'Grant workflow for humanitarian emergency funds: partner NGOs request assistance for victims of trafficking and vulnerable migrants; ' +
        'program officers review; finance disburses and reconciles. Every route needs a bearer token unless marked public. ' +
        'Errors share one body (ErrorResponse: statusCode, error, code, message, details?, requestId); each operation lists the codes it can ' +
        'answer with under its 4xx responses. Any route may also answer 500 INTERNAL, or 503 DATABASE_BUSY with Retry-After.',
    )
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'The server that serves this document; paths include the /api/v1 prefix')
    .addBearerAuth();
  for (const [name, description] of TAGS) builder.addTag(name, description);
  const document = SwaggerModule.createDocument(app, builder.build());
  documentErrors(document);
  return document;
}

export function mountSwagger(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
