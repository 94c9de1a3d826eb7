import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Kept apart from vite.config.ts: tests must not run the crx plugin.
export default defineConfig({
  plugins: [preact()],
  define: { __FIREFOX__: 'false' },
  test: {
    reporters: ['default', './test/helpers/closing-line-reporter.ts'],
    // Vitest's default keeps a core for itself (one worker on a 2-core machine); the main process
    // is idle once files are transformed, so use every core. The e2e project still runs one file
    // at a time, after the rest.
    maxWorkers: '100%',
    // Speed goals live in `npm run bench`, not in test timeouts: at load average ~18 on a shared
    // machine the 5 s default failed render-heavy component tests (10,000 cookies, the options
    // round trip) that pass in a second or two otherwise. A hang still fails.
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
          // The engine and the CLI's pure parts keep no state a test file could leave behind (no
          // mocks, stubs or fake timers here), so each worker imports them once rather than once per
          // file: about half the check's CPU time was imports.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['test/component/**/*.test.tsx', 'test/component/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
      {
        extends: true,
        test: {
          // Tests that start other processes: the CLI's real binary (a Node child each run) and the
          // Chromium it prints PDF with. Seconds per test, so `npm test` runs them, `npm run check` not.
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          // The scaffolds, run on a copy of the repository: slower than unit tests, so not in `npm run check`.
          name: 'scripts',
          include: ['test/scripts/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
          globalSetup: ['test/e2e/global-setup.ts'],
        },
      },
    ],
  },
});
