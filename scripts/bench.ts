// Benchmark: prints figures, asserts nothing. npm run bench
//  - cold build of the bundled deck (no diagram or bundle cache), against a bare Vite build of the shell;
//  - rebuild after a one-sentence edit (warm caches: no Vite run), same baseline;
//  - dev server: memo saved → updated DOM in Chromium, against the measuring floor.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build as viteBuild } from 'vite';
import { BrowserGateway } from '../src/browser/gateway.ts';
import { openDeckPage } from '../src/browser/deck-page.ts';
import { buildDecks } from '../src/pipeline/build.ts';
import { BUNDLE_CACHE_DIR, DIAGRAM_CACHE_DIR } from '../src/core/paths.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { startDevServer } from '../src/pipeline/dev.ts';
import { setQuiet } from '../src/core/log.ts';
import { RUNS, median, time, tmp } from './bench-utils.ts';
import { TEMPLATES_DIR } from '../src/core/paths.ts';
import { PACKAGE_ROOT as PROJECT_ROOT } from '../src/core/paths.ts';

setQuiet(true);
const ms = (x: number) => `${x.toFixed(0)} ms`;

const deckDir = path.join(tmp(), 'asi-policy-memo-4');
cpSync(path.join(PROJECT_ROOT, 'slides/asi-policy-memo-4'), deckDir, { recursive: true });
const memoFile = path.join(deckDir, 'memo.md');
const original = readFileSync(memoFile, 'utf8');

// Baseline: Vite bundling the same shell and client with no deck in it.
const barePlugin = {
  name: 'bare-shell',
  resolveId: (id: string) => (id === '/@briefdeck/client' ? path.join(PROJECT_ROOT, 'src/client/main.ts') : id.startsWith('virtual:briefdeck/') ? '\0bare.css' : undefined),
  load: (id: string) => (id === '\0bare.css' ? '' : undefined),
};
const bareSamples: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const outDir = tmp();
  bareSamples.push(await time(() => viteBuild({ configFile: false, root: TEMPLATES_DIR, base: './', logLevel: 'silent', plugins: [barePlugin], build: { outDir, reportCompressedSize: false } })));
}
const baseline = median(bareSamples);

const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < RUNS; i++) {
  rmSync(DIAGRAM_CACHE_DIR, { recursive: true, force: true });
  rmSync(BUNDLE_CACHE_DIR, { recursive: true, force: true });
  const browser = new BrowserGateway();
  cold.push(await time(() => buildDecks([deckAt(deckDir)], tmp(), browser)));
  writeFileSync(memoFile, original.replace('大国間競争が、', `大国間競争が（${i}）、`));
  warm.push(await time(() => buildDecks([deckAt(deckDir)], tmp(), browser)));
  await browser.close();
}
writeFileSync(memoFile, original);

const browser = new BrowserGateway();
const dev = await startDevServer(deckAt(deckDir), browser, 0);
const page = await (await browser.get()).newPage();
await openDeckPage(page, `${dev.url}#/s3-1`);
const latency: number[] = [];
const floor: number[] = [];
// Text no run has fitted before (the fit cache is kept between runs): the first save after start
// is the one that used to wait for the fitting page to open.
const nonce = Math.random().toString(36).slice(2, 6);
for (let i = 0; i < Math.max(RUNS, 5); i++) {
  const version = await page.evaluate(() => Number(document.documentElement.dataset.briefdeckVersion ?? 0));
  const start = performance.now();
  writeFileSync(memoFile, original.replace('大国間競争が、', `大国間競争が[${nonce}${i}]、`));
  await page.waitForFunction((v) => Number(document.documentElement.dataset.briefdeckVersion ?? 0) > v, { polling: 'mutation' }, version);
  latency.push(performance.now() - start);
  // Floor: a change made in the page itself, seen by the same wait.
  const f0 = performance.now();
  await page.evaluate(() => setTimeout(() => (document.documentElement.dataset.benchFloor = String(Math.random())), 0));
  await page.waitForFunction(() => !!document.documentElement.dataset.benchFloor, { polling: 'mutation' });
  floor.push(performance.now() - f0);
  await page.evaluate(() => delete document.documentElement.dataset.benchFloor);
}
await dev.close();
await browser.close();
writeFileSync(memoFile, original);

const rows = [
  ['baseline: bare Vite build of the shell', ms(baseline), '1.00×'],
  ['cold build of the bundled deck (no diagram or bundle cache)', ms(median(cold)), `${(median(cold) / baseline).toFixed(2)}×`],
  ['rebuild after a one-sentence edit', ms(median(warm)), `${(median(warm) / baseline).toFixed(2)}×`],
  ['dev: save → updated DOM in Chromium', ms(median(latency)), `${(median(latency) / median(floor)).toFixed(1)}× the ${ms(median(floor))} floor`],
  ['dev: the first save after start (text never fitted)', ms(latency[0]!), `${(latency[0]! / median(floor)).toFixed(1)}× the floor`],
];
const width = Math.max(...rows.map((r) => r[0]!.length));
process.stdout.write(`briefdeck benchmark (median of ${RUNS} runs, ${os.cpus().length} cores)\n`);
for (const [name, value, ratio] of rows) process.stdout.write(`  ${name!.padEnd(width)}  ${value!.padStart(8)}  ${ratio}\n`);
