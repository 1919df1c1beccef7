import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../server/app'
import { freshDatabase, testConfig, type TestDatabase } from '../support/server'

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script is plain Node (CommonJS), run after taro
const { precompress } = require('../../scripts/precompress-h5') as { precompress: (dir: string) => number }

const STARTUP_MS = 30_000

// The H5 build as a phone fetches it: compressed twins where the browser takes them, hashed files kept for
// a year, index.html checked each time. A small stand-in build keeps the test off the real (slow) one.
describe('http: the H5 build', () => {
  let dir: string
  let database: TestDatabase
  let app: FastifyInstance
  const script = `console.log(${JSON.stringify('议事'.repeat(2000))})\n`

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yishi-h5-'))
    fs.mkdirSync(path.join(dir, 'js'))
    fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><script src="js/app.0123abcd.js"></script>${' '.repeat(2000)}`)
    fs.writeFileSync(path.join(dir, 'js/app.0123abcd.js'), script)
    expect(precompress(dir)).toBe(2)
    database = await freshDatabase('sqlite')
    app = await buildApp(testConfig({ staticDir: dir }), { db: database.db, logger: false })
  }, STARTUP_MS)
  afterAll(async () => {
    await app.close()
    await database.drop()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('sends a hashed file as brotli, immutable for a year', async () => {
    const res = await app.inject({ method: 'GET', url: '/js/app.0123abcd.js', headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers['vary']).toMatch(/accept-encoding/i)
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(script)
  })

  it('sends gzip to a browser without brotli, and plain to one without either', async () => {
    const gz = await app.inject({ method: 'GET', url: '/js/app.0123abcd.js', headers: { 'accept-encoding': 'gzip' } })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(script)
    const plain = await app.inject({ method: 'GET', url: '/js/app.0123abcd.js', headers: { 'accept-encoding': 'identity' } })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body).toBe(script)
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('has index.html checked on every load', async () => {
    const res = await app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('does not hand out the twins by name', async () => {
    const res = await app.inject({ method: 'GET', url: '/js/app.0123abcd.js.br' })
    expect(res.statusCode).toBe(404)
  })

  it('leaves twins that are already newer than their file', () => {
    expect(precompress(dir)).toBe(0)
  })
})
