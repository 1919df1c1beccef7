// ESLint for the whole repository (npm run lint). typescript-eslint's recommended set without type
// information, so a run stays a few seconds; types are checked by npm run typecheck.
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// An eslint-disable comment says why after " -- " (`// eslint-disable-next-line rule -- reason`),
// so the next reader can judge whether the reason still holds.
const disableNeedsReason = {
  meta: {
    type: 'suggestion',
    schema: [],
    messages: { reason: 'Say why after " -- " in this eslint-disable comment.' },
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const text = comment.value.trim()
          if (/^eslint-disable(-line|-next-line)?\b/.test(text) && !/\s-{2,}\s*\S/.test(text)) {
            context.report({ loc: comment.loc, messageId: 'reason' })
          }
        }
      },
    }
  },
}

export default defineConfig(
  globalIgnores(['dist/', 'data/', 'coverage/', 'e2e/artifacts/', '.taro-cache/', '.swc/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { local: { rules: { 'disable-needs-reason': disableNeedsReason } } },
    rules: { 'local/disable-needs-reason': 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // The exemptions tsc's noUnusedLocals/noUnusedParameters make: `_`-named parameters, and keys
      // named only to leave them out of a rest object (`const { rank: _rank, ...item } = row`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The two classic hook rules. The plugin's newer React Compiler rules are not enabled here.
    files: ['src/**/*.{ts,tsx}', '__tests__/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['server/**', 'scripts/**', 'bench/**', 'config/**', '__tests__/**', 'e2e/**', '*.{js,cjs,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['__tests__/**', 'e2e/**'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    // The app's tests render components in jsdom.
    files: ['__tests__/app/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // package.json has no "type": "module", so .js and .cjs files are CommonJS: require() is how they import.
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
