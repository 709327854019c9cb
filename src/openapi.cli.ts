/** `npm run openapi`: writes openapi/openapi.json. */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { generateOpenApiDocument, serialiseOpenApi } from './openapi.js';

const document = await generateOpenApiDocument();
mkdirSync('openapi', { recursive: true });
writeFileSync('openapi/openapi.json', serialiseOpenApi(document));
console.log(`Wrote openapi/openapi.json (${Object.keys(document.paths).length} paths)`);
