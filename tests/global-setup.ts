// Every Chromium the tests start carries a tag; when the run ends, none may be left running.
// The run's one LibreOffice (tests/office.ts) keeps its profile in a folder made here, and is
// ended here.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TAG = `--briefdeck-test-run=${process.pid}`;
let office = '';

export function setup(): void {
  process.env.BRIEFDECK_BROWSER_ARGS = TAG;
  office = mkdtempSync(path.join(os.tmpdir(), 'briefdeck-office-'));
  process.env.BRIEFDECK_TEST_OFFICE = office;
}

/** The processes whose command line holds `text`, one per line ('' for none). */
function running(text: string): string {
  try {
    return execFileSync('pgrep', ['-f', text], { encoding: 'utf8' }).trim();
  } catch {
    return ''; // pgrep exits 1 when nothing matches
  }
}

export async function teardown(): Promise<void> {
  // LibreOffice, if a test started it: its profile folder is in its command line.
  for (let i = 0; i < 50 && running(office); i++) {
    if (i === 0) execFileSync('pkill', ['-f', office]);
    await new Promise((r) => setTimeout(r, 100));
  }
  rmSync(office, { recursive: true, force: true });
  // And the socket of its pipe, which an ended LibreOffice leaves in /tmp (named as tests/office.py names the pipe).
  const pipe = `_briefdeck-test-${createHash('sha256').update(office).digest('hex').slice(0, 16)}`;
  for (const dir of new Set(['/tmp', os.tmpdir()])) {
    for (const name of readdirSync(dir).filter((n) => n.startsWith('OSL_PIPE_') && n.endsWith(pipe))) rmSync(path.join(dir, name), { force: true });
  }
  const left = running(TAG.slice(2));
  if (!left) return;
  // Vitest reports an error thrown here but still exits 0: set the exit code as well.
  process.exitCode = 1;
  throw new Error(`Chromium processes left running after the tests: ${left.split('\n').join(', ')}`);
}
