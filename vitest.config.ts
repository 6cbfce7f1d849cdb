import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Browser tests launch Chromium and wait on it, LibreOffice and CLI processes: at two files at
    // a time the 2 cores were busy 1.4 of 2 on average, so three files run at once.
    maxWorkers: 3,
    reporters: ['default'],
  },
});
