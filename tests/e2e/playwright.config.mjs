// Playwright config for the end-to-end layer.
//
// It tests the release build in dist/ (make build), served UNDER A SUB-PATH:
// target/e2e-root/app -> dist, so the app lives at http://127.0.0.1:4173/app/.
// This proves that relative asset URLs, the manifest and the service worker work
// away from the origin's root.
//
// Run: make test-e2e   (or: npx playwright test --config tests/e2e/playwright.config.mjs)
import { defineConfig, devices } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PORT = 4173;
const CI = !!process.env.CI;

// Chromium from Debian (Playwright's own browser download cannot work here). As root it
// needs --no-sandbox; the background-networking flags keep it off the closed network.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.mjs',
  outputDir: resolve(ROOT, 'target/test-results/e2e'),
  fullyParallel: false,
  workers: CI ? 1 : 2,
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: resolve(ROOT, 'target/test-logs/e2e.json') }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/app/`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    {
      name: 'chromium',
      // The top-level `use.launchOptions` (Debian's binary and flags) still applies.
      use: { ...devices['Desktop Chrome'] },
    },
  ],
  webServer: {
    // A fresh root with the build mounted at /app/ (symlink), served by Python's static
    // server; its request log goes to target/test-logs/e2e-server.log.
    command:
      "test -f dist/index.html || { echo 'dist/index.html is missing: run make build first' >&2; exit 1; }; " +
      'rm -rf target/e2e-root && mkdir -p target/e2e-root target/test-logs && ' +
      `ln -s "${resolve(ROOT, 'dist')}" target/e2e-root/app && ` +
      `exec python3 -m http.server ${PORT} --bind 127.0.0.1 --directory target/e2e-root ` +
      '2> target/test-logs/e2e-server.log',
    cwd: ROOT,
    url: `http://127.0.0.1:${PORT}/app/`,
    reuseExistingServer: !CI,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
