import { dirname, resolve, sep } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The module (`src/modules/<name>/…`) a path lies in, or null. */
function moduleOf(path) {
  const parts = path.split(sep);
  const at = parts.lastIndexOf('modules');
  return at > 0 && parts[at - 1] === 'src' && parts.length > at + 2 ? parts[at + 1] : null;
}

/**
 * Modules export services and SQL fragments (`x.sql.ts`), never repositories: a file of one module
 * may not import another module's `*.repository` file (its own, from any of its folders, it may).
 * Relative imports are resolved against the importing file, so `../other/other.repository.js` and
 * `../../other/other.repository.js` are caught and `../same.repository.js` from `same/dto/` is not.
 */
const noForeignRepository = {
  meta: {
    type: 'problem',
    docs: { description: "Forbids importing another module's repository" },
    messages: {
      foreign:
        "'{{source}}' is the repository of module '{{target}}': import its service, or SQL it exports from {{target}}.sql.ts (see docs/architecture.md, Module dependencies)",
    },
    schema: [],
  },
  create(context) {
    const own = moduleOf(context.filename);
    if (!own) return {};
    const check = (node) => {
      const source = node.source;
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = resolve(dirname(context.filename), source.value);
      if (!/\.repository(\.[cm]?[jt]s)?$/.test(target)) return;
      const targetModule = moduleOf(target);
      if (targetModule && targetModule !== own)
        context.report({ node: source, messageId: 'foreign', data: { source: source.value, target: targetModule } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      '.data-*/**',
      'coverage/**',
      'openapi/**',
      'web/dist/**',
      'web/test-results/**',
      'web/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['src/modules/**/*.ts'],
    plugins: { local: { rules: { 'no-foreign-repository': noForeignRepository } } },
    rules: { 'local/no-foreign-repository': 'error' },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', 'src/**/*.spec.ts', 'src/**/*.cli.ts', 'web/e2e/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // the web app runs in the browser
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        localStorage: 'readonly',
        sessionStorage: 'readonly',
        Intl: 'readonly',
        Request: 'readonly',
        Response: 'readonly',
        HTMLDivElement: 'readonly',
        HTMLHeadingElement: 'readonly',
        HTMLInputElement: 'readonly',
        HTMLButtonElement: 'readonly',
      },
    },
  },
  {
    // the service worker runs in its own global scope
    files: ['web/public/sw.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { self: 'readonly', caches: 'readonly', fetch: 'readonly', URL: 'readonly', Promise: 'readonly' },
    },
  },
);
