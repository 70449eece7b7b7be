/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // tsconfig's isolatedModules makes ts-jest transpile only; `npm test` type-checks once first
  // Generous, for a 2-core machine shared with other work: tests wait on readiness, never on the
  // clock, so a limit only decides how long a broken test takes to fail.
  testTimeout: 120000,
};
