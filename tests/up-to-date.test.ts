// `briefdeck build` with nothing changed leaves dist/<deck>/ as it is and says so (with the
// warnings its build gave); whatever a build is made from or leaves changes, and it builds again
// (src/pipeline/up-to-date.ts). Run in process, as the CLI: main(argv) with the worker's browser.
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHE_DIR } from '../src/core/paths.ts';
import { cliIn, FIXTURES, ROOT, snapshot, spawnCli, tempDir } from './helpers.ts';

const DECK = 'city-water-memo';
const UP_TO_DATE = `dist/${DECK}/ is up to date`;

/** A workspace (slides/<deck>) of the fixture deck, and its build in process. */
function workspace() {
  const work = tempDir();
  const deck = path.join(work, 'slides', DECK);
  cpSync(path.join(FIXTURES, 'decks', DECK), deck, { recursive: true });
  const cli = cliIn(work);
  const build = async (...flags: string[]) => {
    const result = await cli('build', DECK, ...flags);
    expect(result.code, result.stderr).toBe(0);
    return result.stderr;
  };
  return { work, deck, dist: path.join(work, 'dist', DECK), memo: path.join(deck, 'memo.md'), build, cli };
}

/** The pptxgenjs master with every body placeholder cut to an inch high: the PowerPoint writer warns of what it cannot hold. */
async function smallTemplate(dir: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path.join(FIXTURES, 'templates', 'pptxgenjs-master.pptx')));
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/slideLayouts\/[^/]+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    zip.file(name, xml.replace(/<p:sp>[\s\S]*?<\/p:sp>/g, (sp) => (/<p:ph\b[^>]*type="body"/.test(sp) ? sp.replace(/(<a:ext cx="\d+" cy=")\d+"/, '$1914400"') : sp)));
  }
  const file = path.join(dir, 'small.pptx');
  writeFileSync(file, await zip.generateAsync({ type: 'uint8array' }));
  return file;
}

/** Every file under `dir` with its modification time: a build that was skipped touches none. */
function times(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[path.relative(dir, path.join(entry.parentPath, entry.name))] = statSync(path.join(entry.parentPath, entry.name)).mtimeMs;
  }
  return out;
}

/** The same bytes, a new modification time: an editor saving without a change, git checking out the same file. */
function touch(file: string): void {
  const later = new Date(statSync(file).mtimeMs + 5000);
  utimesSync(file, later, later);
}

