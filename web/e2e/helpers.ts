import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** No serious or critical axe violation on what the page shows now. */
export async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
];

/**
 * Screenshots of the screen at phone and desktop size, each also checked for no horizontal scroll.
 * Written to docs/ui/ with SCREENSHOTS=1 (npm run screenshots), else to test-results/.
 */
export async function screenshots(page: Page, screen: string) {
  const dir = process.env.SCREENSHOTS
    ? join(import.meta.dirname, '..', '..', 'docs', 'ui')
    : join(import.meta.dirname, '..', 'test-results', 'ui');
  mkdirSync(dir, { recursive: true });
  const original = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${screen} scrolls sideways at ${size.width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(dir, `${screen}-${size.name}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/**
 * Collects console errors and failed requests of the page: any 5xx, any 4xx outside the API (a
 * missing asset or favicon). The API's own 4xx answers are the app's business (a wrong password is
 * a 401), so the browser's console line for them is not counted.
 */
export function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    const api = new URL(r.url()).pathname.startsWith('/api/');
    if (r.status() >= 500 || (r.status() >= 400 && !api)) problems.push(`${r.status()} ${r.url()}`);
  });
  // a request the page itself cancelled (a reload or navigation aborts the favicon) is no failure
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  return problems;
}
