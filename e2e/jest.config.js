// Browser tests: the built H5 app in headless Chromium against a real server on loopback.
module.exports = {
  rootDir: '..',
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  transformIgnorePatterns: ['node_modules/(?!(cookie|set-cookie-parser)/)'],
  testTimeout: 60_000,
  // One browser at a time: these machines have two cores.
  maxWorkers: 1,
}