describe('build with nothing changed', () => {
  it('leaves dist/<deck>/ untouched and says it is up to date, with the warnings of its build; --force builds', async () => {
    const { dist, memo, build } = workspace();
    // A footnote no sentence refers to: a warning of the build, said again when it is skipped.
    appendFileSync(memo, '\n[^spare]: A note that nothing refers to.\n');
    const first = await build('--no-pdf');
    expect(first).toMatch(/\bbuilt dist\//);
    expect(first).toContain('footnote-unreferenced');
    const files = snapshot(dist);
    const stamped = times(dist);

    const again = await build('--no-pdf');
    expect(again).toContain(`${UP_TO_DATE} (`);
    expect(again).toMatch(/up to date \(\d+ slides\)/);
    expect(again).toContain('footnote-unreferenced');
    expect(again).not.toMatch(/\bbuilt dist\/|compiling|bundling/);
    expect(snapshot(dist)).toEqual(files);
    expect(times(dist)).toEqual(stamped);

    const forced = await build('--no-pdf', '--force');
    expect(forced).toMatch(/\bbuilt dist\//);
    // The same files, written anew.
    expect(snapshot(dist)).toEqual(files);
    expect(times(dist)[`${DECK}.html`]).toBeGreaterThan(stamped[`${DECK}.html`]!);
    // The record is not among them: dist/ is published, and the record names this machine's files.
    expect(Object.keys(files).filter((file) => file.startsWith('.'))).toEqual([]);
  });

  it('builds again after each change of what it is made from or what it left, and is up to date after each build', async () => {
    const { work, deck, dist, memo, build, cli } = workspace();
    await build('--no-pdf');
    const text = readFileSync(memo, 'utf8');
    const changes: Array<[string, () => void]> = [
      // The same size and a new time: an edit of one word for another as long.
      ['memo.md edited', () => writeFileSync(memo, text.replace('ageing', 'ageinG'))],
      ['memo.md saved unchanged', () => touch(memo)],
      ['a file added to the deck folder', () => writeFileSync(path.join(deck, 'notes.txt'), 'draft')],
      ['that file removed', () => rmSync(path.join(deck, 'notes.txt'))],
      ['brand.yaml added beside the deck folders', () => writeFileSync(path.join(work, 'slides', 'brand.yaml'), 'brand:\n  footer: Institute for Urban Resilience\n')],
      ['an output edited', () => appendFileSync(path.join(dist, 'index.html'), '\n')],
      ['an output removed', () => rmSync(path.join(dist, `${DECK}.html`))],
    ];
    for (const [change, make] of changes) {
      make();
      const built = await build('--no-pdf');
      expect(built, change).toMatch(/\bbuilt dist\//);
      expect(await build('--no-pdf'), change).toContain(UP_TO_DATE);
    }
    // A file or folder of someone's own in dist/<deck>/: the build, which replaces the folder whole,
    // refuses and names it (it would have gone with the folder); moved away, the deck is up to date.
    for (const [what, put, take] of [
      ['a file', () => writeFileSync(path.join(dist, 'stray.txt'), 'x'), () => rmSync(path.join(dist, 'stray.txt'))],
      ['a folder', () => mkdirSync(path.join(dist, 'extra')), () => rmSync(path.join(dist, 'extra'), { recursive: true })],
    ] as const) {
      put();
      const refused = await cli('build', DECK, '--no-pdf');
      expect(refused.code, what).toBe(1);
      expect(refused.stderr, what).toMatch(/dist\/city-water-memo holds (stray\.txt|extra), which briefdeck did not make/);
      take();
      expect(await build('--no-pdf'), what).toContain(UP_TO_DATE);
    }
    // A record another keeps beside the outputs (the studio's of the handouts' pages) is not the build's.
    writeFileSync(path.join(dist, `.${DECK}.pdf-slides.json`), '{}');
    expect(await build('--no-pdf'), 'a record beside the outputs').toContain(UP_TO_DATE);
    // The footer brand.yaml gave is in the deck: it was built from it.
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('Institute for Urban Resilience');
    // Other outputs asked for (the PDFs and the PowerPoint file, in a template too small for the
    // text): it builds, and then is up to date, saying again what its writers warned of.
    const small = await smallTemplate(work);
    const full = await build('--template', small);
    expect(full).toMatch(/\bbuilt dist\//);
    const fit = /warning: city-water-memo\.pptx: slide \d+ \("[^"]+"\): its text does not fit the template's/;
    expect(full).toMatch(fit);
    const again = await build('--template', small);
    expect(again, 'with PDFs').toContain(UP_TO_DATE);
    expect(again).toMatch(fit);
  });

  it('follows links: memo.md a link to a draft, pointed at another one, builds', async () => {
    const { deck, dist, memo, build } = workspace();
    const text = readFileSync(memo, 'utf8');
    mkdirSync(path.join(deck, 'drafts'));
    writeFileSync(path.join(deck, 'drafts', 'a.md'), text);
    writeFileSync(path.join(deck, 'drafts', 'b.md'), text.replace('ageing', 'AGEING'));
    // The drafts alike in size and time: only the link tells them apart.
    const when = statSync(path.join(deck, 'drafts', 'a.md')).mtime;
    utimesSync(path.join(deck, 'drafts', 'b.md'), when, when);
    rmSync(memo);
    symlinkSync('drafts/a.md', memo);
    await build('--no-pdf');
    expect(await build('--no-pdf')).toContain(UP_TO_DATE);
    rmSync(memo);
    symlinkSync('drafts/b.md', memo);
    expect(await build('--no-pdf')).toMatch(/\bbuilt dist\//);
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('AGEING');
  });

  it('a deck built from its own folder (`build .`, dist/ inside it): its outputs are not among what it is made from', async () => {
    const { deck } = workspace();
    const here = cliIn(deck);
    const first = await here('build', '.', '--no-pdf');
    expect(first.code, first.stderr).toBe(0);
    const again = await here('build', '.', '--no-pdf');
    expect(again.stderr).toContain(`dist/${DECK}/ is up to date`);
  });

  it('outputs beside or above the deck folder (--out .): an edit builds; an output folder that would be the deck folder is refused, the deck untouched', async () => {
    const { work, deck, memo, cli } = workspace();
    const here = async (...args: string[]) => {
      const result = await cli('build', DECK, '--no-pdf', ...args);
      expect(result.code, result.stderr).toBe(0);
      return result.stderr;
    };
    await here('--out', '.');
    expect(await here('--out', '.')).toContain(`${DECK}/ is up to date`);
    writeFileSync(memo, readFileSync(memo, 'utf8').replace('ageing', 'ageinG'));
    expect(await here('--out', '.')).toMatch(/\bbuilt city-water-memo\//);
    expect(readFileSync(path.join(work, DECK, 'index.html'), 'utf8')).toContain('ageinG');
    // slides/<deck> as the output folder: it would replace the deck itself.
    const files = snapshot(deck);
    const refused = await cli('build', DECK, '--no-pdf', '--out', 'slides');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`the output folder slides/${DECK} would be the deck's own folder slides/${DECK}, or hold it`);
    expect(snapshot(deck)).toEqual(files);
  });

  it("what a deck folder holds that is no input (a project's node_modules/, .git/): changed, the deck stays up to date", async () => {
    const { deck, build } = workspace();
    for (const dir of ['node_modules/some-package', '.git']) mkdirSync(path.join(deck, dir), { recursive: true });
    writeFileSync(path.join(deck, 'node_modules/some-package/index.js'), '');
    writeFileSync(path.join(deck, '.git/index'), '1');
    await build('--no-pdf');
    writeFileSync(path.join(deck, 'node_modules/some-package/index.js'), 'changed');
    writeFileSync(path.join(deck, '.git/index'), '2');
    expect(await build('--no-pdf')).toContain(UP_TO_DATE);
  });

  it('a template brand.yaml names that is not there yet: once it is, the deck builds (it gives the accent)', async () => {
    const { work, build } = workspace();
    writeFileSync(path.join(work, 'slides', 'brand.yaml'), 'pptx:\n  template: corp.pptx\n');
    // Named for the first time: stamped (as missing) by the build after, and up to date from then on.
    await build('--no-pdf');
    await build('--no-pdf');
    expect(await build('--no-pdf')).toContain(UP_TO_DATE);
    copyFileSync(path.join(FIXTURES, 'templates', 'libreoffice-blue-curve.pptx'), path.join(work, 'slides', 'corp.pptx'));
    expect(await build('--no-pdf')).toMatch(/\bbuilt dist\//);
    await build('--no-pdf');
    expect(await build('--no-pdf')).toContain(UP_TO_DATE);
  });

  it('keeps PDFs of the same slides: a build without them after `briefdeck pdf` is up to date, after an edit it builds and removes them', async () => {
    const { dist, memo, build, cli } = workspace();
    await build('--no-pdf');
    const printed = await cli('pdf', DECK);
    expect(printed.code, printed.stderr).toBe(0);
    // The PDFs are not the build's: printed since, of the same slides, they leave it up to date.
    expect(await build('--no-pdf')).toContain(UP_TO_DATE);
    // PDFs of other slides are not kept: the build runs, and says it removed them.
    writeFileSync(path.join(dist, `.${DECK}.pdf-source`), 'another deck');
    const rebuilt = await build('--no-pdf');
    expect(rebuilt).toMatch(/removed city-water-memo\.pdf and city-water-memo-notes\.pdf/);
    expect(readdirSync(dist)).not.toContain(`${DECK}.pdf`);
    expect(await build('--no-pdf')).toContain(UP_TO_DATE);
    writeFileSync(memo, readFileSync(memo, 'utf8').replace('ageing', 'aging'));
    expect(await build('--no-pdf')).toMatch(/\bbuilt dist\//);
  });
});

describe('a record that cannot be kept', () => {
  it('costs the next build its skip, never this build its result: built, exit 0, and built again', async () => {
    const { work, dist } = workspace();
    // A cache of its own, warm (the checkout's fonts, bundles, fitted sizes and diagrams), where builds/ is a file.
    const cache = tempDir();
    for (const dir of ['fonts', 'bundles', 'fit', 'diagrams']) {
      const from = path.join(CACHE_DIR, dir);
      if (existsSync(from)) cpSync(from, path.join(cache, dir), { recursive: true });
    }
    writeFileSync(path.join(cache, 'builds'), 'not a folder');
    const build = spawnCli({ BRIEFDECK_CACHE_DIR: cache }, work);
    for (const time of ['first', 'second']) {
      const run = await build('build', DECK, '--no-pdf');
      expect(run.code, `${time}: ${run.stderr}`).toBe(0);
      expect(run.stderr, time).toMatch(/\bbuilt dist\//);
      expect(run.stderr, time).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(path.join(dist, 'index.html'))).toBe(true);
  });
});

/** `briefdeck build` as a process, `then` called as soon as it has read the deck. */
async function buildReading(work: string, then: () => void): Promise<void> {
  const child = spawn('node', [path.join(ROOT, 'src/bin.js'), 'build', DECK, '--no-pdf'], { cwd: work, env: { ...process.env, DEBUG: 'briefdeck' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let done = false;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (!done && stderr.includes(`${DECK}: read`)) {
      done = true;
      then();
    }
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect(code, stderr).toBe(0);
  expect(done, stderr).toBe(true);
}

describe('a change saved while the build reads', () => {
  it('is not taken as built: the next build builds it (an edit, a file taken away)', async () => {
    const { work, deck, memo, dist, build } = workspace();
    await build('--no-pdf');
    const text = readFileSync(memo, 'utf8');
    writeFileSync(memo, text.replace('ageing', 'ageinG'));
    await buildReading(work, () => writeFileSync(memo, text.replace('ageing', 'AGEING')));
    // It built what it read…
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('ageinG');
    // …and the build after it builds what is there now.
    expect(await build('--no-pdf')).toMatch(/\bbuilt dist\//);
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('AGEING');

    // deck.yaml (its footer on every slide) moved away while the build reads.
    const config = path.join(deck, 'deck.yaml');
    writeFileSync(config, 'brand:\n  footer: Water Board internal\n');
    await buildReading(work, () => renameSync(config, path.join(work, 'deck.yaml.away')));
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('Water Board internal');
    expect(await build('--no-pdf')).toMatch(/\bbuilt dist\//);
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).not.toContain('Water Board internal');
  });
});
