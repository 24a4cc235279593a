// Three projects: `unit` (pure rules, no servers), `integration` (real Temporal and MongoDB-protocol servers,
// started once per run by test/support/global-setup.ts unless TEMPORAL_ADDRESS and MONGODB_URI are given) and
// `browser` (the web app in Debian's Chromium against the same servers; test/browser/support/).
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      // Shares the integration project's servers when both run; builds the web app once per run.
      globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/browser/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/browser/support/setup.ts'],
    },
  ],
  // Integration files share two servers on two cores: run files one or two at a time.
  maxWorkers: 2,
  // Integration tests start processes and wait on real servers; pure unit tests finish in milliseconds anyway.
  testTimeout: 60_000,
};
