// The web app on a slow mobile line: Chromium's network emulation at 1.6 Mbit/s down, 750 kbit/s up,
// 150 ms latency, the CPU slowed 4×. Each time is a ratio to a blank page served by the same service
// in the same run (GET /api/v1/bench/blank, bench/server.js), medians of RUNS tries:
// - sign-in usable from a cold cache: the sign-in button shown and enabled;
// - after sign-in, the home screen with data: the table of the organisation's requests shown;
// - a second visit (cached): a new tab of the same browser to the sign-in page usable;
// and the JavaScript and CSS a first visit (sign-in, then home) loads, per chunk, gzipped.
import { chromium } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { fmt, startService } from './lib.js';

const RUNS = Number(process.env.WEB_BENCH_RUNS ?? 5);
const SLOW = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };

async function throttled(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return page;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchWeb() {
  const service = await startService({ DEMO_SEED: 'full' }, { baseline: true });
  const origin = service.base.replace('/api/v1', '');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const times = { blank: [], signIn: [], home: [], second: [] };
  const chunks = new Map();
  try {
    for (let run = 0; run < RUNS; run++) {
      const blankContext = await browser.newContext();
      const blank = await throttled(blankContext);
      let t0 = performance.now();
      await blank.goto(`${service.base}/bench/blank`, { waitUntil: 'load' });
      times.blank.push(performance.now() - t0);
      await blankContext.close();

      const context = await browser.newContext({ locale: 'ru-RU', viewport: { width: 390, height: 844 } });
      const page = await throttled(context);
      if (run === 0) {
        page.on('response', async (r) => {
          const path = new URL(r.url()).pathname;
          if (/\.(js|css)$/.test(path)) chunks.set(path, gzipSync(await r.body(), { level: 9 }).length);
        });
      }
      t0 = performance.now();
      await page.goto(origin + '/', { waitUntil: 'commit' });
      const button = page.locator('button[type=submit]:not([disabled])');
      await button.waitFor({ state: 'visible' });
      times.signIn.push(performance.now() - t0);

      await page.locator('#email').fill('ngo.kz@example.org');
      await page.locator('#password').fill('bench-password-1');
      t0 = performance.now();
      await button.click();
      await page.locator('table').waitFor({ state: 'visible' });
      times.home.push(performance.now() - t0);

      // the case worker closed the tab and comes back later: same browser, its cache kept
      await page.close();
      const again = await throttled(context);
      t0 = performance.now();
      await again.goto(origin + '/', { waitUntil: 'commit' });
      await again.locator('button[type=submit]').waitFor({ state: 'visible' });
      times.second.push(performance.now() - t0);
      await context.close();
    }
  } finally {
    await browser.close();
    await service.stop();
  }

  const blank = median(times.blank);
  const row = (what, ms, target) => [what, fmt(ms), `${fmt(ms / blank, 2)}×`, String(target)];
  const signIn = median(times.signIn);
  const home = median(times.home);
  const second = median(times.second);
  const totalKb = [...chunks.values()].reduce((a, b) => a + b, 0) / 1024;
  return {
    title: 'Web app on a slow mobile line',
    note:
      `Chromium ${browser.version()} with network emulation (1.6 Mbit/s down, 750 kbit/s up, 150 ms latency) and the CPU slowed 4×; ` +
      `medians of ${RUNS} tries; the ratio is to a blank page of the same service in the same run (${fmt(blank)} ms). ` +
      `First visit (sign-in, then home), gzipped: ${fmt(totalKb)} KB of JavaScript and CSS in ${chunks.size} files (target ≤ 200 KB): ` +
      [...chunks.entries()].map(([path, bytes]) => `\`${path.replace('/assets/', '')}\` ${fmt(bytes / 1024)} KB`).join(', ') +
      '.',
    columns: ['what', 'ms', 'ratio to blank page', 'target ms'],
    rows: [
      ['blank page (reference)', fmt(blank), '1.00×', '—'],
      row('sign-in usable, cold cache', signIn, 3000),
      row('after sign-in: home with data', home, 2000),
      row('second visit (cached): sign-in usable', second, 1000),
    ],
    verdicts: [
      [`sign-in usable in ${fmt(signIn)} ms from a cold cache (< 3000 ms)`, signIn < 3000],
      [`home with data ${fmt(home)} ms after signing in (< 2000 ms)`, home < 2000],
      [`second visit usable in ${fmt(second)} ms (< 1000 ms)`, second < 1000],
      [`first visit loads ${fmt(totalKb)} KB of JavaScript and CSS, gzipped (≤ 200 KB)`, totalKb <= 200],
    ],
  };
}
