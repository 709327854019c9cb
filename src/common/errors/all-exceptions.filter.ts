import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { QueryFailedError } from 'typeorm';
import { requestContext } from '../context/request-context.js';
import { COMMON_ERRORS } from './common.errors.js';
import { DomainError, type ErrorCode, type FieldProblem } from './domain-error.js';
import { REASON_PHRASE, STATUS_BY_KIND } from './http-status.js';

interface ErrorBody {
  statusCode: number;
  error: string;
  code: ErrorCode;
  message: string;
  details?: FieldProblem[];
  requestId?: string;
  [key: string]: unknown;
}

/**
 * The one place where failures become HTTP answers (SPEC section 4). Domain errors map by kind;
 * framework HTTP errors keep their status; database errors a client can cause map to 400/409;
 * anything else is a logged 500 with a generic message.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    const requestId = requestContext.requestId() ?? (res.getHeader('X-Request-Id') as string | undefined);
    const body = this.toBody(exception, req);
    body.requestId = requestId;
    if (body.code === DATABASE_BUSY.code) {
      this.logger.warn(
        { requestId, err: { message: exception instanceof Error ? exception.message : String(exception) } },
        'database busy',
      );
    } else if (body.statusCode >= 500) {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error({ requestId, err: { name: err.name, message: err.message, stack: err.stack } }, 'unhandled error');
    }
    if (res.headersSent) return;
    if (body.code === DATABASE_BUSY.code) res.setHeader('Retry-After', '1');
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: Request): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_BY_KIND[exception.kind];
      return {
        statusCode,
        error: REASON_PHRASE[statusCode] ?? 'Error',
        code: exception.code,
        message: exception.message,
        ...(exception.details ? { details: exception.details } : {}),
        ...(exception.extra ?? {}),
      };
    }
    if (exception instanceof HttpException && exception.cause instanceof SyntaxError) {
      // Nest maps body-parser's JSON errors to a 400 carrying the parser's own wording
      return {
        statusCode: 400,
        error: 'Bad Request',
        code: COMMON_ERRORS.VALIDATION_FAILED,
        message: 'The request body is not valid JSON',
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const message =
        statusCode === 404 && !(typeof response === 'object' && 'code' in (response as object))
          ? `No route for ${req.method} ${req.path}`
          : typeof response === 'string'
            ? response
            : String((response as { message?: unknown }).message ?? exception.message);
      return { statusCode, error: REASON_PHRASE[statusCode] ?? 'Error', code: codeForStatus(statusCode), message };
    }
    const pgCode = postgresErrorCode(exception);
    if (pgCode) {
      if (pgCode === '23505') {
        return {
          statusCode: 409,
          error: 'Conflict',
          code: COMMON_ERRORS.DUPLICATE,
          message: 'A record with the same unique values already exists',
        };
      }
      // 22021: a NUL character (\u0000), which PostgreSQL text cannot hold, sent in any string field
      if (
        pgCode === '22P02' ||
        pgCode === '22003' ||
        pgCode === '22007' ||
        pgCode === '22008' ||
        pgCode === '22001' ||
        pgCode === '22021' ||
        pgCode === '22P05'
      ) {
        return {
          statusCode: 400,
          error: 'Bad Request',
          code: COMMON_ERRORS.VALIDATION_FAILED,
          message: 'A value is out of range or malformed',
        };
      }
      if (pgCode === '40001' || pgCode === '40P01') {
        return {
          statusCode: 409,
          error: 'Conflict',
          code: COMMON_ERRORS.CONCURRENT_UPDATE,
          message: 'A concurrent change conflicted with this one; try again',
        };
      }
      // lock_timeout (DATABASE_WAIT_SECONDS): another request held a row this one needed for too long
      if (pgCode === '55P03') return { ...DATABASE_BUSY };
    }
    // the pool had no free connection within DATABASE_WAIT_SECONDS (pg-pool's own wording)
    if (exception instanceof Error && POOL_TIMEOUT.test(exception.message)) return { ...DATABASE_BUSY };
    return { statusCode: 500, error: 'Internal Server Error', code: COMMON_ERRORS.INTERNAL, message: 'An unexpected error occurred' };
  }
}

/** A wait for the database that ran past DATABASE_WAIT_SECONDS: the transaction was rolled back, so the client may simply retry. */
const DATABASE_BUSY = {
  statusCode: 503,
  error: 'Service Unavailable',
  code: COMMON_ERRORS.DATABASE_BUSY,
  message: 'The database was too busy to answer in time; nothing was changed, try again',
} as const;

const POOL_TIMEOUT = /^timeout exceeded when trying to connect$|^Connection terminated due to connection timeout$/;

function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return COMMON_ERRORS.VALIDATION_FAILED;
    case 401:
      return COMMON_ERRORS.UNAUTHENTICATED;
    case 403:
      return COMMON_ERRORS.FORBIDDEN;
    case 404:
      return COMMON_ERRORS.NOT_FOUND;
    case 405:
      return COMMON_ERRORS.METHOD_NOT_ALLOWED;
    case 413:
      return COMMON_ERRORS.PAYLOAD_TOO_LARGE;
    case 415:
      return COMMON_ERRORS.UNSUPPORTED_MEDIA_TYPE;
    case 429:
      return COMMON_ERRORS.RATE_LIMITED;
    default:
      return status >= 500 ? COMMON_ERRORS.INTERNAL : COMMON_ERRORS.HTTP_ERROR;
  }
}

/** The SQLSTATE of a database error, whether TypeORM wrapped it or a prepared statement raised it directly. */
function postgresErrorCode(exception: unknown): string | undefined {
  if (exception instanceof QueryFailedError) return (exception.driverError as { code?: string } | undefined)?.code;
  const e = exception as { code?: unknown; severity?: unknown } | null;
  return e && typeof e === 'object' && typeof e.code === 'string' && typeof e.severity === 'string' ? e.code : undefined;
}
