// The one gateway to Chromium: launched at most once per run, pages lent through withPage().
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import type { Browser, Page } from 'puppeteer-core';
import { BriefdeckError } from '../core/errors.ts';
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
  throw new BriefdeckError('no Chrome, Chromium or Edge found on this machine', [], 1, installHint());
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

export const BROWSER_ARGS = [
  '--headless=new',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--font-render-hinting=none',
  // New headless Chromium preloads the address bar's WebUI pages, which it never shows: their
  // scripts took CPU from the deck at every start.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
  // No page reaches the network: every request but those to this machine's loopback (which
  // Chromium never proxies) goes to a proxy that cannot be found, without a DNS query. This costs
  // nothing per request, unlike intercepting each one over the DevTools protocol.
  '--proxy-server=http://proxy.invalid:9',
  '--host-resolver-rules=MAP proxy.invalid ~NOTFOUND',
];

export async function launchBrowser(): Promise<Browser> {
  const executablePath = await resolveBrowserPath();
  // Loaded here, not with this module: a build whose diagrams are cached needs no browser.
  const { default: puppeteer } = await import('puppeteer-core');
  const args = [...BROWSER_ARGS];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  log.debug(`launching ${executablePath}`);
  args.push(...(process.env.BRIEFDECK_BROWSER_ARGS ?? '').split(/\s+/).filter(Boolean));
  // Signals are the CLI's to handle: it closes the browser and cleans up before it exits.
  // A pipe, not a WebSocket: less work per DevTools message (a printed PDF is many of them).
  const timeout = launchTimeoutMs();
  // Over a pipe Puppeteer waits for the browser's first answer without a time limit: a program
  // that never answers is ended (the signal kills its process) once the launch timeout passes.
  const giveUp = new AbortController();
  const timer = setTimeout(() => giveUp.abort(), timeout);
  try {
    const browser = await puppeteer.launch({ executablePath, args, headless: true, pipe: true, timeout, signal: giveUp.signal, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    log.debug('browser launched');
    return browser;
  } catch (error) {
    const message = String((error as Error).message ?? error);
    const why = giveUp.signal.aborted || /timed out|timeout/i.test(message)
      ? `it did not answer within ${timeout / 1000} s`
      : `it exited before it answered (${message.split('\n').find((l) => l.trim() && !/^Failed to launch/.test(l))?.trim() ?? 'no output'})`;
    throw new BriefdeckError(`could not start the browser ${executablePath}: ${why}`, [], 1, installHint());
  } finally {
    clearTimeout(timer);
  }
}

const CLOSE_TIMEOUT_MS = 5_000;

/** Lends pages of one lazily launched browser; close() ends it. */
export class BrowserGateway {
  private browser: Promise<Browser> | undefined;
  /** Pages opened ahead of need by prepare(), handed out first. */
  private ready: Array<Promise<Page>> = [];
  /** Whether the tab Chromium opens at launch was handed out (it is, once per launch). */
  private launchTabTaken = false;

  get(): Promise<Browser> {
    if (!this.browser) {
      const launching = launchBrowser();
      this.browser = launching;
      launching.catch(() => {
        if (this.browser === launching) this.browser = undefined;
      });
    }
    return this.browser;
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

  async close(): Promise<void> {
    const { browser, ready } = this;
    this.browser = undefined;
    this.ready = [];
    this.launchTabTaken = false;
    // Pages still opening would race Chromium's shutdown, which can then stall for half a minute.
    await Promise.allSettled(ready);
    const launched = await browser?.catch(() => undefined);
    if (!launched) return;
    // A browser that has not ended within seconds of being asked to is killed.
    const kill = setTimeout(() => launched.process()?.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
    await launched.close().catch(() => {});
    clearTimeout(kill);
  }
}

/**
 * Functions passed to page.evaluate are compiled by tsx (esbuild), which may wrap named inner
 * functions in a `__name` helper that exists only in Node: define it in the page too.
 */
export async function allowCompiledFunctions(page: Page): Promise<void> {
  await page.evaluateOnNewDocument('globalThis.__name = (fn) => fn;');
}
