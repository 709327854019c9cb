import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const METRICS_TOKEN = 'metrics-scraper-token-0123456789abcdef';

describe('health, metrics and request ids', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: METRICS_TOKEN });
  });
  afterAll(() => t.close());

  it('answers live and ready without a token', async () => {
    expect((await api(t).get('/health/live')).body).toEqual({ status: 'ok' });
    expect((await api(t).get('/health/ready')).body).toEqual({ status: 'ok', database: 'up' });
  });

  it('serves Prometheus metrics including request durations', async () => {
    await api(t).get('/health/live');
    const res = await api(t).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });

  it('echoes a well-formed request id and puts it in error bodies and logs', async () => {
    const res = await api(t).get('/funds').set('X-Request-Id', 'trace-12345678');
    expect(res.status).toBe(401);
    expect(res.headers['x-request-id']).toBe('trace-12345678');
    expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', requestId: 'trace-12345678' });
    const line = t.logs.map((l) => JSON.parse(l)).find((l) => l.requestId === 'trace-12345678' && l.msg === 'request');
    expect(line).toMatchObject({ method: 'GET', path: '/api/v1/funds', status: 401 });
  });

  it('makes up a request id when none or a malformed one is sent', async () => {
    const res = await api(t).get('/health/live').set('X-Request-Id', 'bad id with spaces');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with the standard 404 body', async () => {
    const res = await api(t).get('/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'NOT_FOUND' });
    expect(res.body.requestId).toBeTruthy();
  });
});

describe('body limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: METRICS_TOKEN });
  });
  afterAll(() => t.close());

  it('answers a JSON body over 1 MB with 413 in the standard error shape', async () => {
    const res = await api(t).post('/auth/login', JSON.stringify({ email: 'a@example.org', password: 'x'.repeat(1_200_000) }), {
      contentType: 'application/json',
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'PAYLOAD_TOO_LARGE' });
    expect(res.body.requestId).toBeTruthy();
  });
});
