// The studio's export buttons (src/studio/outputs.ts): each output made by the CLI's own function
// into the CLI's files, with its stages told; and, after an edit, exactly the slides that differ
// from the last exported PDF.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.ts';
import { deckAt, type DeckSource } from '../src/core/deck-folder.ts';
import type { CompiledDeck } from '../src/pipeline/compile.ts';
import { DeckCompiler } from '../src/pipeline/compiler.ts';
import { changedSincePdf, exportOutput, outputFiles, type ExportStage } from '../src/studio/outputs.ts';
import { copyDeck, FIXTURES, tempDir } from './helpers.ts';
import { pageCount } from './poppler.ts';
import { officePdf } from './office.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();
let compiler: DeckCompiler;
let deck: DeckSource;
/** The studio's dist/ and the CLI's, for the same deck. */
let studioOut: string;
let cliOut: string;

beforeAll(() => {
  compiler = new DeckCompiler(browser);
  deck = deckAt(copyDeck(path.join(FIXTURES, 'brand/dark-brand'), 'handout'));
  studioOut = path.join(tempDir(), 'dist');
  cliOut = path.join(tempDir(), 'dist');
});

afterAll(async () => {
  await compiler.close();
});

const compile = (): Promise<CompiledDeck> => compiler.compile(deck);

async function cli(...argv: string[]): Promise<number> {
  const sink = () => new Writable({ write: (_c, _e, done) => done() });
  return main([...argv, '-q'], { stdout: sink(), stderr: sink() });
}

describe('the export buttons', () => {
  it('print the slides and notes PDFs as `briefdeck pdf` does, telling each stage', async () => {
    const stages: ExportStage[] = [];
    const result = await exportOutput(deck, 'slides-pdf', { outDir: studioOut, onProgress: (s) => stages.push(s) });
    expect(stages).toEqual(['compiling', 'printing', 'recording', 'done']);
    const files = outputFiles(deck, studioOut);
    expect(result).toEqual({ kind: 'slides-pdf', file: files['slides-pdf'].file, files: [files['slides-pdf'].file, files['notes-pdf'].file] });
    expect(await cli('pdf', deck.dir, '--out', cliOut)).toBe(0);
    const theirs = outputFiles(deck, cliOut);
    for (const kind of ['slides-pdf', 'notes-pdf'] as const) {
      expect(files[kind].exists).toBe(true);
      expect(pageCount(files[kind].file)).toBe(pageCount(theirs[kind].file));
      expect(files[kind].bytes).toBe(theirs[kind].bytes);
    }
    const compiled = await compile();
    expect(pageCount(files['slides-pdf'].file)).toBe(compiled.slides.length);
  });

  it('write the PowerPoint file as `briefdeck pptx` does', async () => {
    const stages: ExportStage[] = [];
    const result = await exportOutput(deck, 'pptx', { outDir: studioOut, onProgress: (s) => stages.push(s) });
    expect(stages).toEqual(['writing', 'done']);
    expect(await cli('pptx', deck.dir, '--out', cliOut)).toBe(0);
    expect(result.file).toBe(outputFiles(deck, studioOut).pptx.file);
    expect(statSync(result.file).size).toBe(outputFiles(deck, cliOut).pptx.bytes);
    // LibreOffice opens it: a page per slide, the brand's footer on them.
    const lo = tempDir();
    officePdf([result.file], lo);
    const converted = path.join(lo, `${deck.name}.pdf`);
    expect(pageCount(converted)).toBe((await compile()).slides.length);
    expect(execFileSync('pdftotext', [converted, '-'], { encoding: 'utf8' })).toContain('Institute for Urban Resilience');
  });

  it('make the one-file deck as `briefdeck build --no-pdf` does, keeping the PDFs and the PowerPoint file', async () => {
    const pdfBefore = readFileSync(outputFiles(deck, studioOut)['slides-pdf'].file);
    const result = await exportOutput(deck, 'one-file', { outDir: studioOut });
    expect(await cli('build', deck.dir, '--no-pdf', '--out', cliOut)).toBe(0);
    const ours = outputFiles(deck, studioOut);
    const theirs = outputFiles(deck, cliOut);
    expect(result.file).toBe(ours['one-file'].file);
    expect(readFileSync(ours['one-file'].file, 'utf8')).toBe(readFileSync(theirs['one-file'].file, 'utf8'));
    expect(readFileSync(path.join(studioOut, deck.name, 'index.html'), 'utf8')).toBe(readFileSync(path.join(cliOut, deck.name, 'index.html'), 'utf8'));
    expect(readFileSync(ours['slides-pdf'].file).equals(pdfBefore)).toBe(true);
    expect(ours.pptx.exists).toBe(true);
    // What the PDFs were printed from is still known.
    expect(changedSincePdf(deck, studioOut, await compile()).known).toBe(true);
  });

  it('run one after another when two buttons are pressed at once', async () => {
    const first: ExportStage[] = [];
    const second: ExportStage[] = [];
    const both = await Promise.all([
      exportOutput(deck, 'pptx', { outDir: studioOut, onProgress: (s) => first.push(s) }),
      exportOutput(deck, 'one-file', { outDir: studioOut, onProgress: (s) => second.push(`${s}@${first.length}` as ExportStage) }),
    ]);
    expect(first).toEqual(['writing', 'done']);
    // The second waited, and began once the first was done.
    expect(second).toEqual(['waiting@0', 'bundling@2', 'done@2']);
    for (const { file } of both) expect(existsSync(file)).toBe(true);
  });

  it('refuse an output there is no button for', async () => {
    await expect(exportOutput(deck, 'docx' as never, { outDir: studioOut })).rejects.toThrow('no output "docx": one of slides-pdf, notes-pdf, pptx, one-file');
  });
});

