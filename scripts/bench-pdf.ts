// PDF benchmark: prints figures, asserts nothing. npm run bench:pdf
//  - floor: launch the same Chromium, print one blank page, close;
//  - briefdeck's export of the bundled deck (both PDFs, browser launch included), against it;
//  - the export of a generated memo ten times as long, to show how the cost grows with slides;
//  - the whole `briefdeck pdf` command against a command floor (node, puppeteer, the same
//    Chromium, a blank page): as rerun, after a reworded sentence, and with empty caches.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { BrowserGateway } from '../src/browser/gateway.ts';
import { BROWSER_ARGS, resolveBrowserPath } from '../src/browser/launch.ts';
import { buildDecks } from '../src/pipeline/build.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { setQuiet } from '../src/core/log.ts';
import { RUNS, median, time, tmp } from './bench-utils.ts';
import { exportPdfs } from '../src/pdf/export.ts';
import { PACKAGE_ROOT as PROJECT_ROOT } from '../src/core/paths.ts';

setQuiet(true);

/** The bundled memo's body ten times over, with ids and footnote labels made unique. */
function longMemo(times: number): string {
  const source = readFileSync(path.join(PROJECT_ROOT, 'slides/asi-policy-memo-4/memo.md'), 'utf8');
  const end = source.indexOf('\n---', 4) + 4;
  const [head, body] = [source.slice(0, end), source.slice(end)];
  const copies = Array.from({ length: times }, (_, k) =>
    body
      .replace(/\{#(\w+)/g, `{#$1-${k}`)
      .replace(/serves=(\w+)/g, `serves=$1-${k}`)
      .replace(/\[\^(\d+)\]/g, `[^${k}-$1]`)
      .replace(/^## (.+?)( \{|$)/gm, `## $1（${k + 1}）$2`),
  );
  return `${head}\n${copies.join('\n')}`;
}

async function buildAndTime(deckDir: string): Promise<{ slides: number; seconds: number[] }> {
  const browser = new BrowserGateway();
  const [built] = await buildDecks([deckAt(deckDir)], tmp(), browser);
  await browser.close();
  const seconds: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const gateway = new BrowserGateway();
    seconds.push(await time(async () => {
      await exportPdfs(built!.dir, built!.deck, gateway, tmp());
      await gateway.close();
    }));
  }
  return { slides: built!.deck.slides.length, seconds };
}

const floor: number[] = [];
for (let i = 0; i < RUNS; i++) {
  floor.push(await time(async () => {
    const gateway = new BrowserGateway();
    await gateway.withPage(async (page) => {
      await page.setContent('<!doctype html><title>blank</title>');
      await page.pdf({ width: '1280px', height: '720px' });
    });
    await gateway.close();
  }));
}

const bundled = await buildAndTime(path.join(PROJECT_ROOT, 'slides/asi-policy-memo-4'));
const longDir = path.join(tmp(), 'long-memo');
mkdirSync(longDir);
writeFileSync(path.join(longDir, 'memo.md'), longMemo(10));
const long = await buildAndTime(longDir);

// The whole command as a user runs it, against the same floor run as a command of its own.
const command = (args: string[], env: Record<string, string> = {}) => time(() => new Promise<void>((resolve, reject) => {
  execFile('node', args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env } }, (error) => (error ? reject(error) : resolve()));
}));
// The command floor is plain JavaScript (no TypeScript loader): node, puppeteer, the same
// Chromium launched as briefdeck launches it (flags, pipe), one blank page printed, closed.
const floorScript = path.join(PROJECT_ROOT, `.bench-floor-${process.pid}.mjs`);
const launchArgs = [...BROWSER_ARGS, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
writeFileSync(floorScript, `import puppeteer from 'puppeteer-core';
const b = await puppeteer.launch({ executablePath: ${JSON.stringify(await resolveBrowserPath())}, args: ${JSON.stringify(launchArgs)}, headless: true, pipe: true });
const p = await b.newPage(); await p.setContent('<title>blank</title>'); await p.pdf({ width: '1280px', height: '720px' });
await b.close();`);
process.on('exit', () => rmSync(floorScript, { force: true }));
const bin = path.join(PROJECT_ROOT, 'src/bin.js');
// A copy of the bundled deck, one sentence of it reworded before each run (no new characters,
// so the font and the bundle stay as they were): the edit → PDF loop.
const editedDeck = path.join(tmp(), 'asi-policy-memo-4');
cpSync(path.join(PROJECT_ROOT, 'slides/asi-policy-memo-4'), editedDeck, { recursive: true });
const memoFile = path.join(editedDeck, 'memo.md');
const original = readFileSync(memoFile, 'utf8');
const sentence = '大国間競争が、第四次産業革命と並行して発生した。';
if (!original.includes(sentence)) throw new Error(`bench-pdf: the bundled memo no longer holds "${sentence}"`);
const floorCommand: number[] = [];
const pdfCommand: number[] = [];
const editCommand: number[] = [];
const coldCommand: number[] = [];
await command([bin, 'pdf', '--quiet', '--out', tmp()]); // caches as a user's second run finds them
for (let i = 0; i < RUNS; i++) {
  floorCommand.push(await command([floorScript]));
  pdfCommand.push(await command([bin, 'pdf', '--quiet', '--out', tmp()]));
  writeFileSync(memoFile, original.replace(sentence, i % 2 ? sentence : '第四次産業革命と並行して大国間競争が発生した。'));
  editCommand.push(await command([bin, 'pdf', editedDeck, '--quiet', '--out', tmp()]));
  coldCommand.push(await command([bin, 'pdf', '--quiet', '--out', tmp()], { BRIEFDECK_CACHE_DIR: tmp() }));
}

const f = median(floor);
const b = median(bundled.seconds);
const l = median(long.seconds);
const fc = median(floorCommand);
const row = (label: string, ms: number, against: number, unit: string) =>
  process.stdout.write(`  ${label.padEnd(58)}${ms.toFixed(0).padStart(6)} ms   ${(ms / against).toFixed(2)}× ${unit}\n`);
process.stdout.write(`briefdeck PDF benchmark (median of ${RUNS} runs, ${os.cpus().length} cores)\n`);
row('floor: launch Chromium, print a blank page, close', f, f, '');
row(`export bundled deck, ${bundled.slides} slides (slides + notes PDFs)`, b, f, 'floor');
row(`export 10× memo, ${long.slides} slides (slides + notes PDFs)`, l, f, 'floor');
row('command floor: node + Chromium, blank page', fc, fc, '');
row('briefdeck pdf: bundled deck, both PDFs', median(pdfCommand), fc, 'command floor (target 2×)');
row('briefdeck pdf: after a sentence was reworded', median(editCommand), fc, 'command floor');
row('briefdeck pdf: empty caches (fonts, diagrams, bundle)', median(coldCommand), fc, 'command floor');
process.stdout.write(`  per slide above the floor: ${((b - f) / bundled.slides).toFixed(1)} ms (bundled), ${((l - f) / long.slides).toFixed(1)} ms (10×)\n`);
