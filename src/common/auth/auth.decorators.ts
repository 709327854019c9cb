import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { AuthUser, Role } from './auth-user.js';
import { ALL_ROLES } from './auth-user.js';

export const PUBLIC_KEY = 'ef:public';
export const PUBLIC_LIMITED_KEY = 'ef:public-limited';
export const ROLES_KEY = 'ef:roles';

/**
 * The route needs no authentication (login, health, letter verification). `rateLimited`: calls are
 * counted per client address (PUBLIC_RATE_LIMIT_PER_MINUTE), for public routes that take a secret
 * someone could try to guess; health and metrics stay unlimited for probes.
 */
export const Public = (options: { rateLimited?: boolean } = {}) =>
  applyDecorators(SetMetadata(PUBLIC_KEY, true), SetMetadata(PUBLIC_LIMITED_KEY, Boolean(options.rateLimited)));

/** The route needs a signed-in user with one of these roles (all roles when omitted). */
export const Authenticated = (options: { roles?: Role[] } = {}) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, options.roles ?? ALL_ROLES),
    ApiBearerAuth(),
    // the roles in the OpenAPI document: the access tests read them from there, and its 401 and 403
    // responses are added with the other error responses when the document is built (src/openapi-errors.ts)
    ApiExtension('x-roles', options.roles ?? ALL_ROLES),
  );

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const request = ctx.switchToHttp().getRequest<{ user: AuthUser }>();
  return request.user;
});
