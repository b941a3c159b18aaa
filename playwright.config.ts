import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

/** System Chromium first (CHROMIUM_PATH, else Debian's); never a download during a test. */
export const chromiumPath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const E2E_PORT = Number(process.env.ARBITER_E2E_PORT ?? 7791);
/** The e2e host's key: pages opened at `/#host=KEY` are the host's own UI. */
export const E2E_HOST_KEY = 'e2e-host-key-0123456789';

// A fresh data folder per run, outside test-results/ (Playwright empties that folder while the host runs).
const dataDir = mkdtempSync(join(tmpdir(), 'arbiter-e2e-'));

export default defineConfig({
  testDir: 'e2e',
  // Hang-catchers, not speed limits: on a busy 2-core machine pages and WebGL are slow, and a
  // test waits for conditions (expect, expect.poll) rather than for fixed times.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-reports/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}/`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'web',
      testMatch: /.*\.web\.spec\.ts/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
            '--use-angle=swiftshader',
            '--enable-unsafe-swiftshader',
            '--ignore-gpu-blocklist',
            // Real host candidates on loopback: node-datachannel cannot resolve mDNS (.local) ones.
            '--disable-features=WebRtcHideLocalIpsWithMdns',
          ],
        },
      },
    },
    { name: 'electron', testMatch: /.*\.electron\.spec\.ts/ },
  ],
  webServer: {
    command: `node out/main/host.js --port ${E2E_PORT} --data-dir ${dataDir} --host-key ${E2E_HOST_KEY} --log-level warn`,
    url: `http://127.0.0.1:${E2E_PORT}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
