import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtension, ApiExtraModels, ApiOkResponse, ApiOperation, getSchemaPath } from '@nestjs/swagger';
import type { ErrorCode } from '../errors/domain-error.js';

/** Where @Operation leaves a handler's error codes; the document build (src/openapi-errors.ts) turns them into responses. */
export const ERROR_CODES_EXTENSION = 'x-error-codes';

interface OperationDoc {
  /** The operationId: a camelCase verb and noun, unique in the API; the generated web client names its call after it. */
  id: string;
  summary: string;
  description: string;
  /**
   * The codes this route's use case can answer with. Those that follow from the route's shape are added
   * by the document build and need not be listed: UNAUTHENTICATED and FORBIDDEN (signed-in routes),
   * RATE_LIMITED (their writes), VALIDATION_FAILED (a path id, a query or a body), NOT_FOUND (a path id)
   * and PAYLOAD_TOO_LARGE (a JSON body). Each becomes a response of its code's status (ERROR_STATUS).
   */
  errors?: readonly ErrorCode[];
}

/** One route's documentation: what it does, its operationId, and the error codes it can answer with. */
export const Operation = (doc: OperationDoc) =>
  applyDecorators(
    ApiOperation({ operationId: doc.id, summary: doc.summary, description: doc.description }),
    ApiExtension(ERROR_CODES_EXTENSION, [...(doc.errors ?? [])]),
  );

/** A 200 whose body is a file, not JSON: bytes for binary types, text for text/*. */
export const ApiFileResponse = (description: string, ...mediaTypes: string[]) =>
  ApiOkResponse({
    description,
    content: Object.fromEntries(
      mediaTypes.map((type) => [type, { schema: type.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' } }]),
    ),
  });

/** A 200 whose body is `type` as JSON, or the same content as text in each of `textTypes` (CSV, an HTML page). */
export const ApiJsonOrTextResponse = (type: Type<unknown>, description: string, ...textTypes: string[]) =>
  applyDecorators(
    ApiExtraModels(type),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(type) } },
        ...Object.fromEntries(textTypes.map((text) => [text, { schema: { type: 'string' } }])),
      },
    }),
  );
