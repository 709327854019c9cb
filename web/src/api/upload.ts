import { ApiError, refreshSession } from './client';
import type { components } from './schema';
import { session } from './session';

type DocumentResponse = components['schemas']['DocumentResponse'];
export type DocumentKind = DocumentResponse['kind'];

/**
 * Uploads one document to an application with progress (fetch cannot report upload progress, so
 * this is the one XMLHttpRequest of the app). The file name goes as the browser sends it (raw UTF-8:
 * «Смета.pdf» stays «Смета.pdf»). A 401 refreshes the session once and sends again; failures are
 * ApiErrors like every other call (NETWORK when the connection dropped).
 */
export async function uploadDocument(
  applicationId: string,
  file: File,
  kind: DocumentKind,
  onProgress: (fraction: number) => void,
): Promise<DocumentResponse> {
  const first = await send(applicationId, file, kind, onProgress);
  if (first.status !== 401 || !(await refreshSession())) return settle(first);
  return settle(await send(applicationId, file, kind, onProgress));
}

function send(applicationId: string, file: File, kind: DocumentKind, onProgress: (fraction: number) => void) {
  return new Promise<{ status: number; body: unknown }>((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/applications/${encodeURIComponent(applicationId)}/documents`);
    if (session.accessToken) xhr.setRequestHeader('Authorization', `Bearer ${session.accessToken}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = xhr.onabort = xhr.ontimeout = () => resolve({ status: 0, body: null });
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function settle({ status, body }: { status: number; body: unknown }): DocumentResponse {
  if (status >= 200 && status < 300) return body as DocumentResponse;
  if (status === 0) throw new ApiError(0, { statusCode: 0, code: 'NETWORK', message: 'network' });
  const error = (body ?? {}) as { code?: string; message?: string };
  throw new ApiError(status, { statusCode: status, message: '', ...error, code: error.code ?? 'UNKNOWN' });
}
