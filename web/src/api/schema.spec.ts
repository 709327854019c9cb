import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import openapiTS, { astToString } from 'openapi-typescript';

// web/src/api/schema.d.ts is generated from openapi/openapi.json (npm run openapi); a hand edit or a
// forgotten regeneration fails here, so the web client always types the API as it is.
describe('the web app API client', () => {
  it('is generated from the committed API document', async () => {
    const document = readFileSync('openapi/openapi.json', 'utf8');
    const expected = astToString(await openapiTS(JSON.parse(document)));
    const committed = readFileSync('web/src/api/schema.d.ts', 'utf8');
    expect(committed.slice(committed.indexOf('export interface paths'))).toBe(expected.slice(expected.indexOf('export interface paths')));
  });
});
