import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'engine/**/*.test.ts',
      'src/**/*.test.ts',
      'tools/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    // Hang-catchers (about 10x what a test takes on a busy machine), never speed limits.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
