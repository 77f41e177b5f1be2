import { defineConfig } from 'vitest/config';

// End-to-end suites drive the built app (dist/): a real `kiln serve` in Debian's Chromium,
// and the Electron shell when an Electron binary exists.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
