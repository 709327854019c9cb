import type { NextFunction, Request, Response } from 'express';
import { type FieldProblem, invalid } from '../errors/domain-error.js';

/** Far deeper than any DTO. class-transformer recurses once per level: ~10k levels overflow the stack (a 500). */
const MAX_BODY_DEPTH = 32;

/** More than any list a route takes (a payment batch names at most 5,000 tranches): validating 100,000 bad items held the event loop for seconds. */
const MAX_ARRAY_ITEMS = 5000;

// a NUL cannot be stored in PostgreSQL text; a lone surrogate is not Unicode text
const NUL = /\u0000/; // eslint-disable-line no-control-regex
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Checks a parsed JSON body before any guard or pipe transforms it: nesting no deeper than
 * MAX_BODY_DEPTH, no list longer than MAX_ARRAY_ITEMS, and strings free of NUL characters and unpaired surrogates. Walks without recursion
 * and names every bad field, like the validation pipe does.
 */
export function guardJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const problems: FieldProblem[] = [];
  const stack: [unknown, number, string][] = [[req.body, 0, '']];
  while (stack.length && problems.length < 20) {
    const [value, depth, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (NUL.test(value)) problems.push({ field: path || 'body', message: `${path || 'body'} must not contain NUL characters` });
      else if (LONE_SURROGATE.test(value))
        problems.push({ field: path || 'body', message: `${path || 'body'} must be valid Unicode text` });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) {
      return next(invalid([{ field: 'body', message: `The request body is nested more than ${MAX_BODY_DEPTH} levels deep` }]));
    }
    if (Array.isArray(value) && value.length > MAX_ARRAY_ITEMS) {
      return next(invalid([{ field: path || 'body', message: `${path || 'body'} holds more than ${MAX_ARRAY_ITEMS} items` }]));
    }
    for (const [key, child] of Object.entries(value)) stack.push([child, depth + 1, path ? `${path}.${key}` : key]);
  }
  next(problems.length ? invalid(problems) : undefined);
}
