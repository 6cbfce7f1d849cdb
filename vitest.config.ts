import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two files at a time on this 2-core machine. Three ran 7% faster with warm caches (8m38s
    // against 9m16s) but the clean-clone CI, every cache cold, took 15m15s: the cores are busy.
    maxWorkers: 2,
    // A worker keeps the modules it loaded for its next file (each file still runs its own
    // setup, and closes its browsers and temp folders): the run loads src/ and its packages once a worker, not once a file.
    isolate: false,
    reporters: ['default'],
  },
});
