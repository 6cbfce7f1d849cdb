// Every Chromium the tests start carries a tag; when the run ends, none may be left running.
// The run's folder, made here, holds the profile of the run's one LibreOffice (tests/office.ts),
// ended here, and the list of workers that started a shared browser (tests/shared-browser.ts),
// whose profiles are removed here once those browsers have ended with their workers.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const TAG = `--briefdeck-test-run=${process.pid}`;
let run = '';
let office = '';

export function setup(): void {
  process.env.BRIEFDECK_BROWSER_ARGS = TAG;
  run = mkdtempSync(path.join(os.tmpdir(), 'briefdeck-test-run-'));
  office = path.join(run, 'office');
  mkdirSync(office);
  process.env.BRIEFDECK_TEST_RUN = run;
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

/** A process's command line, its arguments joined by spaces ('' once it has gone). */
function commandLine(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

export async function teardown(): Promise<void> {
  // LibreOffice, if a test started it: its profile folder is in its command line.
  for (let i = 0; i < 50 && running(office); i++) {
    if (i === 0) execFileSync('pkill', ['-f', office]);
    await new Promise((r) => setTimeout(r, 100));
  }
  // The workers' shared browsers exit as their workers' pipes close: a moment after the workers end.
  const workers = path.join(run, 'workers');
  const pids = new Set(existsSync(workers) ? readdirSync(workers) : []);
  for (let i = 0; i < 50 && running(TAG.slice(2)); i++) await new Promise((r) => setTimeout(r, 100));
  // On a loaded machine one may take longer: a worker's own browser (its profile named by the
  // worker's process) is ended with all it started. Only a browser no worker owned is a leak.
  for (const pid of running(TAG.slice(2)).split('\n').filter(Boolean)) {
    const profile = /--user-data-dir=\S*briefdeck-chromium-(\d+)-/.exec(commandLine(pid))?.[1];
    if (profile && pids.has(profile)) {
      try {
        process.kill(-Number(pid), 'SIGKILL');
      } catch {
        // Gone meanwhile, or not a group of its own: the check below tells.
      }
    }
  }
  for (let i = 0; i < 50 && running(TAG.slice(2)); i++) await new Promise((r) => setTimeout(r, 100));
  for (const name of readdirSync(os.tmpdir())) {
    const pid = /^briefdeck-chromium-(\d+)-/.exec(name)?.[1];
    if (pid && pids.has(pid)) rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
  rmSync(run, { recursive: true, force: true });
  // And the socket of its pipe, which an ended LibreOffice leaves in /tmp (named as tests/office.py names the pipe).
  const pipe = `_briefdeck-test-${createHash('sha256').update(office).digest('hex').slice(0, 16)}`;
  // And that of its single-instance pipe, named by the MD5 of its profile's URL (in UTF-16, each
  // byte in hexadecimal without a leading zero: LibreOffice's desktop/source/app/officeipcthread.cxx).
  const md5 = createHash('md5').update(Buffer.from(pathToFileURL(path.join(office, 'profile')).href, 'utf16le')).digest();
  const single = `_SingleOfficeIPC_${[...md5].map((byte) => byte.toString(16)).join('')}`;
  for (const dir of new Set(['/tmp', os.tmpdir()])) {
    for (const name of readdirSync(dir).filter((n) => n.startsWith('OSL_PIPE_') && (n.endsWith(pipe) || n.endsWith(single)))) rmSync(path.join(dir, name), { force: true });
  }
  const left = running(TAG.slice(2));
  if (!left) return;
  // Vitest reports an error thrown here but still exits 0: set the exit code as well.
  process.exitCode = 1;
  throw new Error(`Chromium processes left running after the tests: ${left.split('\n').join(', ')}`);
}
