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
    reporters: ['default'],
  },
});
