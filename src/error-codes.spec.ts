import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { DomainError, invalid, notFound } from './common/errors/domain-error.js';
import { STATUS_BY_KIND } from './common/errors/http-status.js';
import { ERROR_CODES, ERROR_STATUS, ERRORS_BY_OWNER } from './error-codes.js';
import { RULE_CODES } from './modules/eligibility/domain/rule-codes.js';

const src = dirname(fileURLToPath(import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every source file of src/ but the specs, with its text. */
const sources = walk(src).map((path) => ({ path, name: relative(src, path), text: readFileSync(path, 'utf8') }));
const catalogue = new Set<string>(ERROR_CODES);

/** Every exported `X_ERRORS` object of src/, wherever it is declared, with the file that declares it. */
const declared = await Promise.all(
  sources
    .filter((f) => /export const [A-Z_]+_ERRORS\b/.test(f.text))
    .map(async (f) => ({ file: f, exports: (await import(pathToFileURL(f.path).href)) as Record<string, unknown> })),
);
const codeObjects = declared.flatMap(({ file, exports }) =>
  Object.entries(exports)
    .filter(([name]) => /^[A-Z_]+_ERRORS$/.test(name))
    .map(([name, value]) => ({ file: file.name, name, codes: value as Record<string, string> })),
);
const factories = declared
  .filter(({ file }) => file.name.endsWith('.errors.ts'))
  .flatMap(({ file, exports }) =>
    Object.entries(exports)
      .filter(([, value]) => typeof value === 'function')
      .map(([name, value]) => ({ file: file.name, name, build: value as (...args: unknown[]) => unknown })),
  );

/** Codes written as string literals where a code is expected: a remnant of the time before the constants. */
function literalCodes(text: string): string[] {
  const patterns = [
    /new DomainError\(\s*'([A-Z][A-Z0-9_]*)'/g,
    /\bconflict\(\s*'([A-Z][A-Z0-9_]*)'/g,
    /\bnotFound\([^()]*,\s*'([A-Z][A-Z0-9_]*)'\s*\)/g,
    /\bcode:\s*'([A-Z][A-Z0-9_]*)'/g,
  ];
  const ruleCodes = new Set<string>(RULE_CODES);
  return patterns.flatMap((p) => [...text.matchAll(p)].map((m) => m[1])).filter((code) => !ruleCodes.has(code));
}

/** Calls a factory with placeholder arguments of the first shape it accepts. */
function build(factory: (...args: unknown[]) => unknown): unknown {
  for (const arg of ['x', ['x'], new Date(0), 1]) {
    try {
      return factory(arg, arg, arg, arg);
    } catch {
      // try the next shape
    }
  }
  throw new Error('no placeholder argument fits');
}

describe('the error-code catalogue', () => {
  it('lists each code once, each owner object mapping names to themselves', () => {
    expect(ERROR_CODES.length).toBe(catalogue.size);
    for (const codes of Object.values(ERRORS_BY_OWNER)) {
      for (const [key, code] of Object.entries(codes)) expect(key).toBe(code);
    }
    expect(Object.values(ERRORS_BY_OWNER).reduce((n, codes) => n + Object.keys(codes).length, 0)).toBe(ERROR_CODES.length);
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('holds every *_ERRORS object declared under src/ (each in an x.errors.ts)', () => {
    const owned = new Set<unknown>(Object.values(ERRORS_BY_OWNER));
    const missing = codeObjects.filter((o) => !owned.has(o.codes)).map((o) => `${o.name} (${o.file})`);
    expect(missing).toEqual([]);
    expect(codeObjects.filter((o) => !o.file.endsWith('.errors.ts')).map((o) => `${o.name} (${o.file})`)).toEqual([]);
    expect(codeObjects.length).toBe(Object.keys(ERRORS_BY_OWNER).length);
  });

  it('holds every code a source file still writes as a literal', () => {
    const missing = sources.flatMap((f) =>
      literalCodes(f.text)
        .filter((code) => !catalogue.has(code))
        .map((code) => `${code} (${f.name})`),
    );
    expect(missing).toEqual([]);
  });

  it('lists no code that nobody throws: each is used by name outside its declaration', () => {
    const used = sources.filter((f) => f.name !== 'error-codes.ts').map((f) => f.text);
    const unused = codeObjects.flatMap(({ name, codes }) =>
      Object.keys(codes)
        .filter((key) => !used.some((text) => new RegExp(`\\b${name}\\.${key}\\b`).test(text)))
        .map((key) => `${name}.${key}`),
    );
    expect(unused).toEqual([]);
  });

  it('has every factory of an x.errors.ts used outside its file', () => {
    const unused = factories
      .filter((f) => !sources.some((s) => s.name !== f.file && new RegExp(`\\b${f.name}\\b`).test(s.text)))
      .map((f) => `${f.name} (${f.file})`);
    expect(unused).toEqual([]);
  });

  it.each(factories.map((f) => [`${f.name} (${f.file})`, f.build] as const))(
    '%s builds a DomainError of a listed code with the listed status',
    (_name, factory) => {
      const error = build(factory);
      expect(error).toBeInstanceOf(DomainError);
      const { code, kind } = error as DomainError;
      expect(catalogue.has(code)).toBe(true);
      expect(STATUS_BY_KIND[kind]).toBe(ERROR_STATUS[code]);
    },
  );

  it('gives the common factories their listed status', () => {
    for (const error of [notFound('Thing'), invalid([])]) expect(STATUS_BY_KIND[error.kind]).toBe(ERROR_STATUS[error.code]);
  });
});
