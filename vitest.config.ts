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
    // As many files at once as the machine has cores. A test file is busy most of its time (its
    // worker, the browser it shares, the command lines and LibreOffice it starts): a serial run
    // keeps 1.3 cores busy. A third worker on 2 cores once paid (353 s against 438–491 s, when
    // each file still started browsers of its own and waited on them); now it only adds switching
    // between three busy processes on two cores, which this VM charges dearly (page tables,
    // kernel time a third of user time): warm, 2 workers 272 s against 3 workers 309 s, the
    // same commit back to back (CPU of the run's processes 411 core-s against 466).
    maxWorkers: Math.max(2, availableParallelism()),
    // A worker keeps the modules it loaded for its next file (each file still runs its own
    // setup, and closes its browsers and temp folders): the run loads src/ and its packages once a worker, not once a file.
    isolate: false,
    // The longest files first (tests/sequencer.ts).
    sequence: { sequencer: LongestFirst },
    reporters: ['default'],
  },
});
