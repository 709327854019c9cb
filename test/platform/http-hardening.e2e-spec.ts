import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { API, api } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

describe('HTTP hardening', () => {
  describe('with the default settings', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('sends the security headers on every answer, and no framework banner', async () => {
      for (const path of [`${API}/health/live`, `${API}/auth/me`, `${API}/letters/verify/${'x'.repeat(32)}`]) {
        const res = await t.http.get(path);
        expect(res.headers['content-security-policy']).toBe(
          "default-src 'none';style-src 'unsafe-inline';img-src 'self' data:;frame-ancestors 'none';base-uri 'none';form-action 'none'",
        );
        expect(res.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
          'cross-origin-opener-policy': 'same-origin',
        });
        expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('lets no browser or proxy keep an API answer, and revalidates the web page by its ETag', async () => {
      const token = await t.login('officer.kz@example.org');
      for (const res of [
        await api(t).as(token).get('/auth/me'),
        await api(t).as(token).get('/review-queue?country=KZ'),
        await api(t).get('/auth/me'),
        await api(t).post('/auth/login', { email: 'officer.kz@example.org', password: 'wrong password' }),
      ]) {
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers.etag).toBeUndefined();
      }
      const page = await t.http.get('/');
      expect(page.status).toBe(200);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers.etag).toMatch(/^"[\w-]{43}"$/);
      const again = await t.http.get('/applications/new').set('If-None-Match', page.headers.etag);
      expect(again.status).toBe(304);
      expect((await t.http.get('/').set('If-None-Match', '"another"')).status).toBe(200);
    });

    it('serves Swagger UI under its own policy, with no inline script', async () => {
      const res = await t.http.get('/api/docs/');
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    });

    it('allows no cross-origin calls unless configured', async () => {
      const preflight = await t.http
        .options(`${API}/auth/login`)
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const simple = await api(t).get('/health/live').set('Origin', 'https://evil.example');
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('refuses a JSON body over 1 MB with 413, before reading it all', async () => {
      const token = await t.login('admin@example.org');
      const res = await api(t)
        .as(token)
        .post('/organisations', `{"name":"${'x'.repeat(1_100_000)}"}`, { contentType: 'application/json' });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ statusCode: 413 });
      expect(res.body.requestId).toBeTruthy();
    });
  });

  describe('with the limits and origins set', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ CORS_ORIGINS: 'https://ef.example.org', PUBLIC_RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '2' });
    });
    afterAll(() => t.close());

    it('lets the configured origin call the API, and no other', async () => {
      const allowed = await t.http
        .options(`${API}/auth/login`)
        .set('Origin', 'https://ef.example.org')
        .set('Access-Control-Request-Method', 'POST');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://ef.example.org');
      expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
      const other = await t.http
        .options(`${API}/auth/login`)
        .set('Origin', 'https://ef.example.org.evil.example')
        .set('Access-Control-Request-Method', 'POST');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('limits the public routes that take a secret per address, not the probes', async () => {
      const verify = () =>
        api(t)
          .get(`/letters/verify/${'y'.repeat(32)}`)
          .set('Accept', 'application/json');
      for (let i = 0; i < 3; i++) expect((await verify()).status).toBe(404);
      const limited = await verify();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await api(t).post('/auth/refresh', { refreshToken: 'x.y' })).status).toBe(429);
      // a share link's token is a secret too: its page and its PDF share the same limit
      expect((await api(t).get(`/shared/${'a'.repeat(43)}`)).status).toBe(429);
      expect((await api(t).get(`/shared/${'a'.repeat(43)}/letter.pdf`)).status).toBe(429);
      for (let i = 0; i < 10; i++) expect((await api(t).get('/health/live')).status).toBe(200);
    });

    it('limits writes per user, not reads', async () => {
      const token = await t.login('admin@example.org');
      const write = () => api(t).as(token).post('/fx-rates', { currency: 'KZT', month: '2026-13', usdRate: '1' });
      expect((await write()).status).toBe(400);
      expect((await write()).status).toBe(400);
      expect((await write()).status).toBe(429);
      for (let i = 0; i < 5; i++) expect((await api(t).as(token).get('/auth/me')).status).toBe(200);
    });
  });
});
