import type { Test } from 'supertest';
import type { Role } from '../../src/common/auth/auth-user.js';
import type { TestApp } from './test-app.js';
import { bearer } from './test-app.js';
import { USER_OF_ROLE } from './users.js';

/** The one prefix of every route; paths given to the helpers below start after it (`/applications`). */
export const API = '/api/v1';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface SendOptions {
  /** Sets `Idempotency-Key` (the routes that move money ask for one). */
  idempotencyKey?: string;
  /** Sets `Content-Type`: with a string body, the text goes as it is (a CSV statement, JSON broken on purpose). */
  contentType?: string;
}

/**
 * Requests to the app, signed in or not. Each method returns supertest's request, not yet sent, so a
 * test chains `.query()`, `.set()`, `.attach()` or `.expect()` on it as before. `post`, `put` and
 * `patch` send a JSON body, `{}` when none is given; `request` sends nothing (multipart, a method
 * chosen at run time).
 */
interface Api {
  get(path: string): Test;
  delete(path: string): Test;
  post(path: string, body?: object | string, options?: SendOptions): Test;
  put(path: string, body?: object | string, options?: SendOptions): Test;
  patch(path: string, body?: object | string, options?: SendOptions): Test;
  request(method: Method, path: string): Test;
}

export interface AnonymousApi extends Api {
  /** The same requests with `Authorization: Bearer <token>`. */
  as(token: string): Api;
}

type Http = Pick<TestApp, 'http'>;

function client(t: Http, token: string | undefined): Api {
  const request = (method: Method, path: string): Test => {
    const req = t.http[method](`${API}${path}`);
    return token === undefined ? req : req.set(bearer(token));
  };
  const withBody =
    (method: Method) =>
    (path: string, body: object | string = {}, options: SendOptions = {}) => {
      let req = request(method, path);
      if (options.idempotencyKey !== undefined) req = req.set('Idempotency-Key', options.idempotencyKey);
      if (options.contentType !== undefined) req = req.set('Content-Type', options.contentType);
      return req.send(body);
    };
  return {
    get: (path) => request('get', path),
    delete: (path) => request('delete', path),
    post: withBody('post'),
    put: withBody('put'),
    patch: withBody('patch'),
    request,
  };
}

/** `api(t).get('/health/live')`, `api(t).as(token).post('/applications', body)`. */
export function api(t: Http): AnonymousApi {
  return { ...client(t, undefined), as: (token: string) => client(t, token) };
}

/** The demo users' addresses by handle: `ngo.kz` → ngo.kz@example.org. */
const emailOf = (handle: string) => `${handle}@example.org`;

/**
 * Signs each demo user in by handle (`ngo.kz`, `officer2.kz`, `finance`), one after another, and
 * puts the tokens in `tokens` (returned too).
 */
export async function loginAll(
  t: TestApp,
  handles: readonly string[],
  tokens: Record<string, string> = {},
): Promise<Record<string, string>> {
  for (const handle of handles) tokens[handle] = await t.login(emailOf(handle));
  return tokens;
}

/** The token of the demo user of `role` (USER_OF_ROLE). */
export const loginAs = (t: TestApp, role: Role) => t.login(USER_OF_ROLE[role]);

/** A supertest parser that keeps the body as bytes (PDFs, uploaded documents): `.buffer(true).parse(binary)`. */
export const binary = (res: unknown, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};
