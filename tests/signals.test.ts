// Signals and browsers that stop answering (issue 19, item 5), with the real command line:
// Ctrl-C (SIGINT) or SIGTERM at each stage of `pptx` and `build` leaves the previous outputs
// byte for byte (or none where there were none), no temporary file and no browser, and exits
// 130 / 143; a browser that never answers (a wrapper script that hangs, a Chromium stopped with
// SIGSTOP) is given up on within a bounded time, named, and ended with all it started.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, snapshot, tempDir } from './helpers.ts';

const made: string[] = [];
const temp = () => {
  const dir = tempDir();
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const STACK = /\n\s+at /;
const DECK = 'city-water-memo';

/** A copy of the fixture deck (it has a Mermaid fence, which the PPTX draws in the browser). */
function deckCopy(): string {
  const dir = path.join(temp(), DECK);
  cpSync(path.join(FIXTURES, 'decks', DECK), dir, { recursive: true });
  return dir;
}

/** Changes the memo, so that a new output would differ from the previous one. */
function edit(deck: string, words: string): void {
  const memo = path.join(deck, 'memo.md');
  writeFileSync(memo, readFileSync(memo, 'utf8').replace(/\n## [^\n]*\n/, (heading) => `${heading}\n${words}\n`));
}

/**
 * Gives the memo's Mermaid diagram a label it never had: its picture for the PowerPoint file is not
 * in the cache, so the run draws it in a browser (which the interruption must then end).
 */
let labels = 0;
function newDiagram(deck: string): void {
  const memo = path.join(deck, 'memo.md');
  writeFileSync(memo, readFileSync(memo, 'utf8').replace(/Bursts\[More bursts[^\]]*\]/, `Bursts[More bursts ${process.pid}-${Date.now()}-${++labels}]`));
}

interface Run {
  code: number | null;
  stderr: string;
  /** Whether the line asked for was seen (and the signal sent, when one was asked for). */
  seen: boolean;
  ms: number;
}

/**
 * Runs briefdeck with its own temporary folder (where its browser's profile goes, so that any
 * process of this run is found by that folder's name), and on the first stderr line holding
 * `at` calls `then` (which sends a signal, or stops the browser).
 */
function run(args: string[], options: { tmp: string; env?: Record<string, string>; at?: string; then?: (child: ReturnType<typeof spawn>) => void }): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn('node', [path.join(ROOT, 'src/bin.js'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, TMPDIR: options.tmp, DEBUG: 'briefdeck', ...options.env },
    });
    let stderr = '';
    let seen = false;
    // Never longer than the test: a run that hangs is ended, and the test fails on its exit code.
    const guard = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (options.at && !seen && stderr.includes(options.at)) {
        seen = true;
        options.then?.(child);
      }
    });
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stderr, seen, ms: Date.now() - started });
    });
  });
}

