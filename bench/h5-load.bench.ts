// The H5 first load on a phone network, measured in Chromium: the JS and CSS fetched before the first
// screen (the privacy notice) and the time until it shows, under Fast 3G as Chrome DevTools defines it
// (1.6 Mbps down, 750 kbps up, 150 ms latency), with an empty cache, then again with the cache of the
// first visit. Each run is also made refusing compression (Accept-Encoding: identity) for comparison.
// Needs the H5 build (node scripts/ensure-h5.js). Run: npm run bench -- h5-load
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { chromium, type CDPSession } from '@playwright/test'
import { buildApp } from '../server/app'
import { loadConfig } from '../server/config'

const H5_DIR = path.resolve(__dirname, '../dist/h5')
const FAST_3G = { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 }
const RUNS = Number(process.env.BENCH_RUNS ?? 3)

interface Load {
  ms: number
  /** Bytes on the wire (headers included) of every script and stylesheet fetched before the notice. */
  wire: number
  files: string[]
}

async function firstScreen(url: string, cdp: CDPSession, page: import('@playwright/test').Page): Promise<Load> {
  const types = new Map<string, { type: string; url: string }>()
  const sizes = new Map<string, number>()
  const onResponse = (e: { requestId: string; type: string; response: { url: string } }) => types.set(e.requestId, { type: e.type, url: e.response.url })
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => sizes.set(e.requestId, e.encodedDataLength)
  cdp.on('Network.responseReceived', onResponse)
  cdp.on('Network.loadingFinished', onFinished)
  const start = Date.now()
  await page.goto(url)
  await page.locator('#agree-privacy').waitFor({ state: 'visible', timeout: 120_000 })
  const ms = Date.now() - start
  cdp.off('Network.responseReceived', onResponse)
  cdp.off('Network.loadingFinished', onFinished)
  let wire = 0
  const files: string[] = []
  for (const [id, t] of types) {
    if (t.type !== 'Script' && t.type !== 'Stylesheet') continue
    wire += sizes.get(id) ?? 0
    files.push(new URL(t.url).pathname)
  }
  return { ms, wire, files }
}

/** The gzip size of files as the build's .gz twins give it (or as gzip -9 would make it). */
function gzipBytes(files: string[]): { raw: number; gzip: number; brotli: number } {
  let raw = 0
  let gzip = 0
  let brotli = 0
  for (const f of files) {
    const p = path.join(H5_DIR, f)
    const body = fs.readFileSync(p)
    raw += body.length
    gzip += fs.existsSync(`${p}.gz`) ? fs.statSync(`${p}.gz`).size : zlib.gzipSync(body, { level: 9 }).length
    brotli += fs.existsSync(`${p}.br`) ? fs.statSync(`${p}.br`).size : zlib.brotliCompressSync(body).length
  }
  return { raw, gzip, brotli }
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`
const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function main() {
  if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) throw new Error('dist/h5 is missing: node scripts/ensure-h5.js')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-bench-h5-'))
  const app = await buildApp(loadConfig({ AUTH_MODE: 'dev', DATA_DIR: dataDir, STATIC_DIR: H5_DIR, LOG_LEVEL: 'warn' }), { logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic'] })
  try {
    for (const encoding of ['compressed', 'identity'] as const) {
      const cold: Load[] = []
      const warm: Load[] = []
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true })
        const page = await context.newPage()
        const cdp = await context.newCDPSession(page)
        await cdp.send('Network.enable')
        await cdp.send('Network.emulateNetworkConditions', FAST_3G)
        if (encoding === 'identity') await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } })
        cold.push(await firstScreen(url, cdp, page))
        // Leave the page, come back: what a second visit costs with the first visit's cache.
        await page.goto('about:blank')
        warm.push(await firstScreen(url, cdp, page))
        await context.close()
      }
      const files = gzipBytes(cold[0].files)
      console.log(`\n[${encoding === 'identity' ? 'without compression (Accept-Encoding: identity)' : 'as served (brotli/gzip)'}] Fast 3G, ${RUNS} runs, median`)
      console.log(`  first screen JS+CSS: ${cold[0].files.length} files, ${kb(files.raw)} raw, ${kb(files.gzip)} gzip, ${kb(files.brotli)} brotli`)
      console.log(`  empty cache: ${medianOf(cold.map((l) => l.ms))} ms to the privacy notice, ${kb(medianOf(cold.map((l) => l.wire)))} JS+CSS on the wire`)
      console.log(`  second visit: ${medianOf(warm.map((l) => l.ms))} ms to the privacy notice, ${kb(medianOf(warm.map((l) => l.wire)))} JS+CSS on the wire`)
    }
  } finally {
    await browser.close()
    await app.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
