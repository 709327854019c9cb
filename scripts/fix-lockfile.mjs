// npm 11 leaves platform bindings that this machine's registry mirror cannot describe out of
// package-lock.json, then `npm ci` refuses the lock ("Missing: @unrs/resolver-binding-… from lock
// file"). This adds the entries a complete lock would have (version, os, cpu, libc; no integrity,
// since they are never downloaded on other platforms). Run `npm run fix-lockfile` after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    const match =
      /^@unrs\/resolver-binding-(android|darwin|freebsd|linux|openharmony|win32)-([a-z0-9]+)(?:-(gnu|gnueabihf|musl|musleabihf|msvc|eabi))?$/.exec(
        dep,
      );
    if (packages[key] || !match) continue;
    const [, os, cpu, abi] = match;
    const libc = abi?.startsWith('gnu') ? 'glibc' : abi?.startsWith('musl') ? 'musl' : undefined;
    packages[key] = {
      version,
      cpu: [cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(libc ? { libc: [libc] } : {}),
      optional: true,
      os: [os],
    };
    added++;
    void path;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(`fix-lockfile: added ${added} placeholder entries`);
