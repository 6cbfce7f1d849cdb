// Temporary folders of the tests: each made by tempDir() is removed when its test file ends
// (tests/setup.ts), whatever the file's tests did in it (a file made read-only, a deck built).
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** A new empty folder in the system's temp folder, removed after the test file. */
export function tempDir(prefix = 'briefdeck-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Makes every folder under dir writable again (a test may lock one), so it can be removed. */
function unlock(dir: string): void {
  try {
    chmodSync(dir, 0o700);
    for (const entry of readdirSync(dir)) {
      const inner = path.join(dir, entry);
      if (statSync(inner, { throwIfNoEntry: false })?.isDirectory()) unlock(inner);
    }
  } catch {
    // Gone already, or not ours to change: rmSync says so if it matters.
  }
}

/** Removes the folders tempDir() made in this test file; returns those that could not be removed. */
export function removeTempDirs(): string[] {
  const left: string[] = [];
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      unlock(dir);
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        left.push(dir);
      }
    }
  }
  return left;
}
