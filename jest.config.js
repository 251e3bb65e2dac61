/** Unit tests (src/domain, no database) and integration tests (real Postgres, over HTTP). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022' }, module: { type: 'es6' } }]
const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@payload-config$': '<rootDir>/payload.config.ts', '^@/(.*)$': '<rootDir>/src/$1' },
  transformIgnorePatterns: ['/node_modules/'],
}

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/tests/int/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/globalSetup.ts',
      globalTeardown: '<rootDir>/tests/helpers/globalTeardown.ts',
    },
  ],
  maxWorkers: 2,
  // integration files start Payload on a fresh database; on a busy 2-core machine that can take a while
  testTimeout: 120_000,
}
