import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { generateOpenApiDocument, serialiseOpenApi } from '../../src/openapi.js';

describe('openapi/openapi.json', () => {
  it('matches the document the code generates (run `npm run openapi` after changing the API)', async () => {
    const generated = serialiseOpenApi(await generateOpenApiDocument());
    const committed = readFileSync('openapi/openapi.json', 'utf8');
    expect(committed).toBe(generated);
  });

  it('documents every route under /api/v1 with bearer auth or as public', async () => {
    const doc = await generateOpenApiDocument();
    const paths = Object.keys(doc.paths);
    expect(paths.length).toBeGreaterThan(10);
    for (const p of paths) expect(p.startsWith('/api/v1/')).toBe(true);
  });
});
