import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Three files at a time on this 2-core machine: a file waiting on Chromium, LibreOffice or a
    // timeout leaves the cores to the others (two: 9m16s; three: 8m38s, all passing).
    maxWorkers: 3,
    // A worker keeps the modules it loaded for its next file (each file still runs its own
    // setup, and closes its browsers and temp folders): the run loads src/ and its packages once a worker, not once a file.
    isolate: false,
    reporters: ['default'],
  },
});
