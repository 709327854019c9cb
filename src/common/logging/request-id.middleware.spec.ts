import { describe, expect, it } from '@jest/globals';
import { loggedPath } from './request-id.middleware.js';

const SECRET = ['/api/v1/shared'];
const TOKEN = 'q6fJ0nq2Wc3L7dFvB1yY8uZk5Hs9Ra4Te2Xo0Pm3NbA';

describe('loggedPath', () => {
  it('keeps ordinary paths as requested', () => {
    expect(loggedPath('/api/v1/awards/0f6c', '/api/v1/awards/:id', SECRET)).toBe('/api/v1/awards/0f6c');
    expect(loggedPath('/api/v1/sharedx/abc', undefined, SECRET)).toBe('/api/v1/sharedx/abc');
  });

  it('writes the route template of a path under a secret prefix, however it is spelled', () => {
    for (const path of [`/api/v1/shared/${TOKEN}`, `/API/V1/Shared/${TOKEN}`, `//api/v1//shared/${TOKEN}`]) {
      expect(loggedPath(path, '/api/v1/shared/:token', SECRET)).toBe('/api/v1/shared/:token');
    }
    expect(loggedPath(`/api/v1/shared/${TOKEN}/letter.pdf`, '/api/v1/shared/:token/letter.pdf', SECRET)).toBe(
      '/api/v1/shared/:token/letter.pdf',
    );
  });

  it('cuts a request under a secret prefix that matched no route at the prefix', () => {
    expect(loggedPath(`/api/v1/shared/${TOKEN}/other`, undefined, SECRET)).toBe('/api/v1/shared/[redacted]');
    expect(loggedPath('/api/v1/shared', undefined, SECRET)).toBe('/api/v1/shared/[redacted]');
  });
});
