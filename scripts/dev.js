// npm run dev: the H5 app rebuilt on every change (taro --watch) and the server restarted on every change
// (tsx watch). Open http://localhost:8080 and reload after a rebuild.
const { spawn } = require('node:child_process')
const path = require('node:path')

const root = path.resolve(__dirname, '..')
const env = { ...process.env, AUTH_MODE: process.env.AUTH_MODE ?? 'dev', NODE_ENV: 'development' }
const children = [
  spawn('npx', ['taro', 'build', '--type', 'h5', '--watch'], { cwd: root, stdio: 'inherit', env }),
  spawn('npx', ['tsx', 'watch', 'server/main.ts'], { cwd: root, stdio: 'inherit', env }),
]
const stop = (sig) => children.forEach((c) => c.kill(sig))
process.on('SIGINT', () => stop('SIGINT'))
process.on('SIGTERM', () => stop('SIGTERM'))
for (const c of children) c.on('exit', (code) => { stop('SIGTERM'); process.exit(code ?? 0) })
