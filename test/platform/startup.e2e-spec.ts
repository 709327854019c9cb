import { spawnSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';

/** The compiled service (npm test builds first) refuses to start on bad settings, with every problem named. */
describe('start-up configuration', () => {
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['dist/src/main.js'], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });

  it('refuses to start in production without secrets and says which', () => {
    const result = start({ NODE_ENV: 'production' });
    expect(result.status).toBe(1);
    for (const name of ['JWT_SECRET', 'PII_KEY', 'PII_HASH_KEY', 'DATABASE_URL'])
      expect(result.stderr).toContain(`${name} is required in production`);
    expect(result.stderr).toContain('.env.example');
  });

  it('refuses malformed settings', () => {
    const result = start({ PORT: 'http', PII_KEY: 'not-a-key', DEMO_SEED: 'everything' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT/);
    expect(result.stderr).toMatch(/PII_KEY must be 32 bytes/);
    expect(result.stderr).toMatch(/DEMO_SEED/);
  });
});
