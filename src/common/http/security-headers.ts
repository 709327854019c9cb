import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * helmet's headers on every answer. The API answers JSON, files and two small HTML pages (letter
 * verification and a shared letter, with inline styles and no script), so its content security policy allows nothing
 * else; Swagger UI under /api/docs needs its own scripts and styles, and gets a policy of its own.
 * The web app (every path outside /api) loads only its own scripts, styles and images and talks
 * only to its own origin; nothing inline. No page may be framed (clickjacking), no referrer leaves
 * (verification codes and share link tokens are in URLs). No API answer may be stored
 * (`Cache-Control: no-store`; a route may narrow it to `private, no-store`).
 */
export function securityHeaders(): (req: Request, res: Response, next: NextFunction) => void {
  const common = { frameguard: { action: 'deny' as const }, referrerPolicy: { policy: 'no-referrer' as const } };
  const api = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
    },
  });
  const docs = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
      },
    },
  });
  const web = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
      },
    },
  });
  return (req, res, next) => {
    if (req.path.startsWith('/api/docs')) return docs(req, res, next);
    if (!req.path.startsWith('/api')) return web(req, res, next);
    // no API answer is kept by a browser or a proxy: most carry personal data or a token
    res.setHeader('Cache-Control', 'no-store');
    return api(req, res, next);
  };
}
