// Builds the H5 app when dist/h5 is missing or older than the app's sources, so `npm start` and the
// browser tests always serve what src/ says.
const { execSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const out = path.join(root, 'dist/h5/index.html')

function newest(dir) {
  let t = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

const sources = Math.max(newest(path.join(root, 'src')), newest(path.join(root, 'config')), newest(path.join(root, 'types')))
const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0
if (built < sources || process.argv.includes('--force')) {
  console.log('正在构建 H5 前端（首次约需 1–2 分钟）…')
  execSync('npx taro build --type h5', { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
} else {
  console.log('H5 前端已是最新，跳过构建。')
}
// Brotli and gzip twins for the server to send (taro's build leaves none).
const { precompress } = require('./precompress-h5')
precompress(path.dirname(out))
