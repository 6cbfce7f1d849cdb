// Contact sheets: every slide of each deck as a PNG, and one sheet per deck to look at them all.
//   npx tsx scripts/contact-sheet.ts [deck folder …] [--out dir] [--theme light|dark|contrast]
// (--theme: each deck copied to a temporary folder with that theme in its deck.yaml)
// Defaults: the decks under slides/ and tests/fixtures/decks/, into dist/contact-sheets/.
// Slides are shot in print mode (each slide laid out at 1280×720, as the PDF and `check` see it).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allowCompiledFunctions, BrowserGateway } from '../src/browser/gateway.ts';
import { buildDecks } from '../src/pipeline/build.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { serveStatic } from '../src/browser/serve.ts';
import { openDeckPage } from '../src/browser/deck-page.ts';
import { PACKAGE_ROOT as PROJECT_ROOT } from '../src/core/paths.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const out = path.resolve(option('--out') ?? path.join(PROJECT_ROOT, 'dist', 'contact-sheets'));
const theme = option('--theme');
const folders = (parent: string) => readdirSync(parent).map((name) => path.join(parent, name)).filter((dir) => readdirSync(dir).includes('memo.md'));
const themed = (dir: string) => {
  if (!theme) return dir;
  const copy = path.join(mkdtempSync(path.join(os.tmpdir(), 'briefdeck-sheet-')), path.basename(dir));
  cpSync(dir, copy, { recursive: true });
  const config = path.join(copy, 'deck.yaml');
  const own = existsSync(config) ? readFileSync(config, 'utf8').replace(/^theme:.*$/m, '') : '';
  writeFileSync(config, `${own.trimEnd()}\ntheme: ${theme}\n`);
  return copy;
};
const decks = (args.length ? args : [...folders(path.join(PROJECT_ROOT, 'slides')), ...folders(path.join(PROJECT_ROOT, 'tests/fixtures/decks'))]).map((dir) => deckAt(themed(dir)));

const browser = new BrowserGateway();
const buildDir = path.join(out, '.build');
try {
  rmSync(buildDir, { recursive: true, force: true });
  const built = await buildDecks(decks, buildDir, browser, { oneFile: false });
  for (const deck of built) {
    const dir = path.join(out, deck.deck.name + (theme ? `-${theme}` : ''));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const server = await serveStatic(deck.dir);
    const shots: string[] = [];
    try {
      await browser.withPage(async (page) => {
        await allowCompiledFunctions(page);
        await openDeckPage(page, `${server.origin}/index.html`, { print: 'slides', timeout: 60_000 });
        const sections = await page.$$('.slides > section');
        for (const [i, section] of sections.entries()) {
          const id = await section.evaluate((s) => s.id);
          const file = path.join(dir, `${String(i + 1).padStart(2, '0')}-${id}.png`);
          await section.screenshot({ path: file as `${string}.png` });
          shots.push(file);
        }
      });
      // The sheet: the slides at a quarter of their size, four to a row, numbered.
      const cells = shots
        .map((file) => `<figure><img src="data:image/png;base64,${readFileSync(file).toString('base64')}"><figcaption>${path.basename(file, '.png')}</figcaption></figure>`)
        .join('');
      const html = `<!doctype html><style>body{margin:12px;background:#777;font:13px sans-serif;display:grid;grid-template-columns:repeat(4,320px);gap:10px}
        figure{margin:0}img{width:320px;height:180px;display:block;outline:1px solid #333}figcaption{color:#fff;padding:2px 0}</style>${cells}`;
      const sheet = path.join(out, `${path.basename(dir)}.png`);
      writeFileSync(path.join(dir, 'sheet.html'), html);
      await browser.withPage(async (page) => {
        await page.setViewport({ width: 4 * 330 + 24, height: 400 });
        await page.setContent(html, { waitUntil: 'load' });
        await page.screenshot({ path: sheet as `${string}.png`, fullPage: true });
      });
      process.stdout.write(`${shots.length} slides: ${dir}/, sheet ${sheet}\n`);
    } finally {
      await server.close();
    }
  }
} finally {
  rmSync(buildDir, { recursive: true, force: true });
  await browser.close();
}
