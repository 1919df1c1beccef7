// npm start: the whole product on one port, on the embedded SQLite database with the demo community.
const { spawn } = require('node:child_process')
const path = require('node:path')

require('./ensure-h5')

const env = { ...process.env, AUTH_MODE: process.env.AUTH_MODE ?? 'dev' }
const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '../server/main.ts')], { stdio: 'inherit', env })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
