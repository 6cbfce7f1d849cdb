// Every Chromium the tests start carries a tag; when the run ends, none may be left running.
import { execFileSync } from 'node:child_process';

const TAG = `--briefdeck-test-run=${process.pid}`;

export function setup(): void {
  process.env.BRIEFDECK_BROWSER_ARGS = TAG;
}

export function teardown(): void {
  let left = '';
  try {
    left = execFileSync('pgrep', ['-f', TAG.slice(2)], { encoding: 'utf8' }).trim();
  } catch {
    return; // pgrep exits 1 when nothing matches
  }
  // Vitest reports an error thrown here but still exits 0: set the exit code as well.
  process.exitCode = 1;
  throw new Error(`Chromium processes left running after the tests: ${left.split('\n').join(', ')}`);
}
