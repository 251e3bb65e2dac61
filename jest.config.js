/** Unit tests (src/domain, no database), integration tests (real Postgres, over HTTP) and the fuzz suites (the same, seeded). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } }, module: { type: 'es6' } }]
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
      testPathIgnorePatterns: ['/node_modules/', '/tests/int/fuzz\\.', '/tests/int/faults\\.'],
      globalSetup: '<rootDir>/tests/helpers/globalSetup.ts',
      globalTeardown: '<rootDir>/tests/helpers/globalTeardown.ts',
    },
    // The fuzz suites (tests/int/fuzz.*.test.ts) run as their own phase (npm run test:fuzz): a minute of full load
    // that would otherwise starve the timing-sensitive worker tests running beside them.
    {
      ...common,
      displayName: 'fuzz',
      testMatch: ['<rootDir>/tests/int/fuzz.*.test.ts'],
      globalSetup: '<rootDir>/tests/helpers/globalSetup.ts',
      globalTeardown: '<rootDir>/tests/helpers/globalTeardown.ts',
    },
    // The fault tests (tests/int/faults.*.test.ts, npm run test:faults) run one at a time, each on a Postgres server of its
    // own that it may stop and start, with real worker processes: minutes each, and their figures need the machine.
    { ...common, displayName: 'faults', testMatch: ['<rootDir>/tests/int/faults.*.test.ts'] },
  ],
  // two by default; `npm run test:int` runs three: its files wait on Postgres and on worker processes often enough that
  // a third keeps both cores busy (172 s against 194 s for the integration part, docs/testing.md)
  maxWorkers: 2,
  // integration files start Payload on a fresh database; on a busy 2-core machine that can take a while
  testTimeout: 120_000,
}