describe('what changed since the last exported PDF', () => {
  it('nothing, right after the export', async () => {
    const changes = changedSincePdf(deck, studioOut, await compile());
    expect(changes.known).toBe(true);
    expect(changes.pdf).toBe(outputFiles(deck, studioOut)['slides-pdf'].file);
    expect(changes.slides.filter((s) => s.changed)).toEqual([]);
    expect(changes.slides.map((s) => s.page)).toEqual(changes.slides.map((s) => s.index + 1));
    expect(changes.stalePages).toEqual([]);
  });

  it('after one slide’s text is edited: exactly that slide, and its page of the handout', async () => {
    const before = await compile();
    const memo = readFileSync(deck.memoFile, 'utf8');
    // The first sentence of one slide's entry (the sentence the slide shows), reworded.
    const lines = memo.split('\n');
    const line = lines.indexOf('- Repairs are reactive. Crews fix bursts after they happen, at three times the cost of planned work.') + 1;
    const edited = before.slides.findIndex((s) => s.items.some((i) => i.source?.line === line));
    expect(edited).toBeGreaterThan(0);
    lines[line - 1] = lines[line - 1]!.replace('Repairs are reactive.', 'Repairs are reactive, reworded for the briefing.');
    writeFileSync(deck.memoFile, lines.join('\n'));
    const after = await compile();
    expect(after.slides.length).toBe(before.slides.length);
    const changes = changedSincePdf(deck, studioOut, after);
    expect(changes.known).toBe(true);
    expect(changes.slides.filter((s) => s.changed).map((s) => s.index)).toEqual([edited]);
    expect(changes.stalePages).toEqual([edited + 1]);
    // Exported again: nothing is stale any more.
    await exportOutput(deck, 'notes-pdf', { outDir: studioOut });
    expect(changedSincePdf(deck, studioOut, await compile()).slides.filter((s) => s.changed)).toEqual([]);
  });

  it('is not known for PDFs another command printed since, nor when there is no PDF', async () => {
    writeFileSync(deck.memoFile, readFileSync(deck.memoFile, 'utf8').replace('reworded for the briefing', 'reworded again'));
    const compiled = await compile();
    expect(changedSincePdf(deck, studioOut, compiled).slides.filter((s) => s.changed)).toHaveLength(1);
    // `briefdeck pdf` prints the PDFs of the memo as it is now: the studio's record is not theirs.
    expect(await cli('pdf', deck.dir, '--out', studioOut)).toBe(0);
    const other = changedSincePdf(deck, studioOut, compiled);
    expect(other).toMatchObject({ known: false, pdf: outputFiles(deck, studioOut)['slides-pdf'].file });
    expect(other.slides.every((s) => s.changed)).toBe(true);
    const none = changedSincePdf(deck, path.join(tempDir(), 'dist'), compiled);
    expect(none).toMatchObject({ known: false, pdf: null, stalePages: [] });
    expect(none.slides.every((s) => s.changed)).toBe(true);
    expect(existsSync(path.join(studioOut, deck.name, `.${deck.name}.pdf-slides.json`))).toBe(true);
  });
});
