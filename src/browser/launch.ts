// Starting Chromium: which program, with which switches, connected over a pipe; and ending it
// with every process it started. The gateway (gateway.ts) is what the rest of briefdeck uses.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { BriefdeckError, EXIT } from '../core/errors.ts';
import { sweepLeftovers } from '../core/files.ts';
import { log } from '../core/log.ts';
import { killBrowserProcess, launchTimeoutMs } from './browser-process.ts';
import { browserCandidates, installHint, isHeadlessShell, puppeteerBrowsers } from './find.ts';
import { PROFILE_PREFIX, removeProfile, removeProfileNow, sweepProfiles } from './profiles.ts';

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
 * Chromium's headless shell (find.ts) runs its pages in its own process: no zygote and no renderer
 * processes to start, none to pass each page's frames and PDFs between — `briefdeck pdf`
 * 1.60 → 1.38 s, the same PDFs; the tests a fifth faster. A page given up on then cannot be
 * ended alone: the gateway ends the browser with it (BrowserGateway.abandon).
 */
export const SHELL_ARGS = ['--single-process'];

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
export interface Launched {
  browser: Browser;
  process: ChildProcess;
  profile: string;
  /** The program started (a configured path may be a wrapper script). */
  executablePath: string;
  /** Kills the browser and removes its profile when this process exits with it still there. */
  atExit: () => void;
  /** Whether it runs its pages in its own process (the headless shell): a page cannot be ended alone. */
  oneProcess: boolean;
}


/**
 * Starts Chromium at once and loads Puppeteer while it starts, then connects over a pipe (less
 * work per DevTools message than a WebSocket: a printed PDF is many of them). A program that
 * exits or does not answer within the launch timeout is an error (and is killed).
 */
export async function launchBrowser(stop?: AbortSignal): Promise<Launched> {
  const executablePath = await resolveBrowserPath();
  const oneProcess = isHeadlessShell(executablePath);
  // What runs that were killed left in the temporary folder (core/files.ts knows briefdeck's
  // leftovers by name), and their browsers' profiles.
  sweepLeftovers(os.tmpdir());
  sweepProfiles(os.tmpdir());
  // Named by this process and the time it was made: what a later run's sweep needs to know.
  const profile = mkdtempSync(path.join(os.tmpdir(), `${PROFILE_PREFIX}${process.pid}-${Date.now().toString(36)}-`));
  const args = [...BROWSER_ARGS, ...(oneProcess ? SHELL_ARGS : []), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ...(process.env.BRIEFDECK_BROWSER_ARGS ?? '').split(/\s+/).filter(Boolean)];
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
    return { browser, process: child, profile, executablePath, atExit, oneProcess };
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
