// Sizes of the mini-program's packages after `npm run build:weapp`: the main package (everything outside
// the subpackage roots of dist/weapp/app.json), each subpackage, and the largest files of the main package.
// WeChat refuses a main package over 2 MB; ours is kept well under that so it starts fast.
// Usage: node scripts/weapp-size.js [dir] [--top N]   (dir defaults to dist/weapp; 1 KB = 1024 bytes)
const fs = require('node:fs')
const path = require('node:path')

// Not uploaded: DevTools' project settings, and licence notes (.txt is not a file type WeChat uploads).
const NOT_UPLOADED = /(?:^|\/)project(?:\.private)?\.config\.json$|\.txt$/

function files(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return files(p, base)
    const rel = path.relative(base, p).split(path.sep).join('/')
    return NOT_UPLOADED.test(rel) ? [] : [{ rel, size: fs.statSync(p).size }]
  })
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const sum = (list) => list.reduce((s, f) => s + f.size, 0)

function main() {
  const args = process.argv.slice(2)
  const topAt = args.indexOf('--top')
  const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 15
  const dir = path.resolve(args[0] ?? 'dist/weapp')
  const appJson = path.join(dir, 'app.json')
  if (!fs.existsSync(appJson)) {
    console.error(`${appJson} not found: run npm run build:weapp first`)
    process.exit(1)
  }
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8'))
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/^\/+|\/+$/g, ''))
  const all = files(dir)
  const rootOf = (f) => roots.find((r) => f.rel.startsWith(`${r}/`))
  const main = all.filter((f) => !rootOf(f))

  console.log(`main package  ${kb(sum(main)).padStart(10)}  (${main.length} files)`)
  for (const root of roots) {
    const sub = all.filter((f) => rootOf(f) === root)
    console.log(`${`${root}/`.padEnd(13)} ${kb(sum(sub)).padStart(10)}  (${sub.length} files)`)
  }
  console.log(`total         ${kb(sum(all)).padStart(10)}`)
  console.log(`\nlargest files of the main package:`)
  for (const f of [...main].sort((a, b) => b.size - a.size).slice(0, top)) {
    console.log(`${kb(f.size).padStart(10)}  ${f.rel}`)
  }
}

main()
