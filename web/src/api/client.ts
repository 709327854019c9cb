import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { session } from './session';

/** The error body every API failure carries (see the API document's ErrorResponse). */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  requestId?: string;
  details?: { field: string; message: string }[];
  [extra: string]: unknown;
}

/** A failed call: the API's error body, or a network failure (code NETWORK) with nothing sent back. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.code);
  }
  get code() {
    return this.body.code;
  }
}

const SESSION_ROUTES = ['/api/v1/auth/login', '/api/v1/auth/refresh'];
let refreshing: Promise<boolean> | null = null;

/** One refresh at a time, shared by every request that met a 401 meanwhile. */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = session.refreshToken;
    if (!refreshToken) return false;
    try {
      const res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken }),
      });
      if (!res.ok) return false;
      const body = (await res.json()) as { accessToken: string; refreshToken: string };
      session.renew(body.accessToken, body.refreshToken);
      return true;
    } catch {
      return false;
    }
  })().finally(() => (refreshing = null));
  return refreshing;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (session.accessToken) request.headers.set('Authorization', `Bearer ${session.accessToken}`);
    return request;
  },
  async onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status !== 401 || SESSION_ROUTES.includes(path)) return response;
    // the access token expired (15 min): refresh once and replay; otherwise the session has ended
    if (await refreshSession()) {
      const retry = request.clone();
      retry.headers.set('Authorization', `Bearer ${session.accessToken}`);
      return fetch(retry);
    }
    sessionExpired();
    return response;
  },
};

const expiredListeners = new Set<() => void>();
function sessionExpired() {
  for (const l of expiredListeners) l();
}
/** Called when a refresh fails: the app asks for the password again over the kept page. */
export function onSessionExpired(listener: () => void) {
  expiredListeners.add(listener);
  return () => {
    expiredListeners.delete(listener);
  };
}

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/**
 * The data of an openapi-fetch answer, or an ApiError: an error body from the API, or NETWORK
 * when the connection dropped (what the user typed stays on the page either way).
 */
export async function call<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await promise;
  } catch {
    throw new ApiError(0, { statusCode: 0, code: 'NETWORK', message: 'network' });
  }
  if (result.error !== undefined || !result.response.ok) {
    const body = (result.error ?? {}) as Partial<ApiErrorBody>;
    throw new ApiError(result.response.status, { statusCode: result.response.status, message: '', ...body, code: body.code ?? 'UNKNOWN' });
  }
  return result.data as T;
}
