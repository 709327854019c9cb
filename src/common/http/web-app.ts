import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface Compressed {
  type: string;
  raw: Buffer;
  br: Buffer;
  gzip: Buffer;
}

/**
 * The app's scripts and styles compressed once, at start (a few hundred kilobytes): on a 1.6 Mbit/s
 * mobile line they are what the first visit waits for, and brotli takes them to about a third.
 */
function compressAssets(webDist: string): Map<string, Compressed> {
  const assets = new Map<string, Compressed>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (TYPES[extname(name)]) {
        const raw = readFileSync(path);
        assets.set(
          '/' +
            path
              .slice(webDist.length + 1)
              .split('\\')
              .join('/'),
          {
            type: TYPES[extname(name)],
            raw,
            br: brotliCompressSync(raw, {
              params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
            }),
            gzip: gzipSync(raw, { level: 9 }),
          },
        );
      }
    }
  };
  walk(webDist);
  return assets;
}

/**
 * Hashed assets never change (a year, immutable); the service worker must be checked on every visit
 * (a new release replaces it); other files (the icon) a day.
 */
function cacheControl(path: string): string {
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return path === '/sw.js' ? 'no-cache' : 'public, max-age=86400';
}

/**
 * Serves the web app at `/`: its files from memory, scripts and styles compressed, hashed assets
 * cached for a year, and `index.html` (never cached) for every other GET that is not under `/api`
 * and names no file, so the app's own routes survive a reload. A missing asset stays a real 404.
 * Nothing here touches the disk per request (a static-file middleware did a `stat` on every API
 * request too). Without a built app (`npm run build` makes it) nothing is mounted and the API works alone.
 */
export function serveWebApp(app: NestExpressApplication, webDist = findWebDist()): boolean {
  if (!webDist) return false;
  const indexHtml = readFileSync(join(webDist, 'index.html'));
  // revalidated on every visit (no-cache): the same page answers 304 to its ETag
  const indexTag = `"${createHash('sha256').update(indexHtml).digest('base64url')}"`;
  const files = compressAssets(webDist);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const file = files.get(req.path);
    if (!file) {
      if (req.path.startsWith('/api') || (extname(req.path) && req.path !== '/index.html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('ETag', indexTag);
      return res.type('html').send(indexHtml);
    }
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
    res.setHeader('Content-Type', file.type);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Cache-Control', cacheControl(req.path));
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.end(encoding === 'br' ? file.br : encoding === 'gzip' ? file.gzip : file.raw);
  });
  return true;
}