/** The processes whose command line names `dir` (the run's browser profile, or a wrapper script in it). */
function processesIn(dir: string): string {
  try {
    return execFileSync('pgrep', ['-af', dir], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

/** briefdeck's temporary files and folders left under `dir` (staging folders, `.x.123.tmp` files, browser profiles). */
function leftovers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      if (/\.building-\d+|\.old-\d+|\.\d+\.tmp$|^briefdeck-chromium-|^briefdeck-check-/.test(name)) found.push(path.relative(dir, file));
      else if (lstatSync(file).isDirectory()) walk(file);
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

/** Waits until no process names `dir`: a browser being ended takes a moment after briefdeck exits. */
async function noProcessesIn(dir: string): Promise<string> {
  for (let i = 0; i < 20 && processesIn(dir); i++) await new Promise((r) => setTimeout(r, 100));
  return processesIn(dir);
}

const EXIT: Record<'SIGINT' | 'SIGTERM' | 'SIGHUP', number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/** Puts `dir` back as `before` (a snapshot) had it: its files' bytes, and no file it did not hold. */
function restore(dir: string, before: Record<string, string>): void {
  for (const file of Object.keys(snapshot(dir))) if (!(file in before)) rmSync(path.join(dir, file));
  for (const [file, bytes] of Object.entries(before)) writeFileSync(path.join(dir, file), Buffer.from(bytes, 'base64'));
}

/**
 * A run stopped by `signal` on the line `at`, sent before its outputs are put in place. After the
 * browser's last picture the PowerPoint file is made and written in some tens of milliseconds,
 * which a loaded machine may take to deliver the signal: a run it reaches only then has written
 * its outputs whole, says so and exits as interrupted — the outputs are put back as they were
 * (`undo`) and it runs again, `prepare`d again (at most four times).
 */
async function stoppedInTime(args: string[], options: { tmp: string; at: string; signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP'; again?: number; prepare?: () => void; undo: () => void }): Promise<Run> {
  const stop = (child: ReturnType<typeof spawn>) => {
    child.kill(options.signal);
    if (options.again !== undefined) setTimeout(() => child.kill(options.signal), options.again);
  };
  for (let attempt = 1; ; attempt++) {
    options.prepare?.();
    const result = await run(args, { tmp: options.tmp, at: options.at, then: stop });
    if (attempt === 4 || !result.stderr.includes('interrupted after the outputs were written')) return result;
    expect(result.code, result.stderr).toBe(EXIT[options.signal]);
    expect(result.stderr).not.toMatch(STACK);
    options.undo();
  }
}

describe('briefdeck pptx, interrupted after its browser stage', () => {
  it('leaves the previous file byte for byte (SIGINT 130, SIGTERM 143), or none, with no temporary file and no browser', async () => {
    const deck = deckCopy();
    const out = temp();
    const tmp = temp();
    const file = path.join(out, DECK, `${DECK}.pptx`);

    // Interrupted with no previous file: none is made.
    const first = await stoppedInTime(['pptx', deck, '--out', out], { tmp, at: `${DECK}.pptx: pictures drawn`, signal: 'SIGINT', prepare: () => newDiagram(deck), undo: () => rmSync(path.join(out, DECK), { recursive: true, force: true }) });
    expect(first.seen, first.stderr).toBe(true);
    // The diagram was drawn: a browser was running when the signal came.
    expect(first.stderr).toContain('browser launched');
    expect(first.code, first.stderr).toBe(130);
    expect(existsSync(file)).toBe(false);
    expect(first.stderr).not.toMatch(/wrote /);
    expect(first.stderr).toContain('the previous output stays as it was');

    const written = await run(['pptx', deck, '--out', out], { tmp });
    expect(written.code, written.stderr).toBe(0);
    const before = snapshot(out);
    edit(deck, 'An added paragraph, so that a new file would differ.');

    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const stopped = await stoppedInTime(['pptx', deck, '--out', out], { tmp, at: `${DECK}.pptx: pictures drawn`, signal, prepare: () => newDiagram(deck), undo: () => restore(out, before) });
      expect(stopped.seen, stopped.stderr).toBe(true);
      expect(stopped.stderr).toContain('browser launched');
      expect(stopped.code, `${signal}: ${stopped.stderr}`).toBe(EXIT[signal]);
      expect(stopped.stderr).toContain(`interrupted (${signal})`);
      expect(stopped.stderr).not.toMatch(/wrote /);
      expect(stopped.stderr).not.toMatch(STACK);
      expect(snapshot(out), signal).toEqual(before);
      expect(leftovers(out)).toEqual([]);
      expect(leftovers(tmp)).toEqual([]);
      expect(await noProcessesIn(tmp)).toBe('');
    }

    // Interrupted once the file is written (while the browser closes): the new file stays, whole,
    // and the exit says the run was interrupted. (A run that ended before the signal came runs again.)
    let late: Run | undefined;
    for (let attempt = 0; attempt < 4 && !late?.stderr.includes('interrupted (SIGINT)'); attempt++) {
      newDiagram(deck);
      late = await run(['pptx', deck, '--out', out], { tmp, at: `wrote ${DECK}.pptx`, then: (child) => child.kill('SIGINT') });
    }
    expect(late!.code, late!.stderr).toBe(130);
    expect(late!.stderr).toContain('interrupted after the outputs were written: they are complete');
    expect(late!.stderr).not.toMatch(STACK);
    expect(snapshot(out)).not.toEqual(before);
    expect(execFileSync('unzip', ['-tq', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    expect(leftovers(out)).toEqual([]);
    expect(await noProcessesIn(tmp)).toBe('');
  });
});

describe('briefdeck build, interrupted at each stage', () => {
  it('leaves dist/<deck>/ as it was, exits 130 or 143, and leaves no staging folder, temporary file or browser', async () => {
    const deck = deckCopy();
    const out = temp();
    const tmp = temp();
    const built = await run(['build', deck, '--out', out], { tmp });
    expect(built.code, built.stderr).toBe(0);
    expect(existsSync(path.join(out, DECK, `${DECK}.pptx`))).toBe(true);
    const before = snapshot(out);
    edit(deck, 'An added paragraph, so that a new build would differ.');

    const stages: Array<[string, string, 'SIGINT' | 'SIGTERM' | 'SIGHUP', number?]> = [
      ['the HTML deck', `bundling ${DECK}`, 'SIGTERM'],
      ['the one-file deck', `bundling ${DECK} as one file`, 'SIGINT'],
      ['the PDFs', 'pdf: slides ready', 'SIGTERM'],
      ['the PPTX', `${DECK}.pptx: pictures drawn`, 'SIGINT'],
      // A terminal closed; Ctrl-C pressed twice (the second while the first cleans up).
      ['the PDFs, its terminal closed', 'pdf: slides ready', 'SIGHUP'],
      ['the PDFs, Ctrl-C twice', 'pdf: slides ready', 'SIGINT', 50],
    ];
    for (const [stage, at, signal, again] of stages) {
      // A diagram never drawn before: the PowerPoint file's pictures are drawn in Chromium when the
      // signal comes (the other stages stop before them, with Chromium already started for the PDFs).
      const prepare = () => (at.endsWith('pictures drawn') ? newDiagram(deck) : undefined);
      const stopped = await stoppedInTime(['build', deck, '--out', out], { tmp, at, signal, ...(again === undefined ? {} : { again }), prepare, undo: () => restore(out, before) });
      expect(stopped.seen, `${stage}: ${stopped.stderr}`).toBe(true);
      expect(stopped.code, `${stage}: ${stopped.stderr}`).toBe(EXIT[signal]);
      expect(stopped.stderr, stage).not.toMatch(/\bbuilt /);
      expect(stopped.stderr, stage).not.toMatch(STACK);
      expect(snapshot(out), stage).toEqual(before);
      expect(leftovers(out), stage).toEqual([]);
      expect(leftovers(tmp), stage).toEqual([]);
      expect(await noProcessesIn(tmp), stage).toBe('');
    }
  });
});

/** A shell script in `dir`, executable. */
function script(dir: string, name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${text}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('a browser that never answers', () => {
  it('a wrapper script that starts a program that hangs: given up on at the timeout, named, ended with its child; briefdeck exits 1', async () => {
    const deck = deckCopy();
    const tmp = temp();
    // Its child keeps the pipes briefdeck gave the wrapper open, and never answers on them.
    script(tmp, 'never-answers.sh', 'while :; do sleep 1; done');
    await givenUpOn(deck, tmp, script(tmp, 'hanging-browser.sh', `"$(dirname "$0")/never-answers.sh" "$@"`));
  });

  it('a wrapper that starts Chromium and stops it at once: given up on at the timeout, ended with the stopped Chromium; briefdeck exits 1', async () => {
    const deck = deckCopy();
    const tmp = temp();
    const chromium = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser || command -v google-chrome'], { encoding: 'utf8' }).trim();
    await givenUpOn(deck, tmp, script(tmp, 'stopped-chromium.sh', `"${chromium}" "$@" &\nkill -STOP $!\nwait`));
  });

  it('a Chromium that stops answering once started (SIGSTOP): ended within the timeout with every process it started, named; briefdeck exits 1', async () => {
    const deck = deckCopy();
    const out = temp();
    const tmp = temp();
    const chromium = execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser || command -v google-chrome'], { encoding: 'utf8' }).trim();
    // A wrapper as a distribution might ship: it starts the browser in the background and waits.
    const wrapper = script(tmp, 'wrapped-chromium.sh', `"${chromium}" "$@" &\necho $! > "$(dirname "$0")/chromium.pid"\nwait`);
    const result = await run(['pptx', deck, '--out', out], {
      tmp,
      env: { BRIEFDECK_BROWSER: wrapper, BRIEFDECK_BROWSER_TIMEOUT: '8', BRIEFDECK_CACHE_DIR: path.join(tmp, 'cache') },
      // Once it has answered, it stops: every page it was drawing waits.
      at: 'browser launched',
      then: () => process.kill(Number(readFileSync(path.join(tmp, 'chromium.pid'), 'utf8')), 'SIGSTOP'),
    });
    expect(result.seen, result.stderr).toBe(true);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`error: the browser ${wrapper} stopped answering: no answer within 8 s`);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.ms).toBeLessThan(60_000);
    expect(existsSync(path.join(out, DECK, `${DECK}.pptx`))).toBe(false);
    expect(await noProcessesIn(tmp)).toBe('');
    expect(leftovers(tmp)).toEqual([]);
  });
});

/** `pptx` with a browser (a wrapper) that never answers: given up on at a 3 s timeout, named, exit 1, nothing left behind. */
async function givenUpOn(deck: string, tmp: string, wrapper: string): Promise<void> {
  const out = temp();
  const result = await run(['pptx', deck, '--out', out], { tmp, env: { BRIEFDECK_BROWSER: wrapper, BRIEFDECK_BROWSER_TIMEOUT: '3', BRIEFDECK_CACHE_DIR: path.join(tmp, 'cache') } });
  expect(result.code, result.stderr).toBe(1);
  expect(result.stderr).toContain(`could not start the browser ${wrapper}: it did not answer within 3 s`);
  expect(result.stderr).not.toMatch(STACK);
  // The timeout, the time to end it, and the rest of the command: far from the 100 s guard.
  expect(result.ms).toBeLessThan(40_000);
  expect(existsSync(path.join(out, DECK))).toBe(false);
  expect(await noProcessesIn(tmp)).toBe('');
  expect(leftovers(tmp)).toEqual([]);
}

