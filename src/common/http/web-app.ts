import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';

/** The built web app (`web/dist`), found from this file upward: from `src/` under ts-jest, from `dist/src/` when built. */
function findWebDist(from = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

/**
 * Serves the web app at `/`: its hashed assets with a year's cache, and `index.html` (never cached)
 * for every other GET that is not under `/api` and names no file, so the app's own routes survive a
 * reload. A missing asset stays a real 404. Without a built app (`npm run build` makes it) nothing
 * is mounted and the API works alone.
 */
export function serveWebApp(app: NestExpressApplication, webDist = findWebDist()): boolean {
  if (!webDist) return false;
  const indexHtml = readFileSync(join(webDist, 'index.html'));
  app.useStaticAssets(webDist, { index: false, maxAge: '1y', immutable: true });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api') || extname(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(indexHtml);
  });
  return true;
}
