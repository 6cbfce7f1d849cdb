// `briefdeck build`: compile every deck first, then run the writers (writers.ts) on each into a
// staging folder, then swap them into dist/. `pdf` and `pptx` run one writer and put its files in place.
import { accessSync, constants, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserGateway } from '../browser/gateway.ts';
import type { CompiledDeck } from './compile.ts';
import { DeckCompiler } from './compiler.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import type { ExportedPdfs } from '../pdf/export.ts';
import { BriefdeckError, formatDiagnostic, throwIfAborted } from '../core/errors.ts';
import { expireCaches } from '../core/cache-expiry.ts';
import { shownPath, sweepLeftovers, writeFileAtomic } from '../core/files.ts';
import { log } from '../core/log.ts';
import { BUILD_RECORD_DIR, BUNDLE_CACHE_DIR, CACHE_DIR, DIAGRAM_CACHE_DIR, FIT_CACHE_DIR, FONT_CACHE_DIR, PICTURE_CACHE_DIR } from '../core/paths.ts';
import { chosenWriters, runWriters, stampFile, writer, writerWarnings, WRITERS, type WriteJob, type Writer, type WriterName, type Written } from './writers.ts';
import { keepPrevious, stamp } from './keep.ts';
import { inputsBefore, recordBuild } from './up-to-date.ts';
import { realPath, within } from '../core/confine.ts';

export interface BuiltDeck {
  deck: CompiledDeck;
  /** dist/<deck>/ */
  dir: string;
  html: string;
  pdf?: ExportedPdfs;
  /** dist/<deck>/<deck>.pptx, when it was written. */
  pptx?: string;
}

export interface BuildOptions {
  /** Also print dist/<deck>/<deck>.pdf and <deck>-notes.pdf (before anything is swapped in). */
  pdf?: boolean;
  /** Aborted (Ctrl-C): stop, and write nothing. */
  signal?: AbortSignal;
  /** Also write dist/<deck>/<deck>.pptx (default: when the PDFs are printed). */
  pptx?: boolean;
  /** Also write the one-file deck (default: yes; `pdf` and `check` need only the HTML). */
  oneFile?: boolean;
  /** Without `pdf`: keep the PDFs already in dist/<deck>/ while they show the same slides. */
  keepPdfs?: boolean;
  /** Compile with this compiler (kept warm by `build --watch`); otherwise one for this build. */
  compiler?: DeckCompiler;
  /** With `pdf`: put each PDF into dist/<deck>/ as soon as it is printed, before the rest is built (`build --watch`). */
  publishPdfs?: boolean;
  /** The PowerPoint file's template (`--template`), over deck.yaml's. */
  template?: string;
}

/**
 * Builds decks into `outDir/<deck>/index.html`. Nothing in `outDir` changes unless every deck
 * compiled and bundled: the previous output stays intact when any step fails.
 */
