// npm run bench: runs every bench/*.bench.ts in its own process (so one's heap doesn't skew another's)
// and prints their figures. `npm run bench -- scoring` runs only the files whose name starts with "scoring".
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const filter = process.argv[2] ?? ''
const files = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts') && f.startsWith(filter)) // `load` is not also h5-load
  .sort()
let failed = 0
for (const f of files) {
  console.log(`\n=== ${f} ===`)
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path.join(__dirname, f)], { stdio: 'inherit' })
  if (res.status !== 0) failed++
}
process.exit(failed ? 1 : 0)
