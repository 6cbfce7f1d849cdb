// A launched browser's process, as the gateway handles it once it runs: how long it may take to
// answer, and how it is ended. Apart from launch.ts, whose child_process and profile handling a
// command loads only when it starts a browser (a warm build starts none).
import type { ChildProcess } from 'node:child_process';

/** How long a browser may take to start and answer (BRIEFDECK_BROWSER_TIMEOUT, in seconds). */
export function launchTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.BRIEFDECK_BROWSER_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000;
}

/**
 * Ends a browser's process and every process it started, at once: the browser runs in a process
 * group of its own, so a wrapper script given as the browser (whose child would otherwise live on
 * and hold the pipes open, keeping this process waiting) goes with all it started. Its pipes are
 * closed on this side too.
 */
export function killBrowserProcess(child: ChildProcess): void {
  try {
    if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    // The group is gone already: fall back to the process itself.
    child.kill('SIGKILL');
  }
  for (const stream of child.stdio) stream?.destroy();
}