export async function buildDecks(decks: DeckSource[], outDir: string, browser: BrowserGateway, options: BuildOptions = {}): Promise<BuiltDeck[]> {
  const writers = chosenWriters(options);
  // What each deck is made from, stamped before anything is read: the record of the build (up-to-date.ts).
  const before = new Map(decks.map((deck) => [deck.name, inputsBefore(deck, path.join(outDir, deck.name), options.template)]));
  const staged = await stageDecks(decks, outDir, browser, { keep: true, replace: true, ...options, writers });
  try {
    throwIfAborted(options.signal);
  } catch (error) {
    for (const { tmp } of staged) rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  return staged.map((entry) => {
    const { tmp, final, deck, source, pdf, pptx } = entry;
    swapInto(tmp, final);
    log.debug(`${deck.name}: swapped into place`);
    recordBuild(source, deck, final, { writers, ...(options.template ? { template: options.template } : {}) }, before.get(deck.name)!, writerWarnings(deck.name, entry));
    const shown = shownPath(final);
    const oneFile = path.join(final, `${deck.name}.html`);
    const oneFileNote = existsSync(oneFile) ? `; one-file deck ${shown}/${deck.name}.html ${kb(sizeOf(oneFile))}` : '';
    log.info(`built ${shown}/index.html (${deck.slides.length} slides)${oneFileNote}, ${shown}/ ${kb(sizeOf(final))} in all`);
    return { deck, dir: final, html: path.join(final, 'index.html'), ...(pdf ? { pdf: { ...pdf, slides: path.join(final, path.basename(pdf.slides)), notes: path.join(final, path.basename(pdf.notes)) } } : {}), ...(pptx ? { pptx: path.join(final, path.basename(pptx)) } : {}) };
  });
}

/**
 * `briefdeck pdf`: prints the decks' PDFs into `outDir/<deck>/` from a fresh build of the memo,
 * leaving the HTML there as it is. Each PDF is replaced atomically, or not at all.
 */
export async function exportDeckPdfs(decks: DeckSource[], outDir: string, browser: BrowserGateway, signal?: AbortSignal): Promise<ExportedPdfs[]> {
  return (await exportOutput('pdf', decks, outDir, browser, signal)).map((written) => written.pdf!);
}

/**
 * `briefdeck pptx`: writes `outDir/<deck>/<deck>.pptx` for each deck from the plan (no bundle is
 * needed), leaving the rest of dist/<deck>/ as it is. Each file is replaced atomically, or not at all.
 */
export async function exportDeckPptx(decks: DeckSource[], outDir: string, browser: BrowserGateway, signal?: AbortSignal, options: { template?: string } = {}): Promise<string[]> {
  return (await exportOutput('pptx', decks, outDir, browser, signal, options)).map((written) => written.pptx!);
}

/**
 * One writer's files for each deck, from the memo as it is now, into `outDir/<deck>/` (the rest of
 * that folder as it is): written into staging folders (with the HTML deck first when the writer
 * prints it), then all put in place together — a Ctrl-C or a failure before leaves every previous
 * file as it was.
 */
export async function exportOutput(
  name: WriterName,
  decks: DeckSource[],
  outDir: string,
  browser: BrowserGateway,
  signal?: AbortSignal,
  { keepBrowser = false, ...options }: { template?: string; /** The browser is the caller's to keep open (else it closes once the last deck is printed). */ keepBrowser?: boolean } = {},
): Promise<Array<Written & { files: string[] }>> {
  const w = writer(name);
  const staged = await stageDecks(decks, outDir, browser, { writers: w.reads === 'page' ? [writer('html')] : [], ...(signal ? { signal } : {}) });
  const results: Array<Written & { files: string[] }> = [];
  let closing: Promise<void> | undefined;
  try {
    const written: Written[] = [];
    for (const [i, entry] of staged.entries()) {
      // After the last deck, Chromium closes while the files are finished (the PDF writer says when: printed).
      const last = i === staged.length - 1 && !keepBrowser ? () => void (closing ??= browser.close()) : undefined;
      written.push(await runWriters([w], { ...job(entry, browser, { ...(signal ? { signal } : {}), ...options }), ...(last ? { doneWithBrowser: last } : {}) }));
      stamp(w, entry.tmp, entry.deck, options.template);
    }
    // ...and all are put in place together, in one turn of the event loop — once nothing in the way
    // (a folder where a file goes) could stop them halfway.
    throwIfAborted(signal);
    for (const { tmp, final, deck } of staged) {
      for (const file of [...w.files(deck.name), path.basename(stampFile(tmp, deck.name, w))]) {
        const there = statSync(path.join(final, file), { throwIfNoEntry: false });
        if (there && !there.isFile()) throw new BriefdeckError(`${shownPath(path.join(final, file))} is a folder, where ${deck.name}'s ${file} goes: move it, and run again (nothing was replaced)`);
      }
    }
    for (const [i, { tmp, final, deck }] of staged.entries()) {
      mkdirSync(final, { recursive: true });
      const files = w.files(deck.name).map((file) => path.join(final, file));
      for (const file of [...w.files(deck.name), path.basename(stampFile(tmp, deck.name, w))]) renameSync(path.join(tmp, file), path.join(final, file));
      const moved = written[i]!;
      if (moved.pdf) moved.pdf = { ...moved.pdf, slides: path.join(final, path.basename(moved.pdf.slides)), notes: path.join(final, path.basename(moved.pdf.notes)) };
      if (moved.pptx) moved.pptx = path.join(final, path.basename(moved.pptx));
      for (const warning of writerWarnings(deck.name, moved)) log.warn(warning);
      results.push({ ...moved, files });
    }
  } finally {
    for (const { tmp } of staged) rmSync(tmp, { recursive: true, force: true });
    await closing;
  }
  return results;
}

/**
 * `briefdeck check`: builds the decks (HTML only) into a temporary folder, lets `use` look at
 * each, and removes the folder; dist/ is not touched.
 */
export async function withTemporaryBuild<T>(decks: DeckSource[], browser: BrowserGateway, use: (dir: string, deck: CompiledDeck) => Promise<T>): Promise<T[]> {
  sweepLeftovers(os.tmpdir());
  const outDir = mkdtempSync(path.join(os.tmpdir(), `briefdeck-check-${process.pid}-`));
  try {
    const staged = await stageDecks(decks, outDir, browser, { writers: [writer('html')] });
    const results: T[] = [];
    for (const { tmp, deck } of staged) results.push(await use(tmp, deck));
    return results;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

interface Staged extends Written {
  tmp: string;
  final: string;
  deck: CompiledDeck;
  source: DeckSource;
}

/** Compiles every deck: parsed, planned, diagrams drawn, text fitted. */
async function compileDecks(decks: DeckSource[], browser: BrowserGateway, given?: DeckCompiler, signal?: AbortSignal): Promise<CompiledDeck[]> {
  const compiler = given ?? new DeckCompiler(browser);
  log.debug('compiler ready');
  const compiled: CompiledDeck[] = [];
  try {
    for (const deck of decks) {
      throwIfAborted(signal);
      log.info(`compiling ${deck.name}`);
      const result = await compiler.compile(deck);
      for (const warning of result.warnings) log.diagnostic(formatDiagnostic(warning));
      compiled.push(result);
    }
  } finally {
    if (!given) await compiler.close();
  }
  return compiled;
}

const job = (entry: Staged, browser: BrowserGateway, options: { signal?: AbortSignal; template?: string; publish?: boolean }): WriteJob => ({
  source: entry.source,
  deck: entry.deck,
  dir: entry.tmp,
  final: entry.final,
  browser,
  ...(options.signal ? { signal: options.signal } : {}),
  ...(options.template ? { template: options.template } : {}),
  ...(options.publish ? { publish: true } : {}),
});

interface StageOptions extends BuildOptions {
  /** The writers to run, in the table's order (the HTML deck first when any prints it). */
  writers: Writer[];
  /** dist/<deck>/ is replaced whole (a build): it may hold only what briefdeck made. */
  replace?: boolean;
  /** Keep the files of writers not run while they show the same slides (a build without PDFs). */
  keep?: boolean;
}

/** Compiles every deck, then runs the writers on each into a hidden folder beside its final place. */
async function stageDecks(decks: DeckSource[], outDir: string, browser: BrowserGateway, options: StageOptions): Promise<Staged[]> {
  refuseUnsafe(decks, outDir, options.replace ?? false);
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    accessSync(CACHE_DIR, constants.W_OK);
  } catch (error) {
    throw new BriefdeckError(`cannot keep fonts, diagrams and bundles in ${CACHE_DIR} (${(error as NodeJS.ErrnoException).code}): set BRIEFDECK_CACHE_DIR to a folder you can write`);
  }
  const caches = [DIAGRAM_CACHE_DIR, FONT_CACHE_DIR, BUNDLE_CACHE_DIR, FIT_CACHE_DIR, PICTURE_CACHE_DIR, BUILD_RECORD_DIR];
  for (const dir of caches) sweepLeftovers(dir);
  const expired = expireCaches(CACHE_DIR, caches);
  if (expired.length > 0) log.debug(`${expired.length} cache entries unused for 30 days removed`);
  log.debug('caches swept');
  const compiled = await compileDecks(decks, browser, options.compiler, options.signal);
  throwIfAborted(options.signal);
  mkdirSync(outDir, { recursive: true });
  // Only what this build's runs leave: `.<deck>.building-<pid>` beside dist/<deck>/, its files' `.<file>.<pid>.tmp` in it (a hidden file of the person's own, named alike, is left alone).
  const ownLeftover = (name: string) => compiled.some((deck) => name.startsWith(`.${deck.name}.`) || name.startsWith(`..${deck.name}.`) || name.startsWith(`.${deck.name}-notes.`)) || name.startsWith('.index.html.');
  const swept = [outDir, ...compiled.map((deck) => path.join(outDir, deck.name))].flatMap((dir) => sweepLeftovers(dir, ownLeftover).map((name) => ({ dir, name })));
  for (const { dir, name } of swept) log.info(`removed ${name}, left in ${shownPath(dir)} by a run that was stopped`);
  const staged: Staged[] = [];
  const stagingDir = (name: string) => path.join(outDir, `.${name}.building-${process.pid}`);
  const [first, ...rest] = options.writers;
  try {
    for (const deck of compiled) {
      // Interrupted (Ctrl-C): no stage starts any more; what is staged is removed below.
      throwIfAborted(options.signal);
      const entry: Staged = { tmp: stagingDir(deck.name), final: path.join(outDir, deck.name), deck, source: decks.find((d) => d.name === deck.name)! };
      // (Each writer makes the folder as it writes: a file system that refuses it is named by the first.)
      staged.push(entry);
      const run = job(entry, browser, { ...options, ...(options.publishPdfs ? { publish: true } : {}) });
      // The HTML deck first (the PDFs print it); then the others, each lane's one after another.
      const written = first ? await runWriters([first], run) : {};
      const others = await runWriters(rest, run);
      const warnings = [...(written.warnings ?? []), ...(others.warnings ?? [])];
      Object.assign(entry, written, others, warnings.length ? { warnings } : {});
      for (const w of options.writers) stamp(w, entry.tmp, deck, options.template);
      log.debug(`${deck.name}: written`);
      for (const warning of writerWarnings(deck.name, entry)) log.warn(warning);
      if (options.keep) for (const w of WRITERS) if (w.keep && !options.writers.includes(w)) keepPrevious(entry.tmp, entry.final, deck, w, options.template);
    }
  } catch (error) {
    for (const deck of compiled) rmSync(stagingDir(deck.name), { recursive: true, force: true });
    throw error;
  }
  return staged;
}

/** Bytes of a file, or of everything under a folder. */
export function sizeOf(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(target).reduce((sum, name) => sum + sizeOf(path.join(target, name)), 0);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Replaces `final` with `tmp` by renames, so a reader never sees a half-written folder. */
function swapInto(tmp: string, final: string): void {
  const old = path.join(path.dirname(final), `.${path.basename(final)}.old-${process.pid}`);
  if (existsSync(final)) renameSync(final, old);
  renameSync(tmp, final);
  rmSync(old, { recursive: true, force: true });
}

/**
 * dist/<deck>/ is replaced whole (a build: `replaced`) or written into (pdf, pptx): it must not be
 * the deck's own folder, or hold it — where the paths really lead, links followed; and a folder a
 * build replaces must hold only what briefdeck made.
 */
function refuseUnsafe(decks: DeckSource[], outDir: string, replaced: boolean): void {
  for (const deck of decks) {
    const final = path.resolve(outDir, deck.name);
    if (within(realPath(deck.dir), realPath(final))) throw new BriefdeckError(`the output folder ${shownPath(final)} would be the deck's own folder ${shownPath(deck.dir)}, or hold it: choose another --out (the default is dist)`);
    if (replaced) refuseForeign(final, deck.name);
  }
}

/**
 * What a build may replace: dist/<deck>/ as briefdeck left it — its writers' files, their stamps,
 * the folders of the page's files and pictures, the studio's record, files of a run stopped. A
 * file there, another deck (a memo.md), a folder of anything else: the build refuses, naming them,
 * rather than remove them with the folder.
 */
function refuseForeign(final: string, deck: string): void {
  let stat;
  try {
    stat = lstatSync(final);
  } catch {
    return; // not there yet
  }
  if (!stat.isDirectory()) throw new BriefdeckError(`${shownPath(final)} is ${stat.isSymbolicLink() ? 'a link' : 'a file'}, where the build puts the deck's folder: move it, or choose another --out`);
  // (And the studio's record of the handouts' pages, src/studio/outputs.ts.)
  const ours = new Set([...WRITERS.flatMap((w) => [...w.files(deck), ...(w.folders ?? [])]), `.${deck}.pdf-slides.json`, ...WRITERS.filter((w) => w.keep).map((w) => path.basename(stampFile(final, deck, w)))]);
  const leftover = (name: string) => name.startsWith(`.${deck}`) || name.startsWith(`..${deck}`) || name.startsWith('.index.html.');
  const foreign = readdirSync(final).filter((name) => !ours.has(name) && !leftover(name));
  if (foreign.length === 0) return;
  const what = foreign.includes('memo.md') ? 'a deck (its memo.md)' : foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : '');
  throw new BriefdeckError(`${shownPath(final)} holds ${what}, which briefdeck did not make, and a build replaces that folder whole: move ${foreign.length === 1 && !foreign.includes('memo.md') ? 'it' : 'them'} elsewhere, or choose another --out`);
}
