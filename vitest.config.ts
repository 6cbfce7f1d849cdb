import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Browser tests launch Chromium; two files at a time suit this 2-core machine.
    maxWorkers: 2,
    // A worker keeps the modules it loaded for its next file (each file still runs its own
    // setup, and closes its browsers and temp folders): the run loads src/ and its packages twice, not once per file.
    isolate: false,
    reporters: ['default'],
  },
});
