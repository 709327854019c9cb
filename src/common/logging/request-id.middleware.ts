import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { requestContext } from '../context/request-context.js';
import type { AuthUser } from '../auth/auth-user.js';
import { recordHttpRequest } from '../metrics/metrics.js';

const VALID_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (the caller's X-Request-Id when it is well formed), echoes it in the
 * response header, keeps it in the request context for logs, errors and audit events, and logs one
 * line per request: method, path without query string, status, duration, user id. Never the body.
 */
export function requestIdMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && VALID_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    const context = { requestId, ip: req.ip };
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = (req.route as { path?: string } | undefined)?.path;
      const user = (req as Request & { user?: AuthUser }).user;
      recordHttpRequest(req.method, route ? `${req.baseUrl}${route}` : 'unmatched', res.statusCode, ms / 1000);
      logger.info(
        {
          requestId,
          method: req.method,
          path: req.path,
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
