// The profile folders of briefdeck's browsers in the temporary folder: removed when a browser
// ends, and those of runs that were killed swept by a later run.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { log } from '../core/log.ts';

export const PROFILE_PREFIX = 'briefdeck-chromium-';

/**
 * A profile untouched for this long belongs to no run that is still starting: Chromium writes into
 * its profile as it runs (Local State, Default/), so a live one is newer.
 */
export const PROFILE_STALE_MS = 10 * 60_000;

/**
 * Removes the profiles of briefdeck's browsers that runs which were killed left in `dir` (named
 * `briefdeck-chromium-<pid>-…`): only one whose run is gone — its process is not running, or the
 * process with its number started after the profile was made (the number was reused) — and that
 * nothing has written to for PROFILE_STALE_MS (a run in another process namespace sharing the
 * temporary folder, whose process cannot be seen from here, is still writing to its own). Returns
 * the names removed.
 */
export function sweepProfiles(dir: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.startsWith(PROFILE_PREFIX));
  } catch {
    return [];
  }
  const swept: string[] = [];
  for (const name of names) {
    const m = /^briefdeck-chromium-(\d+)-(?:([0-9a-z]+)-)?\w+$/.exec(name);
    const pid = Number(m?.[1]);
    const folder = path.join(dir, name);
    if (!pid || pid === process.pid) continue;
    try {
      const stat = statSync(folder);
      if (!stat.isDirectory() || now - lastWritten(folder, stat.mtimeMs) < PROFILE_STALE_MS) continue;
      if (runAlive(pid, m?.[2] ? parseInt(m[2], 36) : stat.birthtimeMs)) continue;
      rmSync(folder, { recursive: true, force: true });
      swept.push(name);
    } catch {
      // Another run may be sweeping it too; what remains is tried again next time.
    }
  }
  if (swept.length) log.debug(`removed ${swept.length} browser profile(s) of runs that were stopped: ${swept.join(', ')}`);
  return swept;
}

/** The latest time the folder or anything directly in it was written. */
function lastWritten(folder: string, mtimeMs: number): number {
  let latest = mtimeMs;
  for (const entry of readdirSync(folder)) {
    try {
      latest = Math.max(latest, statSync(path.join(folder, entry)).mtimeMs);
    } catch {
      // gone meanwhile
    }
  }
  return latest;
}

/** Whether the run that made a profile at `madeMs` may still be running as process `pid`. */
function runAlive(pid: number, madeMs: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // Running: the same run, unless (where Linux tells) that process started after the profile was made.
  const started = processStartMs(pid);
  return started === undefined || !(madeMs > 0) || started <= madeMs + 1000;
}

/** When process `pid` started (Linux: /proc), or undefined where that cannot be read. */
function processStartMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22, the start in clock ticks (100 a second on Linux) since boot, counted after the command's ")".
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    return Number.isFinite(ticks) && boot > 0 ? boot * 1000 + ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

export function removeProfile(profile: string): void {
  // Chromium may still be writing into it for a moment after it exits.
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
  } catch {
    // left for the next launch's sweep
  }
}

/**
 * The profile removed before this process exits (no later turn of the event loop): Chromium's
 * helper processes outlive its killed main process by a moment and may still write into it (even
 * make it again), so it is removed until it has stayed gone for 0.3 s, for two seconds at most.
 */
export function removeProfileNow(profile: string): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + 2000;
  let goneSince = 0;
  while (Date.now() < deadline) {
    if (existsSync(profile)) {
      goneSince = 0;
      try {
        rmSync(profile, { recursive: true, force: true });
      } catch {
        // still being written: again in a moment
      }
    } else if (!goneSince) goneSince = Date.now();
    else if (Date.now() - goneSince >= 300) return;
    Atomics.wait(pause, 0, 0, 25);
  }
}
