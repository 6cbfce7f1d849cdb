// The one gateway to Chromium: launched at most once per run, pages lent through withPage().
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { BriefdeckError, EXIT, reportError } from '../core/errors.ts';
import { sweepLeftovers } from '../core/files.ts';
import { log } from '../core/log.ts';
import { browserCandidates, installHint, puppeteerBrowsers } from './find.ts';

/** A configured path, else an installed Chrome, Chromium or Edge, else one Puppeteer's tools installed. */
export async function resolveBrowserPath(env: NodeJS.ProcessEnv = process.env, exists: (file: string) => boolean = existsSync): Promise<string> {
  const configured = env.BRIEFDECK_BROWSER || env.PUPPETEER_EXECUTABLE_PATH;
  if (configured) {
    const setting = env.BRIEFDECK_BROWSER ? 'BRIEFDECK_BROWSER' : 'PUPPETEER_EXECUTABLE_PATH';
    const problem = !existsSync(configured) ? 'does not exist' : !statSync(configured).isFile() ? 'is not a file (a folder?)' : !isExecutable(configured) ? 'is not executable' : undefined;
    if (problem) throw new BriefdeckError(`the browser configured in ${setting} ${problem}: ${configured}`);
    return configured;
  }
  // Puppeteer's cache is read (and its package loaded) only when no installed browser is found.
  const found = browserCandidates().find((p) => exists(p)) ?? (await puppeteerBrowsers(env)).find((p) => exists(p));
  if (found) return found;
  throw new BriefdeckError('no Chrome, Chromium or Edge found on this machine', [], EXIT.FAILED, installHint());
}

function isExecutable(file: string): boolean {
  // root may execute any file with an execute bit; a file with none is no program at all.
  if ((statSync(file).mode & 0o111) === 0) return false;
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** How long a browser may take to start and answer (BRIEFDECK_BROWSER_TIMEOUT, in seconds). */
export function launchTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.BRIEFDECK_BROWSER_TIMEOUT);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000;
}

/** What briefdeck asks of Chromium besides Puppeteer's defaults. */
const OWN_ARGS = [
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--font-render-hinting=none',
  // No page reaches the network: every request but those to this machine's loopback (which
  // Chromium never proxies) goes to a proxy that cannot be found, without a DNS query. This costs
  // nothing per request, unlike intercepting each one over the DevTools protocol.
  '--proxy-server=http://proxy.invalid:9',
  '--host-resolver-rules=MAP proxy.invalid ~NOTFOUND',
];

/**
 * Puppeteer's own defaults for headless Chrome (`puppeteer.defaultArgs({ headless: true })` of
 * puppeteer-core 24; tests/browser.test.ts fails when they change), written out so that Chromium
 * can start before Puppeteer's 0.6 s of modules have loaded. Tagged PDFs and the document
 * outline come from these.
 */
export const PUPPETEER_DEFAULT_ARGS = [
  '--allow-pre-commit-input', '--disable-background-networking', '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows', '--disable-breakpad', '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages', '--disable-crash-reporter', '--disable-default-apps',
  '--disable-dev-shm-usage', '--disable-hang-monitor', '--disable-infobars', '--disable-ipc-flooding-protection',
  '--disable-popup-blocking', '--disable-prompt-on-repost', '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen', '--disable-sync', '--enable-automation', '--export-tagged-pdf',
  '--force-color-profile=srgb', '--generate-pdf-document-outline', '--metrics-recording-only', '--no-first-run',
  '--password-store=basic', '--use-mock-keychain',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif', '--headless=new', '--hide-scrollbars', '--mute-audio', '--disable-extensions',
];

/**
 * New headless Chromium preloads the address bar's WebUI pages, which it never shows: their
 * scripts took CPU from the deck at every start. Added to Puppeteer's list (Chromium reads one
 * --disable-features switch: the last).
 */
const DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/** The switches of briefdeck's Chromium, Puppeteer's defaults first (the benchmark's floor uses them too). */
export const BROWSER_ARGS = mergeFeatures([...PUPPETEER_DEFAULT_ARGS, ...OWN_ARGS], DISABLED_FEATURES);

