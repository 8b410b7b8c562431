import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '~': new URL('./app', import.meta.url).pathname } },
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'tests/**/*.test.ts', 'scripts/**/*.test.ts', 'devstore/**/*.test.ts'],
    // The BullMQ driver needs a Redis: `npm run test:redis` (vitest.redis.config.ts).
    exclude: ['tests/e2e/**', 'node_modules/**', 'app/platform/jobs/bullmq.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/worker-setup.ts'],
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    allowOnly: false,
    reporters: ['default', './tests/support/no-skips-reporter.ts'],
  },
});
