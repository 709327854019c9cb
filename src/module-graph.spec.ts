import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';

// The module graph is read from the code by scripts/module-graph.mjs; docs/modules.md is its
// committed picture. These hold the floors and boundaries of docs/architecture.md.
const graph = (...args: string[]) => execFileSync(process.execPath, ['scripts/module-graph.mjs', ...args], { encoding: 'utf8' });

describe('module graph', () => {
  const stats = JSON.parse(graph('--json')) as { up: string[]; mutual: string[][]; cycles: string[][]; repositoryReach: string[] };

  it('docs/modules.md is what the code says (npm run graph rewrites it)', () => {
    expect(() => graph('--check')).not.toThrow();
  });

  it('no module pair imports each other, and there is no cycle between modules', () => {
    expect(stats.mutual).toEqual([]);
    expect(stats.cycles).toEqual([]);
  });

  it('no import runs up a floor', () => {
    expect(stats.up).toEqual([]);
  });

  it("no module imports another module's repository", () => {
    expect(stats.repositoryReach).toEqual([]);
  });
});
