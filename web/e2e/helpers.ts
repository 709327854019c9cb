import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
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

/** Signs ngo.kz (or another demo user) in and sets the page's language (stored on the user, as a person would). */
export async function signIn(page: Page, password: string, language: 'ru' | 'en', email = 'ngo.kz@example.org') {
  await page.goto('/');
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('.tabs')).toBeVisible();
  await page.locator('#language-header').selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}

/**
 * Counts what a person does: each click, each field typed into, each option chosen, each file
 * picked counts one. The request form's budget is 25 for a whole new request.
 */
export function actionCounter() {
  let count = 0;
  return {
    get count() {
      return count;
    },
    async click(target: Locator) {
      count++;
      await target.click();
    },
    async fill(target: Locator, value: string) {
      count++;
      await target.fill(value);
    },
    async select(target: Locator, value: string) {
      count++;
      await target.selectOption(value);
    },
    async check(target: Locator) {
      count++;
      await target.check();
    },
    async upload(target: Locator, file: { name: string; mimeType: string; buffer: Buffer }) {
      count++;
      await target.setInputFiles(file);
    },
  };
}

/** A small but complete PDF (header, one empty page, cross-reference table, trailer). */
export function samplePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * The app's own words for a test that runs in several languages: `t('form.continue')`,
 * `t('errors:NETWORK')`, with {{params}} filled. The Russian tests that check literal Russian are
 * the check on the words themselves; this keeps a test that runs in every language readable.
 */
export function catalogue(lng: 'ru' | 'en') {
  const dir = join(import.meta.dirname, '..', 'src', 'i18n', lng);
  const namespaces: Record<string, unknown> = {};
  for (const ns of ['common', 'errors', 'eligibility']) namespaces[ns] = JSON.parse(readFileSync(join(dir, `${ns}.json`), 'utf8'));
  return (key: string, params: Record<string, string | number> = {}): string => {
    const [ns, path] = key.includes(':') ? key.split(':') : ['common', key];
    let value: unknown = namespaces[ns];
    for (const part of path.split('.')) value = (value as Record<string, unknown>)?.[part];
    if (typeof value !== 'string') throw new Error(`no ${lng} text for ${key}`);
    return value.replace(/{{(\w+)}}/g, (_, name: string) => String(params[name] ?? `{{${name}}}`));
  };
}
