import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import type { Request } from 'express';
import { COMMON_ERRORS } from '../errors/common.errors.js';
import { DomainError } from '../errors/domain-error.js';

/** What a route takes unless it declares otherwise: the only body parser the app mounts is the JSON one. */
const JSON_BODY = ['application/json'];

/**
 * A request whose body has a media type the route does not take answers 415 UNSUPPORTED_MEDIA_TYPE,
 * rather than reaching the validation pipe unparsed (a 400 listing every field as missing, which
 * misleads the caller). The types a route takes are its `@ApiConsumes` (multipart document upload,
 * text/csv bank statement), so the OpenAPI document and this check cannot disagree; every other route
 * takes JSON. A request without a body (no Content-Length or 0, no Transfer-Encoding) passes whatever
 * its Content-Type: bodiless POSTs such as submit or claim keep working. A global guard added by
 * configureApp, after the auth guard (APP_GUARD, registered when the app is created): a caller is
 * authenticated first, and the check runs before route guards read the body (the sign-in's).
 */
export class MediaTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (!carriesBody(req)) return true;
    const accepted =
      this.reflector.getAllAndOverride<string[] | undefined>(DECORATORS.API_CONSUMES, [context.getHandler(), context.getClass()]) ??
      JSON_BODY;
    if (req.is(accepted)) return true;
    throw unsupportedMediaType(accepted);
  }
}

function carriesBody(req: Request): boolean {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return !Number.isFinite(length) || length > 0;
}

const unsupportedMediaType = (accepted: string[]) =>
  new DomainError(
    COMMON_ERRORS.UNSUPPORTED_MEDIA_TYPE,
    'unsupported_media',
    `This route takes a body of type ${accepted.join(' or ')}; set Content-Type accordingly`,
    undefined,
    { accepted },
  );
