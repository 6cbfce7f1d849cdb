import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import LongestFirst from './tests/sequencer.ts';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One file more than the machine has cores: a test file waits much of its time (on a browser
    // starting, a command line run, LibreOffice, a timeout it tests), and with one browser per
    // worker (tests/shared-browser.ts) a third worker no longer crowds the cores out. On this
    // 2-core machine, 3 workers against 2: 353 s against 438–491 s with warm caches (cores 99%
    // busy against about 70%); the clean-clone CI 497 s against 625–678 s. (Before the shared
    // browser, three made the clean-clone CI slower: 15m15s.)
    maxWorkers: Math.max(2, availableParallelism() + 1),
    // A worker keeps the modules it loaded for its next file (each file still runs its own
    // setup, and closes its browsers and temp folders): the run loads src/ and its packages once a worker, not once a file.
    isolate: false,
    // The longest files first (tests/sequencer.ts).
    sequence: { sequencer: LongestFirst },
    reporters: ['default'],
  },
});
