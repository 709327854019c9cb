import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { AppConfig } from '../../../config/app-config.js';
import type { AuthUser, Role } from '../../../common/auth/auth-user.js';
import { PUBLIC_KEY, PUBLIC_LIMITED_KEY, ROLES_KEY } from '../../../common/auth/auth.decorators.js';
import { requestContext } from '../../../common/context/request-context.js';
import { RateLimiter } from '../../../common/rate-limit/rate-limiter.js';
import { RequestCounters } from '../../../common/rate-limit/request-counters.js';
import { AccessTokens, bearerToken } from '../access-tokens.js';
import { forbiddenRole, unauthenticated } from '../auth.errors.js';
import { AuthService } from '../auth.service.js';
import { type LimitedCaller, LimitSignals } from '../limit-signals.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Denied unless marked: a route is reachable only if it says `@Public()` or declares its roles with
 * `@Authenticated(...)`. A route with neither is refused for everyone (a missing declaration is a bug,
 * and failing closed keeps it from becoming a leak). Any other route needs a bearer access token
 * (`AccessTokens`) whose user is still active at the token's version (`AuthService.resolveUser`):
 * otherwise 401. A failing user lookup (the database busy or down) keeps its own answer, a 503 the
 * client retries, not a 401 that logs it out.
 */
@Injectable()
export class GlobalAuthGuard implements CanActivate {
  private readonly writeLimiter: RateLimiter;
  private readonly publicLimiter: RateLimiter;

  constructor(
    private readonly reflector: Reflector,
    config: AppConfig,
    counters: RequestCounters,
    private readonly signals: LimitSignals,
    private readonly tokens: AccessTokens,
    private readonly auth: AuthService,
  ) {
    this.writeLimiter = new RateLimiter(counters, 'write', config.RATE_LIMIT_PER_MINUTE);
    this.publicLimiter = new RateLimiter(counters, 'public', config.PUBLIC_RATE_LIMIT_PER_MINUTE);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) {
      if (this.reflector.getAllAndOverride<boolean>(PUBLIC_LIMITED_KEY, targets)) {
        const address = context.switchToHttp().getRequest<Request>().ip ?? 'unknown';
        await this.limit(context, this.publicLimiter, address, { limit: 'public', address });
      }
      return true;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const req = context.switchToHttp().getRequest<Request & { user: AuthUser }>();
    req.user = await this.authenticate(req.headers.authorization);
    const ctx = requestContext.get();
    if (ctx) ctx.user = req.user;
    if (!roles || !roles.includes(req.user.role)) throw forbiddenRole();
    if (WRITE_METHODS.has(req.method))
      await this.limit(context, this.writeLimiter, req.user.id, { limit: 'write', address: req.ip, user: req.user });
    return true;
  }

  /** 429 with Retry-After once `key` is over its limit (counted across every instance). */
  private async limit(context: ExecutionContext, limiter: RateLimiter, key: string, caller: LimitedCaller): Promise<void> {
    const refusal = await limiter.hit(key);
    if (refusal) await this.signals.refuse(context.switchToHttp().getResponse<Response>(), refusal, caller);
  }

  /** The caller a bearer token names: 401 for a missing, bad or expired token or a user who may no longer use it. */
  private async authenticate(authorization: string | undefined): Promise<AuthUser> {
    const token = bearerToken(authorization);
    const payload = token === null ? null : this.tokens.verify(token);
    const user = payload && (await this.auth.resolveUser(payload));
    if (!user) throw unauthenticated();
    return user;
  }
}
