// The import boundaries of the repository (npm run deps). __tests__/tooling/boundaries.test.ts runs
// this same file over a small tree in __tests__/fixtures/boundaries to show each rule fires.
//
// Server capabilities are the folders directly under server/ except core (shared plumbing),
// db (connection, schema, migrations) and seed (demo data).
const CAPABILITY = '^server/(?!(?:core|db|seed)/)[^/]+/'

module.exports = {
  forbidden: [
    {
      name: 'shared-code-stands-alone',
      comment:
        'src/scoring and types are shared by the app and the server: they import each other and npm packages, nothing else of the repository.',
      severity: 'error',
      from: { path: '^(src/scoring|types)/' },
      to: { path: '^(src|server|__tests__|e2e|bench|scripts|config)/', pathNot: '^src/scoring/' },
    },
    {
      name: 'app-not-server',
      comment: 'The app talks to the server over HTTP only; it shares types/ and src/scoring, never server/ code.',
      severity: 'error',
      // src/scoring is held to the stricter shared-code-stands-alone.
      from: { path: '^src/', pathNot: '^src/scoring/' },
      to: { path: '^server/' },
    },
    {
      name: 'server-only-scoring-of-app',
      comment: 'Of src/, the server imports only the shared scoring library.',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^src/', pathNot: '^src/scoring/' },
    },
    {
      name: 'capability-through-index',
      comment:
        "A capability reaches another capability only through that capability's index.ts (server/discussions/index.ts, never server/discussions/topics.ts).",
      severity: 'error',
      // $1 is the importing capability: its own files are free to import each other.
      from: { path: '^server/(?!(?:core|db|seed)/)([^/]+)/' },
      to: { path: CAPABILITY, pathNot: '^server/($1/|[^/]+/index\\.ts$)' },
    },
    {
      name: 'core-imports-no-capability',
      comment: 'server/core is what capabilities build on, so it imports none of them.',
      severity: 'error',
      from: { path: '^server/core/' },
      to: { path: CAPABILITY },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles anywhere, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'An import dependency-cruiser cannot resolve (a mistyped path, an alias it does not know) would slip past every rule above.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The boundary fixtures break the rules on purpose; their own test cruises them.
    exclude: { path: '^(__tests__/fixtures/|e2e/artifacts/|dist/|data/)' },
    // Count `import type` too: a type-only cycle is still a cycle between modules.
    tsPreCompilationDeps: true,
    // Resolves the @/ alias to src/ the way the app and the tests do.
    tsConfig: { fileName: 'tsconfig.app.json' },
    // Packages' "exports" maps (subpath imports such as dependency-cruiser/config-utl/...), as Node reads them.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
}
