// Writes a .br and a .gz twin beside each text file of the H5 build (dist/h5), at the strongest settings:
// done once here, the server sends them as they are (server/static.ts) instead of compressing per request.
// Usage: node scripts/precompress-h5.js [dir]; files whose twins are newer are skipped.
const fs = require('node:fs')
const path = require('node:path')
const zlib = require('node:zlib')

const COMPRESSIBLE = /\.(?:js|css|html|json|svg|map)$/
// Below this a compressed copy saves nothing worth a second file.
const MIN_BYTES = 1024

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? files(p) : [p]
  })
}

function fresh(twin, stat) {
  return fs.existsSync(twin) && fs.statSync(twin).mtimeMs >= stat.mtimeMs
}

function precompress(dir) {
  let count = 0
  for (const file of files(dir)) {
    if (!COMPRESSIBLE.test(file)) continue
    const stat = fs.statSync(file)
    if (stat.size < MIN_BYTES) continue
    if (fresh(`${file}.br`, stat) && fresh(`${file}.gz`, stat)) continue
    const body = fs.readFileSync(file)
    const br = zlib.brotliCompressSync(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    })
    fs.writeFileSync(`${file}.br`, br)
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body, { level: zlib.constants.Z_BEST_COMPRESSION }))
    count++
  }
  return count
}

module.exports = { precompress }

if (require.main === module) {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '../dist/h5'))
  console.log(`已压缩 ${precompress(dir)} 个文件（${dir}）。`)
}
