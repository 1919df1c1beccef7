// Unit and integration tests. Browser tests have their own config in e2e/.
const taroGlobals = {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: true,
}

const base = {
  transform: { '^.+\\.m?[jt]sx?$': 'babel-jest' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
}

module.exports = {
  // Suites start servers and databases: on a busy two-core machine a set-up can take far past jest's
  // 5 s default without anything being wrong. Speed is measured by npm run bench, never by a timeout.
  testTimeout: 60_000,
  projects: [
    {
      ...base,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
      // fastify's inject() pulls in cookie 2, which ships only as ES modules.
      transformIgnorePatterns: ['node_modules/(?!(cookie|set-cookie-parser)/)'],
    },
    {
      ...base,
      displayName: 'app',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/__tests__/**/*.test.tsx'],
      globals: taroGlobals,
      moduleNameMapper: {
        '^@tarojs/taro$': '@tarojs/taro-h5',
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '\\.(css|scss|less)$': '<rootDir>/__tests__/support/style-stub.js',
        // The app's import names (config/index.ts `alias`), after the style stub so '@/x.css' is stubbed.
        '^@/(.*)$': '<rootDir>/src/$1',
        '^@yishi/types$': '<rootDir>/types',
        '^@yishi/types/(.*)$': '<rootDir>/types/$1',
      },
      // Taro's H5 packages pull in ES-module-only files (swiper, nanoid, bundled style-inject and tslib).
      transformIgnorePatterns: [
        'node_modules/(?!(@tarojs|@stencil|lodash-es|query-string|decode-uri-component|split-on-first|filter-obj|swiper|nanoid|style-inject|tslib|\\.pnpm)/)',
      ],
    },
  ],
}
