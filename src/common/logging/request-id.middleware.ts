import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { requestContext } from '../context/request-context.js';
import type { AuthUser } from '../auth/auth-user.js';
import { recordHttpRequest } from '../metrics/metrics.js';

const VALID_ID = /^[A-Za-z0-9._-]{8,64}$/;

export interface RequestLogOptions {
  /**
   * Path prefixes (with the API prefix) of routes whose path holds a secret, such as a share
   * link's token: their requests are logged by route template, never by the path as requested.
   */
  secretPathPrefixes?: readonly string[];
}

/**
 * The path the request log writes: the path as requested, except under a secret prefix, where it
 * is the route's template (`/api/v1/shared/:token`), or for a request that matched no route the
 * prefix and `[redacted]`. Routing ignores case and the check does too, and it reads repeated
 * slashes as one, so no spelling of the path slips the secret through.
 */
export function loggedPath(path: string, template: string | undefined, secretPrefixes: readonly string[]): string {
  const normal = path.toLowerCase().replace(/\/{2,}/g, '/');
  const prefix = secretPrefixes.find((p) => normal === p || normal.startsWith(`${p}/`));
  if (!prefix) return path;
  return template ?? `${prefix}/[redacted]`;
}

/**
 * Gives every request an id (the caller's X-Request-Id when it is well formed), echoes it in the
 * response header, keeps it in the request context for logs, errors and audit events, and logs one
 * line per request: method, path without query string (see loggedPath), status, duration, user id.
 * Never the body.
 */
export function requestIdMiddleware(logger: Logger, options: RequestLogOptions = {}) {
  const secretPrefixes = (options.secretPathPrefixes ?? []).map((p) => p.toLowerCase().replace(/\/+$/, ''));
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    // read now: a router that answers a request it could not route leaves req.path cut after its mount point
    const path = req.path;
    const context = { requestId, ip: req.ip };
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = (req.route as { path?: string } | undefined)?.path;
      const template = route ? `${req.baseUrl}${route}` : undefined;
      const user = (req as Request & { user?: AuthUser }).user;
      recordHttpRequest(req.method, template ?? 'unmatched', res.statusCode, ms / 1000);
      logger.info(
        {
          requestId,
          method: req.method,
          path: loggedPath(path, template, secretPrefixes),
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          userId: user?.id,
        },
        'request',
      );
    });
    requestContext.run(context, () => next());
  };
}
