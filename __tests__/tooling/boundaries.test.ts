// The import boundaries of .dependency-cruiser.cjs (npm run deps) fire on a breaking import and stay
// quiet on an allowed one: the config runs over __tests__/fixtures/boundaries, a tree laid out
// like the repository.
import { execFileSync } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs')
const FIXTURE = path.join(ROOT, '__tests__/fixtures/boundaries')

interface Violation {
  type: string
  from: string
  to: string
  rule: { name: string; severity: string }
  cycle?: { name: string }[]
}

interface Rule {
  name: string
  severity: string
}

/** `rule: from → to`; a cycle as `rule: its modules, sorted` (it is reported from any one of them). */
function summary(v: Violation): string {
  if (!v.cycle) return `${v.rule.name}: ${v.from} → ${v.to}`
  return `${v.rule.name}: ${[...new Set([v.from, ...v.cycle.map((c) => c.name)])].sort().join(' ⇄ ')}`
}

let rules: Rule[]
let violations: Violation[]

beforeAll(() => {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'cruise.mjs'), CONFIG, 'src', 'server', 'types'], {
    cwd: FIXTURE,
    encoding: 'utf8',
  })
  ;({ rules, violations } = JSON.parse(out))
})

test('each breaking import is reported under its rule, and nothing else is', () => {
  expect(violations.map(summary).sort()).toEqual(
    [
      'shared-code-stands-alone: types/breaks-reaching-server.ts → server/proposals/routes.ts',
      'shared-code-stands-alone: src/scoring/breaks-reaching-app.ts → src/pages/home.ts',
      'app-not-server: src/pages/breaks-reaching-server.ts → server/discussions/index.ts',
      'server-only-scoring-of-app: server/proposals/breaks-reaching-app.ts → src/pages/home.ts',
      'capability-through-index: server/proposals/breaks-reaching-inside.ts → server/discussions/topics.ts',
      'core-imports-no-capability: server/core/breaks-using-capability.ts → server/discussions/index.ts',
      'no-circular: server/proposals/breaks-cycle-a.ts ⇄ server/proposals/breaks-cycle-b.ts',
      'no-circular: types/breaks-type-cycle-a.ts ⇄ types/breaks-type-cycle-b.ts',
      'not-to-unresolvable: src/pages/breaks-unknown-alias.ts → @/missing',
    ].sort(),
  )
})

test('every rule of the config is shown to fire here, as an error', () => {
  expect(new Set(violations.map((v) => v.rule.name))).toEqual(new Set(rules.map((r) => r.name)))
  expect(rules.filter((r) => r.severity !== 'error')).toEqual([])
})

test('files not named breaks-* make only allowed imports', () => {
  expect(violations.filter((v) => !path.basename(v.from).startsWith('breaks-'))).toEqual([])
})
