import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ERROR_CODES, ERROR_STATUS, ERRORS_BY_OWNER, type ErrorCode } from '../../src/error-codes.js';
import { generateOpenApiDocument, serialiseOpenApi } from '../../src/openapi.js';

interface Response {
  description?: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
  'x-error-codes'?: ErrorCode[];
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: unknown[];
  responses: Record<string, Response>;
}

const doc = JSON.parse(readFileSync('openapi/openapi.json', 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
};
const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, ...op })),
);
const errorResponses = (op: Operation) => Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
/** The probes answer 200 or 503: a client cannot get a 4xx from them. */
const PROBES = ['GET /api/v1/health/live', 'GET /api/v1/health/ready'];

describe('openapi/openapi.json', () => {
  it('matches the document the code generates (run `npm run openapi` after changing the API)', async () => {
    const generated = serialiseOpenApi(await generateOpenApiDocument());
    const committed = readFileSync('openapi/openapi.json', 'utf8');
    expect(committed).toBe(generated);
  });

  it('documents every route under /api/v1 with bearer auth or as public', async () => {
    const generated = await generateOpenApiDocument();
    const paths = Object.keys(generated.paths);
    expect(paths.length).toBeGreaterThan(10);
    for (const p of paths) expect(p.startsWith('/api/v1/')).toBe(true);
    for (const op of operations) expect(op.security).toBeDefined();
  });

  it('gives every operation a summary, a description and a unique camelCase operationId', () => {
    const missing = operations.filter((op) => !op.summary?.trim() || !op.description?.trim()).map((op) => op.key);
    expect(missing).toEqual([]);
    const ids = operations.map((op) => op.operationId ?? '');
    expect(ids.filter((id) => !/^[a-z][a-zA-Z0-9]*$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every operation but the probes a 4xx answer with the ErrorResponse body', () => {
    const without = operations
      .filter((op) => !errorResponses(op).some(([status, r]) => status.startsWith('4') && refersToErrorResponse(r)))
      .map((op) => op.key);
    expect(without).toEqual(PROBES);
  });

  it('lists on each error response the codes it carries, each of that status', () => {
    const wrong: string[] = [];
    for (const op of operations) {
      for (const [status, response] of errorResponses(op)) {
        const codes = response['x-error-codes'] ?? [];
        if (!codes.length || !refersToErrorResponse(response)) wrong.push(`${op.key} ${status}: no codes or no ErrorResponse`);
        for (const code of codes) {
          if (String(ERROR_STATUS[code]) !== status) wrong.push(`${op.key} ${status}: ${code} answers ${ERROR_STATUS[code]}`);
          if (!response.description?.includes(`\`${code}\``)) wrong.push(`${op.key} ${status}: ${code} not described`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('types ErrorResponse.code with every code of the catalogue', () => {
    expect(doc.components.schemas.ErrorResponse.properties?.code.enum).toEqual([...ERROR_CODES]);
  });

  it("documents every module's error codes on at least one route", () => {
    const documented = new Set(operations.flatMap((op) => errorResponses(op).flatMap(([, r]) => r['x-error-codes'] ?? [])));
    const moduleCodes = Object.entries(ERRORS_BY_OWNER).flatMap(([owner, codes]) => (owner === 'common' ? [] : Object.values(codes)));
    expect(moduleCodes.filter((code) => !documented.has(code))).toEqual([]);
  });
});

function refersToErrorResponse(response: Response): boolean {
  return response.content?.['application/json']?.schema?.$ref === '#/components/schemas/ErrorResponse';
}
