// What the commands share: how a command finds its decks, runs them with one browser (and
// Ctrl-C), reports an error as an exit code; and the small helpers of the serving commands.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { BrowserGateway } from '../browser/gateway.ts';
import { deckAt, findDecks, type DeckSource } from '../core/deck-folder.ts';
import { BriefdeckError, diagnostic, EXIT, reportError, signalExitCode } from '../core/errors.ts';
import { log, setQuiet } from '../core/log.ts';

/** Where a run writes: its output (stdout) and its messages (stderr). */
export interface Streams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /**
   * A browser the caller owns and keeps open across runs (a test file running many commands in
   * process): the commands use it and leave it open. Without one, each command starts its own.
   */
  browser?: BrowserGateway;
}

export interface Common {
  quiet?: boolean;
  slides?: string;
}

/** A TCP port from the command line. */
export function port(value: string): number {
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value.trim()) || n < 1 || n > 65535) throw new InvalidArgumentError(`must be a port number from 1 to 65535, not "${value}"`);
  return n;
}

export function resolveDecks(name: string | undefined, slidesDir: string): DeckSource[] {
  if (!name) {
    const decks = findDecks(slidesDir);
    if (decks.length === 0) throw new BriefdeckError(`no decks in ${path.relative(process.cwd(), slidesDir) || slidesDir}: a deck is a folder holding a memo.md (briefdeck init <name> starts one)`);
    return decks;
  }
  return [deckAt(deckDir(name, slidesDir))];
}

/** A name with a slash, or a folder that exists here, is a path; else a name under slides/. */
export function deckDir(name: string, slidesDir: string): string {
  const isPath = /[\\/]/.test(name) || name === '.' || (existsSync(path.join(name, 'memo.md')) && !existsSync(path.join(slidesDir, name)));
  return isPath ? name : path.join(slidesDir, name);
}

/** What each group of commands is given: where it writes, and how an action's exit code reaches main. */
export interface Commands {
  io: Streams;
  /** Options every command that reads decks has. */
  decks(command: Command): Command;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- commander passes the arguments untyped
  run(action: (...args: any[]) => Promise<number>): (...args: any[]) => Promise<void>;
}

/**
 * Runs a command on decks with one browser: `pages` print pages are opened ahead (Chromium starts
 * in processes of its own while this one loads Vite, compiles and bundles). Ctrl-C closes the
 * browser, lets the build clean up its staging, and exits 130.
 */
export async function withDecks(
  io: Streams,
  name: string | undefined,
  options: Common,
  pages: number,
  /** `owned`: whether the browser is this run's (closed when it ends) or the caller's (io.browser, kept open). */
  work: (decks: DeckSource[], browser: BrowserGateway, signal: AbortSignal, owned: boolean) => Promise<number>,
  {
    handleSignals = true,
    endsOnSignal = false,
    select,
  }: {
    handleSignals?: boolean;
    /** A run that goes on until stopped (build --watch): Ctrl-C is its end, exit 0, not an interruption. */
    endsOnSignal?: boolean;
    /** The decks to work on, of those found (before any browser starts); none: done, exit 0. */
    select?: ((decks: DeckSource[]) => Promise<DeckSource[]>) | undefined;
  } = {},
): Promise<number> {
  setQuiet(options.quiet ?? false);
  log.debug('command line read');
  let decks: DeckSource[];
  try {
    decks = resolveDecks(name, path.resolve(options.slides ?? 'slides'));
  } catch (error) {
    // check --json: a deck whose memo.md is missing (or a folder) is a report too, on stdout.
    if ((options as { json?: boolean }).json && name && error instanceof BriefdeckError) {
      const dir = path.resolve(deckDir(name, path.resolve(options.slides ?? 'slides')));
      const diagnostics = error.diagnostics.length ? error.diagnostics : [diagnostic({ file: path.join(dir, 'memo.md'), line: 1 }, 'memo-missing', error.message, 'a deck is a folder holding a memo.md (briefdeck init <name> starts one)')];
      io.stdout.write(`${JSON.stringify({ deck: path.basename(dir), compiled: false, diagnostics }, null, 2)}\n`);
    }
    return failed(error);
  }
  if (select) {
    try {
      decks = await select(decks);
    } catch (error) {
      return failed(error);
    }
    if (decks.length === 0) return EXIT.OK;
  }
  const { BrowserGateway } = await import('../browser/gateway.ts');
  const abort = new AbortController();
  // Once interrupted, no browser is started again (a stage still running would relaunch one).
  const owned = !io.browser;
  const browser = io.browser ?? new BrowserGateway(abort.signal);
  if (pages > 0) browser.prepare(pages);
  log.debug('browser gateway ready');
  type Stop = Parameters<typeof signalExitCode>[0];
  let stoppedBy: Stop | undefined;
  // Ctrl-C, SIGTERM and a closed terminal (SIGHUP) stop the run alike. A second signal while it
  // stops is let be: the clean-up (staging folders, the browser's profile) finishes first.
  const interrupt = (signal: Stop) => {
    if (stoppedBy) {
      log.error(`interrupted again (${signal}): still cleaning up, a moment`);
      return;
    }
    stoppedBy = signal;
    abort.abort();
    log.error(`interrupted (${signal}): stopping the browser`);
    void browser.close();
  };
  const signals: Stop[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  if (handleSignals) for (const signal of signals) process.on(signal, interrupt);
  let code: number;
  try {
    code = await work(decks, browser, abort.signal, owned);
  } catch (error) {
    // Every writer looks at the signal just before it puts its outputs in place.
    if (stoppedBy) {
      log.error('interrupted: nothing was written; the previous output stays as it was');
      return signalExitCode(stoppedBy);
    }
    // A browser that stopped answering was ended (and said so): that is the error, not what failed with it.
    if (browser.failure) return browser.failure.exitCode;
    return failed(error);
  } finally {
    if (owned) await browser.close();
    for (const signal of signals) process.off(signal, interrupt);
  }
  // A signal that came once the last output was in place (as the browser closed): what was written
  // stays, whole (each output is put in place at once), and the exit says the run was interrupted,
  // as a shell expects.
  if (stoppedBy && !endsOnSignal) {
    log.error('interrupted after the outputs were written: they are complete');
    return signalExitCode(stoppedBy);
  }
  return code;
}

/** Opens a URL in the system's browser, without waiting for it. */
export async function openInBrowser(url: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const [command, ...args] = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '""', url] : ['xdg-open', url];
  try {
    const child = spawn(command!, args, { stdio: 'ignore', detached: true });
    child.on('error', () => log.warn(`could not open a browser (${command} is missing): open ${url} yourself`));
    child.unref();
  } catch {
    log.warn(`could not open a browser: open ${url} yourself`);
  }
}

/** Resolves on Ctrl-C (or SIGTERM): how the serving commands end. */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** Reports an error and returns the exit code it calls for. */
export const failed = reportError;
