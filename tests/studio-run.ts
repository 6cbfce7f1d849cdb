// The studio as a person (or a script) starts it: `briefdeck studio <folder> --no-open`, its
// address with the token read from its first line on stdout; stopped with Ctrl-C (SIGINT). Or the
// same server started in the test's process (startStudioHere) — what the command runs, without a
// process, and with the worker's shared browser in place of a Chromium of its own: opening a deck
// in a studio of its own cost a test 7 core-seconds, a fifth of them the process and its browser.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import type { BrowserGateway } from '../src/browser/gateway.ts';
import { FIXTURES, ROOT, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

/** A studio's folder (a temp folder, removed after the test file) holding one deck, slides/water: the city water memo. */
export function waterFolder(): string {
  const folder = tempDir();
  mkdirSync(path.join(folder, 'slides'));
  cpSync(path.join(FIXTURES, 'decks/city-water-memo'), path.join(folder, 'slides/water'), { recursive: true });
  return folder;
}

export interface RunningStudio {
  url: string;
  origin: string;
  port: number;
  token: string;
  /** The command's process (none for a studio started in the test's process). */
  child?: ChildProcess;
  stderr(): string;
  /** Ctrl-C: resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function startStudioCli(folder: string, ...args: string[]): Promise<RunningStudio> {
  return startStudioCommand([process.execPath, path.join(ROOT, 'src/bin.js')], folder, ...args);
}

/** `<command> studio <folder> --no-open`: the checkout's (startStudioCli), or an installed briefdeck's. */
export function startStudioCommand(command: string[], folder: string, ...args: string[]): Promise<RunningStudio> {
  const [program, ...before] = command;
  const child = spawn(program!, [...before, 'studio', folder, '--no-open', ...args], { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the studio printed no address within 60 s: ${err}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`the studio exited (${code}) before printing its address: ${err}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (!out.includes('\n') || !line) return;
      clearTimeout(timer);
      const url = new URL(line);
      resolve({
        url: line,
        origin: url.origin,
        port: Number(url.port),
        token: url.searchParams.get('token')!,
        child,
        stderr: () => err,
        stop: () => {
          if (child.exitCode === null) child.kill('SIGINT');
          return exited;
        },
      });
    });
  });
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request exactly as given (a browser would not let a page set Host, or keep `..` in a path). */
export function raw(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/**
 * The studio's server (src/studio/server.ts, what `briefdeck studio` starts) in this process, on
 * the worker's shared browser: the test's pages stay in a browser of their own (a page in headless
 * Chromium gets no animation frames while another page opened after it is open). `stop` closes it
 * and resolves with 0; a test of Ctrl-C and the exit code starts the command (startStudioCli).
 */
export async function startStudioHere(folder: string): Promise<RunningStudio> {
  const { startStudio } = await import('../src/studio/server.ts');
  const studio = await startStudio(path.resolve(folder), { browser: await sharedBrowser() });
  const url = new URL(studio.url);
  let closed: Promise<number> | undefined;
  return {
    url: studio.url,
    origin: url.origin,
    port: studio.port,
    token: url.searchParams.get('token')!,
    stderr: () => '',
    stop: () => (closed ??= studio.close().then(() => 0)),
  };
}

/**
 * The studio on `folder` (in this process; `{ command: true }`: `briefdeck studio` as a process),
 * a page at its home, and the deck `deck` opened from there as a person does (its link): the page
 * and the preview's frame once the deck in it is ready.
 */
export async function openStudioDeck(
  browser: BrowserGateway,
  folder: string,
  deck: string,
  viewport = { width: 1400, height: 1000 },
  options: { command?: boolean } = {},
): Promise<{ studio: RunningStudio; page: Page; frame: Frame }> {
  const studio = await (options.command ? startStudioCli(folder) : startStudioHere(folder));
  const page = await (await browser.get()).newPage();
  await page.setViewport(viewport);
  await page.goto(studio.url, { waitUntil: 'load' });
  await Promise.all([page.waitForNavigation(), page.click(`a[href="/deck/${deck}"]`)]);
  const frame = (await (await page.waitForSelector('#preview'))!.contentFrame())!;
  await frame.waitForFunction(() => document.documentElement.dataset.briefdeckReady === 'true', { timeout: 60_000 });
  return { studio, page, frame };
}

/** Puts the cursor at the start of memo line `n` as a person does: Ctrl-Alt-G, "Go to line". */
export async function goToLine(page: Page, n: number): Promise<void> {
  await page.focus('.cm-content');
  await page.keyboard.down('Control');
  await page.keyboard.down('Alt');
  await page.keyboard.press('g');
  await page.keyboard.up('Alt');
  await page.keyboard.up('Control');
  await (await page.waitForSelector('.cm-panel input[name=line]'))!.type(String(n));
  await page.keyboard.press('Enter');
  await page.waitForFunction((k) => document.getElementById('cursor-line')!.textContent === `Line ${k}`, {}, n);
}
