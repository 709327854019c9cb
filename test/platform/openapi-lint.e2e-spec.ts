import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer: string }[] }[];
}

/**
 * Redocly's `recommended` rules on the committed document: 0 errors. The warnings left are the probes
 * (health/live, health/ready), which have no 4xx answer to document.
 */
describe('openapi/openapi.json under Redocly', () => {
  it('passes the recommended ruleset with no errors', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['node_modules/@redocly/cli/bin/cli.js', 'lint', '--extends=recommended', '--format=json', 'openapi/openapi.json'],
      // telemetry and the update check would reach the network
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, maxBuffer: 16 * 1024 * 1024 },
    ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
    const report = JSON.parse(stdout) as LintReport;
    const errors = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
    const warned = report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}`);
    expect(warned).toEqual(
      ['/api/v1/health/live', '/api/v1/health/ready'].map(
        (path) => `operation-4xx-response #/paths/${path.replace(/\//g, '~1')}/get/responses`,
      ),
    );
  });
});
