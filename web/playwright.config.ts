import { defineConfig } from '@playwright/test';

// The built service (npm run build) on a fresh embedded database with the full demo, driven by
// Debian's Chromium (apt-get install chromium; never a browser download).
const PORT = Number(process.env.E2E_PORT ?? 3190);
export const DEMO_PASSWORD = 'e2e-demo-password-1';

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['./e2e/summary-reporter.ts']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'ru-RU',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    trace: 'off',
  },
  webServer: {
    command: `rm -rf .data-e2e && node dist/src/main.js`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/api/v1/health/ready`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      DATA_DIR: '.data-e2e',
      PORT: String(PORT),
      DEMO_SEED: 'full',
      DEMO_PASSWORD,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '0',
    },
  },
});