function mergeFeatures(args: string[], disabled: string[]): string[] {
  const flag = '--disable-features=';
  const features = [...args.filter((a) => a.startsWith(flag)).flatMap((a) => a.slice(flag.length).split(',')), ...disabled];
  return [...new Set([...args.filter((a) => !a.startsWith(flag)), `${flag}${[...new Set(features)].join(',')}`])];
}

/** A launched Chromium: Puppeteer's handle, its process and the profile folder made for it. */
interface Launched {
  browser: Browser;
  process: ChildProcess;
  profile: string;
  /** The program started (a configured path may be a wrapper script). */
  executablePath: string;
  /** Kills the browser and removes its profile when this process exits with it still there. */
  atExit: () => void;
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

/**
 * Starts Chromium at once and loads Puppeteer while it starts, then connects over a pipe (less
 * work per DevTools message than a WebSocket: a printed PDF is many of them). A program that
 * exits or does not answer within the launch timeout is an error (and is killed).
 */
export async function launchBrowser(stop?: AbortSignal): Promise<Launched> {
  const executablePath = await resolveBrowserPath();
  // What runs that were killed left in the temporary folder (core/files.ts knows briefdeck's
  // leftovers by name), and their browsers' profiles.
  sweepLeftovers(os.tmpdir());
  sweepProfiles(os.tmpdir());
  // Named by this process and the time it was made: what a later run's sweep needs to know.
  const profile = mkdtempSync(path.join(os.tmpdir(), `${PROFILE_PREFIX}${process.pid}-${Date.now().toString(36)}-`));
  const args = [...BROWSER_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ...(process.env.BRIEFDECK_BROWSER_ARGS ?? '').split(/\s+/).filter(Boolean)];
  log.debug(`launching ${executablePath}`);
  // Signals are the CLI's to handle: it closes the browser and cleans up before it exits. The
  // browser leads a process group of its own (a terminal's Ctrl-C reaches only briefdeck, which
  // ends it), so that all it starts can be ended with it. Its own temporary files (the singleton's socket folder, shared memory files) go inside the
  // profile, so that they go with it even when it had to be killed.
  // (Only where the singleton's socket path stays within the 107 bytes a Unix socket's name may
  // take: a long temporary folder, as in a test's or macOS's, keeps the browser's own.)
  const ownTmp = path.join(profile, 't');
  const fits = Buffer.byteLength(path.join(ownTmp, 'org.chromium.Chromium.XXXXXX', 'SingletonSocket')) <= 100;
  if (fits) mkdirSync(ownTmp);
  const env = fits ? { ...process.env, TMPDIR: ownTmp, TMP: ownTmp, TEMP: ownTmp } : process.env;
  const child = spawn(executablePath, [...args, `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: process.platform !== 'win32', env });
  // However this process ends (an error no one caught, process.exit), its browser and profile go
  // with it: the whole group, so that no helper process writes into the profile once it is removed.
  const atExit = () => {
    killBrowserProcess(child);
    removeProfileNow(profile);
  };
  process.once('exit', atExit);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 10_000) stderr += chunk.toString();
  });
  const timeout = launchTimeoutMs();
  let timer: NodeJS.Timeout | undefined;
  let stopped: (() => void) | undefined;
  const failed = new Promise<never>((_, reject) => {
    // Decided after the I/O of this turn: a program that exited while this process was busy
    // (loading Puppeteer) is reported as exited, not as silent.
    timer = setTimeout(() => setImmediate(() => reject(new Error(`it did not answer within ${timeout / 1000} s`))), timeout);
    child.once('error', (error) => reject(new Error(`it could not be started (${error.message})`)));
    child.once('exit', () => reject(new Error(`it exited before it answered (${stderr.split('\n').find((l) => l.trim())?.trim() ?? 'no output'})`)));
    // Closed while it starts (the command failed before it needed a browser): ended at once, not awaited.
    stopped = () => reject(new Error('it was closed before it had started'));
    stop?.addEventListener('abort', stopped, { once: true });
  });
  failed.catch(() => {});
  try {
    // Loaded here, not with this module: a build whose diagrams are cached needs no browser.
    const [{ default: puppeteer }, { PipeTransport }] = await Promise.race([Promise.all([import('puppeteer-core'), import('puppeteer-core/internal/node/PipeTransport.js')]), failed]);
    const transport = new PipeTransport(child.stdio[3] as NodeJS.WritableStream, child.stdio[4] as NodeJS.ReadableStream);
    const browser = await Promise.race([puppeteer.connect({ transport, defaultViewport: { width: 800, height: 600 }, protocolTimeout: 180_000 }), failed]);
    log.debug('browser launched');
    return { browser, process: child, profile, executablePath, atExit };
  } catch (error) {
    // A browser that closed its end of the pipe has usually exited: its exit (with the first line
    // it wrote) says more than the protocol's "Target closed", whichever of the two came first.
    const exit = await Promise.race([failed.then(() => undefined, (e: Error) => e), new Promise<undefined>((resolve) => setTimeout(resolve, 250))]);
    killBrowserProcess(child);
    removeProfile(profile);
    process.off('exit', atExit);
    throw new BriefdeckError(`could not start the browser ${executablePath}: ${(exit ?? (error as Error)).message}`, [], 1, installHint());
  } finally {
    clearTimeout(timer);
    // Started (or given up on): a later close() is no longer the launch's business.
    if (stopped) stop?.removeEventListener('abort', stopped);
  }
}

const PROFILE_PREFIX = 'briefdeck-chromium-';

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

function removeProfile(profile: string): void {
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
function removeProfileNow(profile: string): void {
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

const CLOSE_TIMEOUT_MS = 5_000;

/** How often a running browser is asked whether it still answers. */
const HEARTBEAT_MS = 2_000;

/**
 * Watches a launched browser: it is asked for its version every few seconds, and one that has not
 * answered within the browser timeout (a process stopped, a wrapper whose browser hangs) is ended
 * with every process it started — which fails all that waits on it at once — and `hung` is called
 * with the error to report. Returns the function that stops watching.
 */
function watchBrowser({ browser, process: child, executablePath }: Launched, hung: (error: BriefdeckError) => void): () => void {
  const timeout = launchTimeoutMs();
  let asked: number | undefined;
  const timer = setInterval(() => {
    if (asked === undefined) {
      const at = performance.now();
      asked = at;
      browser.version().then(
        () => {
          if (asked === at) asked = undefined;
        },
        // Disconnected (closed, or it crashed): nothing is left to watch; what used it has failed already.
        () => clearInterval(timer),
      );
      return;
    }
    if (performance.now() - asked < timeout) return;
    // Decided after the I/O of this turn: an answer that came while this process was busy counts.
    setImmediate(() => {
      if (asked === undefined || performance.now() - asked < timeout) return;
      clearInterval(timer);
      hung(new BriefdeckError(`the browser ${executablePath} stopped answering: no answer within ${timeout / 1000} s, so it was ended`, [], EXIT.FAILED, 'a browser that is stopped, or a wrapper script whose browser hangs, cannot print; BRIEFDECK_BROWSER_TIMEOUT sets how long to wait (seconds)'));
      killBrowserProcess(child);
    });
  }, HEARTBEAT_MS);
  // The watch never keeps this process alive.
  timer.unref();
  return () => clearInterval(timer);
}

/** Lends pages of one lazily launched browser; close() ends it. */
export class BrowserGateway {
  private launched: Promise<Launched> | undefined;
  /** Pages opened ahead of need by prepare(), handed out first. */
  private ready: Array<Promise<Page>> = [];
  /** Whether the tab Chromium opens at launch was handed out (it is, once per launch). */
  private launchTabTaken = false;
  /** The close under way, which a second close() waits for. */
  private closing: Promise<void> = Promise.resolve();
  private unwatch: (() => void) | undefined;
  /** Ends the launch under way, if close() comes first. */
  private stopLaunch: AbortController | undefined;
  /** Why the browser was ended while in use (it stopped answering): what a run that failed with it reports. */
  failure: BriefdeckError | undefined;

  /** `signal`: once aborted (Ctrl-C), no browser is launched any more. */
  constructor(private readonly signal?: AbortSignal) {}

  get(): Promise<Browser> {
    if (this.signal?.aborted) return Promise.reject(new BriefdeckError('interrupted: no browser is started any more', [], EXIT.INTERRUPTED));
    if (!this.launched) {
      const stop = new AbortController();
      this.stopLaunch = stop;
      const launching = launchBrowser(stop.signal).then((launched) => {
        this.unwatch = watchBrowser(launched, (error) => {
          // Said at once: what was waiting on the browser fails next, with errors of its own.
          this.failure = error;
          reportError(error);
        });
        // A browser that went away by itself (it crashed, or was ended as hung) is not lent again:
        // the next page comes from a new one — a studio or a watch keeps working. (close() forgets
        // its browser before it disconnects it.)
        launched.browser.once('disconnected', () => {
          if (this.launched === launching) this.forget(launched);
        });
        return launched;
      });
      this.launched = launching;
      launching.catch(() => {
        if (this.launched === launching) this.launched = undefined;
      });
    }
    return this.launched.then((l) => l.browser);
  }

  /**
   * Launches the browser and opens `pages` pages now, in the background, for work that will
   * need them later: Chromium starts in processes of its own while this one does other work.
   */
  prepare(pages: number): void {
    const launched = this.get();
    // Tops up to `pages` pages ready: a watch loop asks again before each build.
    for (let i = this.ready.length; i < pages; i++) {
      // The first of a new browser is the tab Chromium opened at launch.
      const useLaunchTab = !this.launchTabTaken;
      this.launchTabTaken = true;
      const page = launched.then(async (browser) => (useLaunchTab ? (await browser.pages())[0] : undefined) ?? browser.newPage());
      page.catch(() => {});
      this.ready.push(page);
    }
  }

  async withPage<T>(fn: (page: Page) => Promise<T>): Promise<T> {
    const page = await (this.ready.shift() ?? this.get().then((browser) => browser.newPage()));
    try {
      return await fn(page);
    } finally {
      await page.close().catch(() => {});
    }
  }

  /**
   * Closes every page the browser has open, its pages made ready too, and leaves it running: for
   * one browser lent to one job after another (the tests' shared browser between test files).
   */
  async closePages(): Promise<void> {
    const launched = await this.launched?.catch(() => undefined);
    if (!launched) return;
    const ready = this.ready;
    this.ready = [];
    await Promise.allSettled(ready);
    const pages = await launched.browser.pages().catch(() => []);
    await Promise.allSettled(pages.map((page) => page.close()));
  }

  /** Drops a browser that disconnected by itself: its processes are ended and its profile removed. */
  private forget({ process: child, profile, atExit }: Launched): void {
    this.launched = undefined;
    this.ready = [];
    this.launchTabTaken = false;
    this.unwatch?.();
    this.unwatch = undefined;
    killBrowserProcess(child);
    process.off('exit', atExit);
    if (child.exitCode !== null || child.signalCode !== null) removeProfile(profile);
    else child.once('exit', () => removeProfile(profile));
  }

  close(): Promise<void> {
    const { launched: launching, ready, unwatch, stopLaunch } = this;
    // A browser still starting is not waited for: it is ended as it is.
    stopLaunch?.abort();
    this.stopLaunch = undefined;
    this.launched = undefined;
    this.ready = [];
    this.launchTabTaken = false;
    this.unwatch = undefined;
    const previous = this.closing;
    const closing = (async () => {
      // Pages still opening would race Chromium's shutdown, which can then stall for half a minute.
      await Promise.allSettled(ready);
      const launched = await launching?.catch(() => undefined);
      unwatch?.();
      if (launched) {
        const { browser, process: child, profile, atExit } = launched;
        const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
        // A browser that has not ended within seconds of being asked to is killed, with all it started.
        const kill = setTimeout(() => killBrowserProcess(child), CLOSE_TIMEOUT_MS);
        await browser.close().catch(() => killBrowserProcess(child));
        await exited;
        clearTimeout(kill);
        removeProfile(profile);
        process.off('exit', atExit);
      }
      // A second close() (Ctrl-C's, then the command's own) ends when the first has.
      await previous;
    })();
    this.closing = closing;
    return closing;
  }
}

/**
 * Functions passed to page.evaluate are compiled by tsx (esbuild), which may wrap named inner
 * functions in a `__name` helper that exists only in Node: define it in the page too.
 */
export async function allowCompiledFunctions(page: Page): Promise<void> {
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
}
