import type { OpenAPIObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { ERROR_CODES_EXTENSION } from './common/openapi/operation.decorator.js';
import { REASON_PHRASE } from './common/errors/http-status.js';
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from './error-codes.js';

/** What each code means to a client, for the error responses of the API document. */
const ERROR_MEANING: { readonly [C in ErrorCode]: string } = {
  VALIDATION_FAILED: 'a path id, query parameter or body field is malformed or out of range; `details` names each field',
  NOT_FOUND: 'the record does not exist or is outside your scope (records you may not see answer 404, not 403)',
  UNAUTHENTICATED: 'the access token is missing, invalid or expired, or the session was ended',
  FORBIDDEN: 'your role may not use this route',
  METHOD_NOT_ALLOWED: 'the route does not take this method',
  PAYLOAD_TOO_LARGE: 'the body is larger than the route accepts (1 MB of JSON; MAX_UPLOAD_MB for a document)',
  UNSUPPORTED_MEDIA_TYPE: 'the body is not of the media type the route reads',
  RATE_LIMITED: 'too many requests from you (writes, per user) or from your address (public routes); wait for `Retry-After` seconds',
  VERSION_CONFLICT: 'someone changed the record since you read it; `currentVersion` is the version now, reload and try again',
  CONCURRENT_UPDATE: 'a concurrent change conflicted with this one; nothing changed, try again',
  DUPLICATE: 'a record with the same unique values already exists',
  IDEMPOTENCY_KEY_REUSED: 'this Idempotency-Key was used before with another body',
  DATABASE_BUSY: 'the database was too busy to answer in time; nothing changed, retry after `Retry-After` seconds',
  INTERNAL: 'an unexpected error; it is logged with the `requestId`',
  HTTP_ERROR: 'a framework error without a code of its own',
  INVALID_CREDENTIALS: 'wrong e-mail or password (or the account no longer exists)',
  INVALID_REFRESH_TOKEN: 'the refresh token is invalid, expired or revoked; sign in again',
  ORGANISATION_EXISTS: 'an organisation with this registration number is already registered in the country',
  NO_ORGANISATION: 'your NGO account is not linked to an organisation',
  EMAIL_TAKEN: 'a user with this e-mail already exists',
  LAST_ADMIN: 'the change would leave no active admin (disabling or demoting the last one); make another admin first',
  OWN_ACCESS: 'an admin cannot disable their own account or take away their own admin role',
  FUND_PERIOD_OVERLAP: 'the country already has a fund for part of this period',
  FUND_BUDGET_BELOW_USE: 'the budget would fall below what is already committed or disbursed',
  INSUFFICIENT_FUNDS: "the fund's available balance cannot cover this; `available` is what it has",
  FX_RATE_EXISTS: 'a rate for this currency and month is already recorded',
  ILLEGAL_TRANSITION: 'the status of the application does not allow this action; `currentStatus` is its status',
  RULE_NOT_FAILED: 'the rule did not fail in the latest eligibility check, so it cannot be waived',
  ALREADY_WAIVED: 'the rule is already waived for this application',
  UNSUPPORTED_FILE_TYPE:
    'the file is not a PDF, JPEG or PNG by its content, or carries HTML markup (`reason`: unknown_format, html_markup)',
  FILE_TYPE_MISMATCH: "the file's content is of another type than its Content-Type or extension says (`detected`, `claimed`)",
  FILE_DAMAGED: 'the file starts as a PDF, JPEG or PNG but is truncated or does not parse; `reason` says what is wrong',
  DOCUMENT_LIMIT_REACHED: 'the application holds as many documents as it may (`limit`, MAX_DOCUMENTS_PER_APPLICATION)',
  CLAIMED_BY_ANOTHER: 'another officer has claimed the application; only they (or an admin, to release it) may act on it',
  CLAIM_FIRST: 'the application is submitted but nobody has claimed it: claim it, then decide',
  FOUR_EYES: 'the four-eyes rule: another officer (or an admin) must take this decision',
  AWARD_NOT_AMENDABLE: 'the award can no longer be amended; `currentStatus` is its status',
  AWARD_NOT_ACTIVE: 'the award is no longer active; `currentStatus` is its status',
  AMENDMENT_BELOW_TRANCHES: 'the new amount is below what is already in tranches (`tranches`); cancel tranches first',
  TRANCHES_PENDING: 'tranches are still scheduled or at the bank (`unpaid`); cancel them or wait for the statement',
  SHARE_LINK_LIMIT: 'the award has as many active share links as it may (`limit`); withdraw one first',
  LETTER_NOT_READY: 'the letter is still being prepared; try again in a minute',
  OVER_AWARD: 'the tranche is more than what of the award is not yet planned or paid (`remaining`)',
  DISBURSEMENT_IN_BATCH: "the tranche's bank file was downloaded (`batchId`); mark the batch sent, then the tranche failed if unpaid",
  DISBURSEMENT_NOT_CANCELLABLE: 'only a scheduled tranche can be cancelled; `currentStatus` is its status',
  DISBURSEMENT_NOT_SENT: 'only a sent tranche can be marked failed; `currentStatus` is its status',
  DISBURSEMENTS_NOT_BATCHABLE: 'some tranches cannot go into this batch; `details` says which and why',
  BATCH_NOT_OPEN: 'the batch was already marked sent',
  BATCH_EMPTY: 'every tranche of the batch was cancelled: there is nothing to send',
  PAYEE_WITHOUT_ACCOUNT: 'no IBAN on file for the payees of `paymentReferences`',
  STATEMENT_TOO_LARGE: 'the statement is larger than MAX_STATEMENT_MB; split it',
  LINE_ALREADY_MATCHED: 'the statement line already pays a disbursement (`disbursementId`); unmatch it first',
  LINE_NOT_MATCHED: 'the statement line pays no disbursement',
  DISBURSEMENT_NOT_PAYABLE: 'only a scheduled or sent tranche can be matched; `currentStatus` is its status',
  LINE_IS_INCOMING: 'the line brought money in (a positive amount, `lineAmount`): it pays no disbursement',
  MATCH_AMOUNT_DIFFERS: 'the line (`lineAmount`) and the tranche (`disbursementAmount`) are for different amounts',
  TRANCHE_RETURNED: 'the bank returned the payment this line made: the tranche is failed already',
  FOLLOW_UP_RECORDED: 'the follow-up was already recorded (`completedAt`)',
  FOLLOW_UP_NOT_DUE: 'the follow-up is not due yet (`dueOn`)',
  NOT_READY: 'the database does not answer',
  METRICS_TOKEN_REQUIRED: 'the metrics need `METRICS_TOKEN` as a bearer token',
};

const ERROR_RESPONSE = 'ErrorResponse';
const ERROR_REF = { $ref: `#/components/schemas/${ERROR_RESPONSE}` };

/** The body of every error answer, as the global filter (AllExceptionsFilter) writes it. */
const ERROR_SCHEMAS: Record<string, SchemaObject> = {
  FieldProblem: {
    type: 'object',
    required: ['field', 'message'],
    properties: {
      field: { type: 'string', description: 'Dotted path of the field (`items.0.amount`), `body`, or a header name', example: 'amount' },
      message: { type: 'string', example: 'amount must be a positive amount with at most 2 decimals' },
    },
  },
  [ERROR_RESPONSE]: {
    type: 'object',
    description:
      'Every error answer. `code` is stable and says what went wrong (clients translate it); `message` is English for people. ' +
      'A few codes add fields of their own, listed below; clients should ignore fields they do not know.',
    required: ['statusCode', 'error', 'code', 'message'],
    properties: {
      statusCode: { type: 'integer', description: 'The HTTP status, repeated', example: 409 },
      error: { type: 'string', description: 'The reason phrase of the status', example: 'Conflict' },
      code: { type: 'string', enum: [...ERROR_CODES], description: 'What went wrong', example: 'VERSION_CONFLICT' },
      message: {
        type: 'string',
        description: 'What went wrong, in English, for people',
        example: 'This record was changed by someone else',
      },
      details: { type: 'array', items: { $ref: '#/components/schemas/FieldProblem' }, description: 'Each field at fault' },
      requestId: {
        type: 'string',
        description: 'The X-Request-Id of the request, also in the server log',
        example: 'b3c1f9e2-8d1a-4c55-9e0f-2a7d6c1b4e90',
      },
      currentVersion: { type: 'integer', description: 'VERSION_CONFLICT: the version of the record now' },
      currentStatus: { type: 'string', description: 'ILLEGAL_TRANSITION and the other status conflicts: the status of the record now' },
      available: { type: 'string', description: "INSUFFICIENT_FUNDS: the fund's available balance", example: '1200.00' },
      remaining: { type: 'string', description: 'OVER_AWARD: what of the award is not yet planned or paid', example: '300.00' },
      tranches: { type: 'string', description: 'AMENDMENT_BELOW_TRANCHES: what is in tranches paid or planned', example: '800.00' },
      unpaid: { type: 'string', description: 'TRANCHES_PENDING: what is in tranches scheduled or at the bank', example: '250.00' },
      batchId: {
        type: 'string',
        format: 'uuid',
        nullable: true,
        description: 'DISBURSEMENT_IN_BATCH, CONCURRENT_UPDATE: the payment batch',
      },
      disbursementId: {
        type: 'string',
        format: 'uuid',
        nullable: true,
        description: 'LINE_ALREADY_MATCHED: the disbursement the line pays',
      },
      lineAmount: {
        type: 'string',
        description: 'LINE_IS_INCOMING, MATCH_AMOUNT_DIFFERS: the amount on the statement line',
        example: '-45000.00',
      },
      disbursementAmount: { type: 'string', description: 'MATCH_AMOUNT_DIFFERS: the amount of the tranche', example: '45000.00' },
      paymentReferences: { type: 'array', items: { type: 'string' }, description: 'PAYEE_WITHOUT_ACCOUNT: the payments without an IBAN' },
      completedAt: { type: 'string', format: 'date-time', description: 'FOLLOW_UP_RECORDED: when it was recorded' },
      dueOn: { type: 'string', format: 'date', description: 'FOLLOW_UP_NOT_DUE: the day it is due' },
      limit: { type: 'integer', description: 'SHARE_LINK_LIMIT: the most active share links an award may have', example: 20 },
    },
  },
};

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * The codes a route answers with because of its shape, whatever its use case: the global guard's
 * (401, 403, and 429 on writes), the UUID pipe's and the validation pipe's (400), the lookup of a path
 * id (404) and the JSON body parser's limit (413).
 */
function codesOfShape(op: OperationObject, method: string): ErrorCode[] {
  const codes: ErrorCode[] = [];
  const params = (op.parameters ?? []) as { in?: string }[];
  if (op.security?.length) codes.push('UNAUTHENTICATED', 'FORBIDDEN', ...(WRITES.has(method) ? (['RATE_LIMITED'] as const) : []));
  if (params.length || op.requestBody) codes.push('VALIDATION_FAILED');
  if (params.some((p) => p.in === 'path')) codes.push('NOT_FOUND');
  if (op.requestBody && 'content' in op.requestBody && op.requestBody.content['application/json']) codes.push('PAYLOAD_TOO_LARGE');
  return codes;
}

function errorResponse(status: number, codes: ErrorCode[], roles: string[] | undefined): ResponseObject {
  const meaning = (code: ErrorCode) =>
    code === 'FORBIDDEN' && roles ? `${ERROR_MEANING.FORBIDDEN} (it is for: ${roles.join(', ')})` : ERROR_MEANING[code];
  return {
    description: [`${REASON_PHRASE[status] ?? 'Error'}, with \`code\`:`, ...codes.map((code) => `- \`${code}\`: ${meaning(code)}`)].join(
      '\n',
    ),
    content: { 'application/json': { schema: ERROR_REF } },
    [ERROR_CODES_EXTENSION]: codes,
  } as ResponseObject;
}

/**
 * Gives every operation its error responses: the codes @Operation lists and those of the route's
 * shape, grouped by status (ERROR_STATUS), each response with the ErrorResponse body and its codes
 * (`x-error-codes`, and in the description with what each means). Public operations get an empty
 * `security`: they say outright that they need no token.
 */
export function documentErrors(document: OpenAPIObject): void {
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...ERROR_SCHEMAS } };
  for (const item of Object.values(document.paths)) {
    for (const [method, op] of Object.entries(item) as [string, OperationObject & Record<string, unknown>][]) {
      if (!METHODS.has(method)) continue;
      const listed = (op[ERROR_CODES_EXTENSION] as ErrorCode[] | undefined) ?? [];
      delete op[ERROR_CODES_EXTENSION];
      if (!op.security?.length) op.security = [];
      const codes = [...new Set([...codesOfShape(op, method), ...listed])];
      const byStatus = new Map<number, ErrorCode[]>();
      for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
      const roles = op['x-roles'] as string[] | undefined;
      for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
        op.responses[String(status)] = errorResponse(status, byStatus.get(status)!, roles);
      }
    }
  }
}
