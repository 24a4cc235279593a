// Two projects: `unit` (pure rules, no servers) and `integration` (real Temporal and MongoDB-protocol servers,
// started once per run by test/support/global-setup.ts unless TEMPORAL_ADDRESS and MONGODB_URI are given).
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
  ],
  // Integration files share two servers on two cores: run files one or two at a time.
  maxWorkers: 2,
  // Integration tests start processes and wait on real servers; pure unit tests finish in milliseconds anyway.
  testTimeout: 60_000,
};
