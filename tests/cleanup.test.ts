// Tests remove what they make: a test file run on its own leaves no briefdeck-* folder in the
// system's temp folder (tempDir() folders go when the file ends: tests/temp.ts, tests/setup.ts).
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from './helpers.ts';

// The run's own temp folder, outside the one it checks (made here, not with tempDir()).
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cleanup-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it('a test file that makes temp folders and copies of src/ leaves none behind', async () => {
  // A clean environment: the inner vitest is a run of its own, not a worker of this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV'));
  // Vitest's own entry, not npx (which costs half a second of npm before it).
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'tests/architecture.test.ts', 'tests/cli-main.test.ts', '-t', 'checker|in process'], {
    cwd: ROOT,
    env: { ...env, TMPDIR: tmp },
    timeout: 100_000,
  });
  expect(stdout).toMatch(/Test Files\s.*2 passed/);
  expect(readdirSync(tmp).filter((name) => name.startsWith('briefdeck-'))).toEqual([]);
});
