// Shared helpers of the tests: real files in temp folders, real Chromium, real servers.
import { execFile } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import type { Page } from 'puppeteer-core';
import type { BrowserGateway } from '../src/browser/gateway.ts';
import { buildDecks, type BuiltDeck } from '../src/pipeline/build.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { serveStatic } from '../src/browser/serve.ts';
import { openDeckPage } from '../src/browser/deck-page.ts';
import { PACKAGE_ROOT as PROJECT_ROOT } from '../src/core/paths.ts';
import type { Memo } from '../src/model/types.ts';
import { sharedBrowser } from './shared-browser.ts';
import { tempDir } from './temp.ts';

export const ROOT = PROJECT_ROOT;
export const BUNDLED_DECK = path.join(ROOT, 'slides/asi-policy-memo-4');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');

/** A temp folder, removed when the test file ends (tests/temp.ts). */
export { tempDir };

/** A copy of a deck folder in a temp folder, to edit freely. */
export function copyDeck(from: string, name = path.basename(from)): string {
  const dir = path.join(tempDir(), name);
  cpSync(from, dir, { recursive: true });
  return dir;
}

export function readMemo(deckDir: string): Memo {
  const file = path.join(deckDir, 'memo.md');
  const result = parseMemo(readFileSync(file, 'utf8'), file);
  if (!result.memo) throw new Error(result.diagnostics.map((d) => `${d.line}: ${d.message}`).join('\n'));
  return result.memo;
}

export async function build(deckDir: string, browser: BrowserGateway, outDir = tempDir()): Promise<BuiltDeck> {
  const [built] = await buildDecks([deckAt(deckDir)], outDir, browser);
  return built!;
}

export async function serve(dir: string): Promise<{ url: string; server: { close(): Promise<void> } }> {
  const server = await serveStatic(dir);
  return { url: server.url, server };
}

/** Opens a deck page and waits until Reveal is ready and the fonts have loaded. */
export async function openDeck(page: Page, url: string): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  await openDeckPage(page, url);
  return problems;
}

/**
 * Runs the briefdeck command line in this process — main(argv), what src/bin.js runs — with the
 * test file's browser (sharedBrowser()), and returns its exit code and output. Tests of the
 * process itself (its exit, signals, a browser named in the environment) use spawnCli.
 */
export const runCli = (...args: string[]) => cliIn(ROOT)(...args);

/** runCli in another folder than the project's (what the command resolves paths against). */
export function cliIn(cwd: string) {
  return (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    // One at a time: a run sets the process's folder and where the log writes.
    const result = running.then(async () => {
      const { main } = await import('../src/cli/cli.ts');
      const stdout = collector();
      const stderr = collector();
      const before = process.cwd();
      process.chdir(cwd);
      try {
        const code = await main(args, { stdout, stderr, browser: await sharedBrowser() });
        return { code, stdout: stdout.text(), stderr: stderr.text() };
      } finally {
        process.chdir(before);
      }
    });
    running = result.catch(() => undefined);
    return result;
  };
}
let running: Promise<unknown> = Promise.resolve();

/** Runs the briefdeck command as a process, as a user does, with these environment variables (and in another folder than the project's). */
export function spawnCli(env: Record<string, string> = {}, cwd = ROOT) {
  return async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)('node', [path.join(ROOT, 'src/bin.js'), ...args], { cwd, timeout: 100_000, env: { ...process.env, ...env } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
}

/** Every file under dir with its bytes, to compare a folder before and after. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      if (statSync(file).isDirectory()) walk(file);
      else out[path.relative(dir, file)] = readFileSync(file).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** A stream that keeps what is written to it. */
export function collector(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(chunk.toString());
      callback();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}
