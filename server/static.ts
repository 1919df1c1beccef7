import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

// The H5 build, served by the API server. Files whose name carries a content hash never change under that
// name, so a phone keeps them for a year; index.html names the current ones and is checked on every load.
// The build leaves .br and .gz twins beside each file (scripts/precompress-h5.js): sent when the browser
// accepts them, without compressing on each request.

const HASHED = /\.[0-9a-f]{8}\.(?:js|css)(?:\.br|\.gz)?$/

export function cacheControlFor(file: string): string {
  return HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache'
}

export async function serveH5(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    // An array: with preCompressed, a plain string finds no index for "/".
    index: ['index.html'],
    preCompressed: true,
    // The twins are found through Accept-Encoding, never asked for by name.
    globIgnore: ['**/*.br', '**/*.gz'],
    cacheControl: false,
    setHeaders: (res, file) => {
      res.setHeader('Cache-Control', cacheControlFor(file))
      // Caches in between keep the brotli, gzip and plain answers apart.
      res.setHeader('Vary', 'Accept-Encoding')
    },
  })
}
