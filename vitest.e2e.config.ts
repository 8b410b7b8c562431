/** Browser tests (tests/e2e): real Chromium through playwright-core, no database set-up of their own. */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
    allowOnly: false,
    reporters: ['default', './tests/support/no-skips-reporter.ts'],
  },
});
