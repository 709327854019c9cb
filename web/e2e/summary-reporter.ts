import { writeFileSync } from 'node:fs';
import type { FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/**
 * One closing line in the form CI reads from every test run ("N passed, N failed"), and with
 * E2E_SUMMARY_FILE the same counts as Jest's JSON names them, for CI's total.
 */
export default class SummaryReporter implements Reporter {
  private passed = 0;
  private failed = 0;

  onTestEnd(_test: TestCase, result: TestResult) {
    if (result.status === 'passed') this.passed++;
    else if (result.status !== 'skipped') this.failed++;
  }

  onEnd(_result: FullResult) {
    console.log(`Tests: ${this.passed} passed, ${this.failed} failed`);
    const file = process.env.E2E_SUMMARY_FILE;
    if (file) writeFileSync(file, JSON.stringify({ numPassedTests: this.passed, numFailedTests: this.failed }));
  }
}
