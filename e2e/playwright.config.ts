// Browser tests: the built H5 app in Debian's headless Chromium (Playwright downloads no browser here)
// against a real server on loopback, at phone size. Run with `npm run test:e2e`.
import fs from 'node:fs'
import { defineConfig } from '@playwright/test'

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (!fs.existsSync(executablePath)) throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium (or set CHROMIUM_PATH)`)

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // Traces, screenshots and the page's last state of a failed test (git-ignored).
  outputDir: 'artifacts/test-results',
  // One browser at a time: these machines have two cores. No retries: a retry would hide a flaky step.
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  // Each file is one long journey (see journey() in support/app.ts); the bounds are for a busy machine,
  // they never pace a step: every step waits for what it needs and goes on as soon as it is there.
  timeout: 600_000,
  expect: { timeout: 30_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath,
      // Keep Chromium from reaching for the network this machine does not have.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
    // A phone (390×844, like an iPhone 12-15) in Chinese.
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    isMobile: true,
    hasTouch: true,
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
