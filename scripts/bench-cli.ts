// Whole-command benchmark, as a user times it: prints figures and ratios, asserts nothing.
// npm run bench:cli
//  - `briefdeck build --no-pdf` of the bundled deck, warm (rerun with nothing changed: the build
//    finds dist/<deck>/ up to date, src/pipeline/up-to-date.ts), against Marp CLI turning a
//    Markdown deck of the same memo into HTML (Marp CLI is installed into a temporary folder for
//    this comparison, never as a dependency). Target (issue 21): at most 0.35×.
//    Also shown: the same build after a one-word edit of the memo (what a person saving does: the
//    whole build, parse to one-file deck), and that build with --force and nothing changed.
//  - `briefdeck pdf` (both PDFs) against the Chromium floor: the same browser briefdeck uses (its
//    headless shell where there is one), with the same switches, started by itself (`--print-to-pdf` of about:blank: no
//    Node, no Puppeteer). Target (issue 21): at most 1.5×. Chromium itself is timed too where the
//    shell is used (the floor the figures before the shell were measured against).
//  - `build --watch`: a saved one-word edit until the new slides PDF is in dist/, against the
//    same floor. Target (issue 21): at most 0.4×.
// Both timed in the same run, alternating, median of BENCH_RUNS (default 5).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BROWSER_ARGS, SHELL_ARGS, resolveBrowserPath } from '../src/browser/launch.ts';
import { installedBrowser, isHeadlessShell } from '../src/browser/find.ts';
import { PACKAGE_ROOT } from '../src/core/paths.ts';
import { median, tmp } from './bench-utils.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BIN = path.join(PACKAGE_ROOT, 'src/bin.js');

/** Floor runs that ended by a signal after writing their PDF (counted, not failed). */
let crashedAtExit = 0;

/**
 * Wall time of a command, in ms; fails loudly when the command does. `wrote`: the file the command
 * is run for — the headless shell, one process, now and then dies by a signal as it exits (status
 * null), its PDF written: that run counts.
 */
function run(command: string, args: string[], cwd: string, wrote?: string): number {
  const start = performance.now();
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status === null && wrote && existsSync(wrote) && statSync(wrote).size > 0) crashedAtExit++;
  else if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}`);
  return ms;
}

/** The memo as a Markdown deck for Marp: a slide per section and part, lists split every six items, notes as comments. */
function marpDeck(memo: string): string {
  const body = memo.slice(memo.indexOf('\n---', 4) + 4);
  const title = /^title:\s*(.+)$/m.exec(memo)?.[1] ?? 'Deck';
  const slides: string[] = [`# ${title}`];
  let current: string[] = [];
  let items = 0;
  const flush = () => {
    if (current.some((l) => l.trim())) slides.push(current.join('\n'));
    current = [];
    items = 0;
  };
  for (const raw of body.split('\n')) {
    const line = raw.replace(/\s*\{[^}]*\}\s*$/, '');
    if (/^#{2,3} /.test(line)) {
      flush();
      current.push(line.replace(/^#+/, '#'));
    } else if (/^- /.test(line)) {
      if (++items > 6) {
        const heading = current[0] ?? '';
        flush();
        current.push(heading);
        items = 1;
      }
      const [first, ...rest] = line.slice(2).split(/(?<=。)/);
      current.push(`- ${first}`);
      if (rest.length) current.push(`  <!-- ${rest.join('')} -->`);
    } else if (line.trim() && !line.startsWith('```') && !line.startsWith('[^')) {
      const [first, ...rest] = line.split(/(?<=。)/);
      current.push(first ?? '', rest.length ? `<!-- ${rest.join('')} -->` : '');
    }
  }
  flush();
  return `---\nmarp: true\nlang: ja\n---\n\n${slides.join('\n\n---\n\n')}\n`;
}

// Marp CLI, in a folder of its own.
const marpDir = path.join(os.tmpdir(), 'briefdeck-bench-marp');
const marp = path.join(marpDir, 'node_modules/.bin/marp');
if (!existsSync(marp)) {
  mkdirSync(marpDir, { recursive: true });
  process.stderr.write('installing Marp CLI for the comparison (once)…\n');
  execFileSync('npm', ['install', '--prefix', marpDir, '--no-audit', '--no-fund', '--no-save', '@marp-team/marp-cli@4'], { stdio: 'ignore' });
}

const work = tmp();
cpSync(path.join(PACKAGE_ROOT, 'slides/asi-policy-memo-4'), path.join(work, 'slides/asi-policy-memo-4'), { recursive: true });
const memo = readFileSync(path.join(work, 'slides/asi-policy-memo-4/memo.md'), 'utf8');
writeFileSync(path.join(work, 'marp.md'), marpDeck(memo));
const marpSlides = marpDeck(memo).split('\n---\n').length - 1;

