// `briefdeck build` with nothing changed leaves dist/<deck>/ as it is and says so (with the
// warnings its build gave); whatever a build is made from or leaves changes, and it builds again
// (src/pipeline/up-to-date.ts). Run in process, as the CLI: main(argv) with the worker's browser.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliIn, FIXTURES, ROOT, snapshot, tempDir } from './helpers.ts';

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
    const { work, deck, dist, memo, build } = workspace();
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
      ['a file added to dist/<deck>/', () => writeFileSync(path.join(dist, 'stray.txt'), 'x')],
    ];
    for (const [change, make] of changes) {
      make();
      const built = await build('--no-pdf');
      expect(built, change).toMatch(/\bbuilt dist\//);
      expect(await build('--no-pdf'), change).toContain(UP_TO_DATE);
    }
    // The footer brand.yaml gave is in the deck: it was built from it.
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('Institute for Urban Resilience');
    // Other outputs asked for (the PDFs and the PowerPoint file): it builds, and then is up to date.
    const full = await build();
    expect(full).toMatch(/\bbuilt dist\//);
    expect(await build(), 'with PDFs').toContain(UP_TO_DATE);
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

describe('an edit saved while the build reads', () => {
  it('is not taken as built: the next build builds it', async () => {
    const { work, memo, dist, build } = workspace();
    await build('--no-pdf');
    const text = readFileSync(memo, 'utf8');
    writeFileSync(memo, text.replace('ageing', 'ageinG'));
    // The command as a process, the memo edited again as soon as it has read it.
    const child = spawn('node', [path.join(ROOT, 'src/bin.js'), 'build', DECK, '--no-pdf'], { cwd: work, env: { ...process.env, DEBUG: 'briefdeck' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let edited = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!edited && stderr.includes(`${DECK}: read`)) {
        edited = true;
        writeFileSync(memo, text.replace('ageing', 'AGEING'));
      }
    });
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code, stderr).toBe(0);
    expect(edited, stderr).toBe(true);
    // It built what it read…
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('ageinG');
    // …and the build after it builds what is there now.
    expect(await build('--no-pdf')).toMatch(/\bbuilt dist\//);
    expect(readFileSync(path.join(dist, 'index.html'), 'utf8')).toContain('AGEING');
  });
});
