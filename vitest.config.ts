import { defineConfig } from 'vitest/config';

// Unit tests are pure and fast. Integration tests drive a real Docker engine: they get long timeouts,
// and run a few files at a time so two cores are not swamped.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/daemon/**'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      // Tests that need the engine to themselves (one restarts dockerd): alone, once every other test is done.
      {
        test: {
          name: 'daemon',
          include: ['test/integration/daemon/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 180_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