const chromium = await resolveBrowserPath();
const full = isHeadlessShell(chromium) ? installedBrowser(existsSync) : undefined;
const floorArgs = (out: string, program = chromium) => [...BROWSER_ARGS, ...(isHeadlessShell(program) ? SHELL_ARGS : []), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), `--user-data-dir=${tmp()}`, '--no-pdf-header-footer', `--print-to-pdf=${out}`, 'about:blank'];

// Warm everything once: caches, the compiled CLI, Marp's first start.
run('node', [BIN, 'build', 'asi-policy-memo-4', '--quiet'], work);
run(marp, ['marp.md', '-o', 'marp.html'], work);

const memoFile = path.join(work, 'slides/asi-policy-memo-4/memo.md');
/** The memo with one word changed, back and forth: a real edit every time. */
let edits = 0;
const edit = () => writeFileSync(memoFile, ++edits % 2 ? memo.replace('重要', '大切') : memo);

const samples = { build: [] as number[], edited: [] as number[], forced: [] as number[], marp: [] as number[], pdf: [] as number[], floor: [] as number[], full: [] as number[] };
for (let i = 0; i < RUNS; i++) {
  samples.build.push(run('node', [BIN, 'build', 'asi-policy-memo-4', '--no-pdf', '--quiet'], work));
  edit();
  samples.edited.push(run('node', [BIN, 'build', 'asi-policy-memo-4', '--no-pdf', '--quiet'], work));
  samples.forced.push(run('node', [BIN, 'build', 'asi-policy-memo-4', '--no-pdf', '--force', '--quiet'], work));
  samples.marp.push(run(marp, ['marp.md', '-o', 'marp.html'], work));
  samples.pdf.push(run('node', [BIN, 'pdf', 'asi-policy-memo-4', '--quiet'], work));
  samples.floor.push(run(chromium, floorArgs(path.join(work, `floor-${i}.pdf`)), work, path.join(work, `floor-${i}.pdf`)));
  if (full) samples.full.push(run(full, floorArgs(path.join(work, `full-${i}.pdf`), full), work, path.join(work, `full-${i}.pdf`)));
}

/** `build --watch`: from a save to the new slides PDF in dist/, each save once the last build is done. */
async function watchSamples(): Promise<number[]> {
  const pdf = path.join(work, 'dist/asi-policy-memo-4/asi-policy-memo-4.pdf');
  const child = spawn('node', [BIN, 'build', '--watch', 'asi-policy-memo-4'], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const settled = async (count: number) => {
    while ((log.match(/up to date in/g) ?? []).length < count) {
      if (child.exitCode !== null) throw new Error(`build --watch ended: ${log}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  try {
    await settled(1);
    const out: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const before = statSync(pdf).mtimeMs;
      const start = performance.now();
      edit();
      while (!existsSync(pdf) || statSync(pdf).mtimeMs === before) await new Promise((r) => setTimeout(r, 5));
      out.push(performance.now() - start);
      await settled(i + 2);
      samples.floor.push(run(chromium, floorArgs(path.join(work, `floor-w${i}.pdf`)), work, path.join(work, `floor-w${i}.pdf`)));
    }
    return out;
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('exit', r));
  }
}
const watch = await watchSamples();

const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<keyof typeof samples, number>;
const w = median(watch);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
process.stdout.write(`briefdeck whole-command benchmark (median of ${RUNS}, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)})\n`);
process.stdout.write(`  build --no-pdf (up to date)    ${s(m.build)}   Marp CLI, ${marpSlides} slides to HTML ${s(m.marp)}   ratio ${(m.build / m.marp).toFixed(2)}× (target ≤ 0.35×)\n`);
process.stdout.write(`  build --no-pdf (after an edit) ${s(m.edited)}   Marp CLI                       ${s(m.marp)}   ratio ${(m.edited / m.marp).toFixed(2)}×\n`);
process.stdout.write(`  build --no-pdf --force         ${s(m.forced)}   Marp CLI                       ${s(m.marp)}   ratio ${(m.forced / m.marp).toFixed(2)}×\n`);
process.stdout.write(`  pdf (both PDFs, whole command) ${s(m.pdf)}   Chromium alone, blank page    ${s(m.floor)}   ratio ${(m.pdf / m.floor).toFixed(2)}× (target ≤ 1.50×)\n`);
process.stdout.write(`  build --watch: save → slides PDF ${s(w)} Chromium alone, blank page    ${s(m.floor)}   ratio ${(w / m.floor).toFixed(2)}× (target ≤ 0.40×)\n`);
process.stdout.write(`  the browser: ${chromium}${full ? `; ${full} alone, blank page ${s(m.full)}: pdf ${(m.pdf / m.full).toFixed(2)}×, watch ${(w / m.full).toFixed(2)}× of that` : ''}\n`);
if (crashedAtExit) process.stdout.write(`  (${crashedAtExit} floor run${crashedAtExit === 1 ? "" : "s"} of the browser ended by a signal as it exited, its PDF written: counted)\n`);
