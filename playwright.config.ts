import { defineConfig } from '@playwright/test';

/** End-to-end tests in Debian's Chromium against browser mode; each test starts its own host with a fresh data dir. */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-output/playwright',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: process.env.CI ? 2 : undefined,
  reporter: [['list']],
  use: {
    locale: 'zh-CN',
    viewport: { width: 1366, height: 800 },
    launchOptions: {
      executablePath: process.env.XINFANG_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
