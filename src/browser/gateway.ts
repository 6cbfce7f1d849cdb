// The one gateway to Chromium: launched at most once per run, pages lent through withPage().
import type { Browser, Page } from 'puppeteer-core';
import { BriefdeckError, EXIT, reportError } from '../core/errors.ts';
import { log } from '../core/log.ts';
import { killBrowserProcess, launchTimeoutMs } from './browser-process.ts';
import type { Launched } from './launch.ts';
import { removeProfile } from './profiles.ts';

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
  /** The browser launched, once it has answered (what `launched` resolved to). */
  private running: Launched | undefined;
  /** Closed for good: work still running after close() (a studio request in flight at Ctrl-C) starts no new browser. */
  private closed = false;

  /** `signal`: once aborted (Ctrl-C), no browser is launched any more. */
  constructor(private readonly signal?: AbortSignal) {}

  get(): Promise<Browser> {
    if (this.signal?.aborted) return Promise.reject(new BriefdeckError('interrupted: no browser is started any more', [], EXIT.INTERRUPTED));
    // A browser started after close() would be no one's to close, and would keep the process alive.
    if (this.closed) return Promise.reject(new BriefdeckError('the browser was closed: no browser is started any more'));
    if (!this.launched) {
      const stop = new AbortController();
      this.stopLaunch = stop;
      // launch.ts (child_process, profiles) is loaded with the first browser: a command that needs none starts without it.
      const launching = import('./launch.ts').then(({ launchBrowser }) => launchBrowser(stop.signal)).then((launched) => {
        this.running = launched;
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

  /**
   * Work given up on (a picture that never finished drawing), with its page if it had one yet:
   * the page is closed at once. A browser that runs every page in its one process (the headless
   * shell: launch.ts) cannot end one page's work without the others', and a page that never
   * finishes (or never loads) holds up every page after it: the browser is ended, and the next
   * page comes from a new one.
   */
  abandon(page?: Page): void {
    void page?.close().catch(() => {});
    const running = this.running;
    if (running?.oneProcess && (!page || page.browser() === running.browser)) {
      log.debug('browser ended with a page given up on');
      this.forget(running);
    }
  }

  /** Drops a browser that disconnected by itself, or is given up on: its processes are ended and its profile removed. */
  private forget({ process: child, profile, atExit }: Launched): void {
    this.launched = undefined;
    this.running = undefined;
    this.ready = [];
    this.launchTabTaken = false;
    this.unwatch?.();
    this.unwatch = undefined;
    killBrowserProcess(child);
    // Its profile goes once it has exited — or with this process, if that ends first (atExit).
    const removed = () => {
      removeProfile(profile);
      process.off('exit', atExit);
    };
    if (child.exitCode !== null || child.signalCode !== null) removed();
    else child.once('exit', removed);
  }

  close(): Promise<void> {
    this.closed = true;
    const { launched: launching, ready, unwatch, stopLaunch } = this;
    // A browser still starting is not waited for: it is ended as it is.
    stopLaunch?.abort();
    this.stopLaunch = undefined;
    this.launched = undefined;
    this.running = undefined;
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
