// `briefdeck build`: compile every deck first, then bundle each, then swap them into dist/.
import { createHash } from 'node:crypto';
import { accessSync, constants, copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InlineConfig } from 'vite';
import type { BrowserGateway } from '../browser/gateway.ts';
import type { CompiledDeck } from './compile.ts';
import { DeckCompiler, deckFonts } from './compiler.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import type { ExportedPdfs } from '../pdf/export.ts';
import { BriefdeckError, formatDiagnostic, throwIfAborted } from '../core/errors.ts';
import { sweepLeftovers, writeFileAtomic } from '../core/files.ts';
import { log } from '../core/log.ts';
import { bundleKey, restoreBundle, storeBundle } from './bundle-cache.ts';
import { filesUnder } from '../core/stamps.ts';
import { loadTheme } from '../model/theme.ts';
import { fillShell } from './vite-plugin.ts';
import { viteConfig, type ViteOptions } from './vite-config.ts';
import { BUNDLE_CACHE_DIR, CACHE_DIR, DIAGRAM_CACHE_DIR, FIT_CACHE_DIR, FONT_CACHE_DIR, PACKAGE_ROOT, PACKAGE_VERSION, TEMPLATES_DIR } from '../core/paths.ts';

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
  const staged = await stageDecks(decks, outDir, browser, { keepPdfs: !options.pdf, ...options });
  try {
    throwIfAborted(options.signal);
  } catch (error) {
    for (const { tmp } of staged) rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  return staged.map(({ tmp, final, deck, pdf, pptx }) => {
    swapInto(tmp, final);
    log.debug(`${deck.name}: swapped into place`);
    const shown = path.relative(process.cwd(), final) || final;
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
  const staged = await stageDecks(decks, outDir, browser, { oneFile: false, ...(signal ? { signal } : {}) });
  const results: ExportedPdfs[] = [];
  let closing: Promise<void> | undefined;
  try {
    // Each deck's PDFs are printed into its staging folder...
    const printed: ExportedPdfs[] = [];
    for (const [i, { tmp, deck }] of staged.entries()) {
      // After the last deck is printed, Chromium closes while its PDFs are post-processed.
      const done = i === staged.length - 1 ? () => void (closing = browser.close()) : undefined;
      const { exportPdfs } = await import('../pdf/export.ts');
      printed.push(await exportPdfs(tmp, deck, browser, tmp, { ...(signal ? { signal } : {}), ...(done ? { printed: done } : {}) }));
    }
    // ...and all are put in place together, in one turn of the event loop: a Ctrl-C before it
    // leaves every previous PDF as it was.
    throwIfAborted(signal);
    for (const [i, { final, deck }] of staged.entries()) {
      const pdfs = printed[i]!;
      mkdirSync(final, { recursive: true });
      const moved = { ...pdfs, slides: path.join(final, path.basename(pdfs.slides)), notes: path.join(final, path.basename(pdfs.notes)) };
      renameSync(pdfs.slides, moved.slides);
      renameSync(pdfs.notes, moved.notes);
      stampPdfs(final, deck);
      results.push(moved);
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
    const staged = await stageDecks(decks, outDir, browser, { oneFile: false });
    const results: T[] = [];
    for (const { tmp, deck } of staged) results.push(await use(tmp, deck));
    return results;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

interface Staged {
  tmp: string;
  final: string;
  deck: CompiledDeck;
  pdf?: ExportedPdfs;
  pptx?: string;
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

/**
 * `briefdeck pptx`: writes `outDir/<deck>/<deck>.pptx` for each deck from the plan (no bundle is
 * needed), leaving the rest of dist/<deck>/ as it is. Each file is replaced atomically, or not at all.
 */
export async function exportDeckPptx(decks: DeckSource[], outDir: string, browser: BrowserGateway, signal?: AbortSignal, options: { template?: string } = {}): Promise<string[]> {
  const compiled = await compileDecks(decks, browser, undefined, signal);
  const { makePptx } = await import('../pptx/export.ts');
  const made: Array<{ deck: CompiledDeck; bytes: Uint8Array }> = [];
  for (const deck of compiled) {
    throwIfAborted(signal);
    made.push({ deck, bytes: await makePptx(deck, browser, options.template ? { template: options.template } : {}) });
  }
  // Put in place together, in one turn of the event loop: a Ctrl-C before it leaves every
  // previous file as it was; none can come between.
  throwIfAborted(signal);
  return made.map(({ deck, bytes }) => {
    const file = path.join(outDir, deck.name, `${deck.name}.pptx`);
    writeFileAtomic(file, bytes);
    stampPptx(path.dirname(file), deck, options.template);
    log.info(`wrote ${deck.name}.pptx (${deck.slides.length} slides)`);
    return file;
  });
}

/** Compiles every deck, then bundles each into a hidden folder beside its final place. */
async function stageDecks(decks: DeckSource[], outDir: string, browser: BrowserGateway, options: BuildOptions): Promise<Staged[]> {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    accessSync(CACHE_DIR, constants.W_OK);
  } catch (error) {
    throw new BriefdeckError(`cannot keep fonts, diagrams and bundles in ${CACHE_DIR} (${(error as NodeJS.ErrnoException).code}): set BRIEFDECK_CACHE_DIR to a folder you can write`);
  }
  for (const dir of [DIAGRAM_CACHE_DIR, FONT_CACHE_DIR, BUNDLE_CACHE_DIR, FIT_CACHE_DIR]) sweepLeftovers(dir);
  log.debug('caches swept');
  const compiled = await compileDecks(decks, browser, options.compiler, options.signal);
  throwIfAborted(options.signal);
  mkdirSync(outDir, { recursive: true });
  const swept = [outDir, ...compiled.map((deck) => path.join(outDir, deck.name))].flatMap((dir) => sweepLeftovers(dir).map((name) => ({ dir, name })));
  for (const { dir, name } of swept) log.info(`removed ${name}, left in ${path.relative(process.cwd(), dir) || dir} by a run that was stopped`);
  const staged: Staged[] = [];
  const stagingDir = (name: string) => path.join(outDir, `.${name}.building-${process.pid}`);
  try {
    for (const deck of compiled) {
      // Interrupted (Ctrl-C): no stage starts any more; what is staged is removed below.
      throwIfAborted(options.signal);
      const tmp = stagingDir(deck.name);
      // The font cut to the deck's characters (its fonts.css path names the cut): with
      // briefdeck's own files, all a bundle depends on.
      const fontsCss = await deckFonts(deck);
      const config = (dir: string, shell: ViteOptions['shell']) => viteConfig({ deck: decks.find((d) => d.name === deck.name)!, compiled: deck, fontsCss, outDir: dir, shell });
      await bundle(`bundling ${deck.name}`, bundleKey('page', PACKAGE_ROOT, fontsCss), tmp, (shell) => viteBuild(config(tmp, shell)));
      // The page links the memo's images, copied beside it; the one-file deck holds them inlined.
      log.debug(`${deck.name}: page bundled`);
      fillInto(path.join(tmp, 'index.html'), deck, true);
      for (const image of deck.images) {
        const target = path.join(tmp, ...image.name.split('/').map(decodeURIComponent));
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, Buffer.from(image.data.slice(image.data.indexOf(',') + 1), 'base64'));
      }
      const entry: Staged = { tmp, final: path.join(outDir, deck.name), deck };
      staged.push(entry);
      // The PDFs print in Chromium's processes while this one makes the one-file deck.
      const printing = options.pdf ? printPdfs(entry, browser, options) : undefined;
      printing?.catch(() => {});
      if (options.oneFile !== false) {
        throwIfAborted(options.signal);
        const oneFile = `${tmp}/.one-file`;
        await bundle(`bundling ${deck.name} as one file`, bundleKey('one-file', PACKAGE_ROOT, fontsCss), oneFile, (shell) => buildOneFile(config(oneFile, shell)));
        renameSync(path.join(oneFile, 'index.html'), path.join(tmp, `${deck.name}.html`));
        rmSync(oneFile, { recursive: true, force: true });
        fillInto(path.join(tmp, `${deck.name}.html`), deck);
      }
      log.debug(`${deck.name}: pages written`);
      if (printing) await printing;
      else if (options.keepPdfs) keepPdfs(entry);
      for (const id of entry.pdf?.overflowing ?? []) log.warn(`${deck.name}: slide #${id} runs past its page`);
      if (options.pptx ?? options.pdf) {
        throwIfAborted(options.signal);
        const { exportPptx } = await import('../pptx/export.ts');
        entry.pptx = await exportPptx(deck, browser, tmp, { ...(options.signal ? { signal: options.signal } : {}), ...(options.template ? { template: options.template } : {}) });
        stampPptx(tmp, deck, options.template);
      } else if (options.keepPdfs) keepPptx(entry, options.template);
    }
  } catch (error) {
    for (const deck of compiled) rmSync(stagingDir(deck.name), { recursive: true, force: true });
    throw error;
  }
  return staged;
}

/** Prints the staged deck's PDFs into its staging folder (and into dist/ at once, when asked). */
async function printPdfs(entry: Staged, browser: BrowserGateway, options: BuildOptions): Promise<void> {
  const { exportPdfs } = await import('../pdf/export.ts');
  const { tmp, final, deck } = entry;
  entry.pdf = await exportPdfs(tmp, deck, browser, tmp, { ...(options.signal ? { signal: options.signal } : {}), ...(options.publishPdfs ? { publishTo: final } : {}) });
  stampPdfs(tmp, deck);
}

/**
 * Bundles into `outDir` with Vite, or reuses the bundle made from the same files (see
 * bundle-cache.ts). Either way `outDir` then holds the page with the deck's placeholders.
 */
async function bundle(what: string, key: string, outDir: string, viteBuild: (shell: ViteOptions['shell']) => Promise<unknown>): Promise<void> {
  if (restoreBundle(BUNDLE_CACHE_DIR, key, outDir)) {
    log.info(`${what}: unchanged, reused`);
    return;
  }
  log.info(what);
  const inputs: string[] = [];
  try {
    await viteBuild({ inputs: (files) => inputs.push(...files.map((file) => file.split('?')[0]!)) });
  } catch (error) {
    throw new BriefdeckError(`${what} failed: ${bundlerMessage(error, outDir)}`);
  }
  // Besides what the bundle was made of: briefdeck itself, its templates and its packages.
  const own = ownFiles();
  try {
    storeBundle(BUNDLE_CACHE_DIR, key, outDir, [...inputs, ...own]);
  } catch (error) {
    // A cache that cannot be written costs the next build time, not this one its result.
    log.warn(`could not keep the bundle in ${BUNDLE_CACHE_DIR}: ${(error as Error).message}`);
  }
  log.debug(`${what}: done`);
}

/** The bundler's error in a line or two: what the user can act on, not Rust's backtrace. */
function bundlerMessage(error: unknown, outDir: string): string {
  const message = String((error as Error)?.message ?? error);
  const os: Array<[RegExp, string]> = [
    [/No space left on device|os error 28/i, 'no space left on the device (ENOSPC)'],
    [/Read-only file system|os error 30/i, 'the file system is read-only (EROFS)'],
    [/Permission denied|os error 13/i, 'permission denied (EACCES)'],
  ];
  const shown = path.basename(outDir).startsWith('.') ? path.dirname(outDir) : outDir;
  for (const [pattern, why] of os) if (pattern.test(message)) return `cannot write ${path.relative(process.cwd(), shown) || shown}: ${why}`;
  return message.split(/\n\s*Stack backtrace:/)[0]!.split('\n').filter((l) => !/please report this problem/.test(l)).slice(0, 6).join('\n');
}

/**
 * briefdeck's own files a bundle depends on: its code (the sources in a checkout, the compiled
 * lib/ when installed), its templates, and the versions of its packages.
 */
function ownFiles(): string[] {
  const code = ['src', 'lib'].map((dir) => path.join(PACKAGE_ROOT, dir)).filter((dir) => existsSync(dir));
  const versions = ['package-lock.json', 'package.json'].map((f) => path.join(PACKAGE_ROOT, f)).filter((f) => existsSync(f));
  return [...code.flatMap((dir) => filesUnder(dir)), ...filesUnder(TEMPLATES_DIR), ...versions];
}

/** Beside a deck's PDFs: a digest of the slides they were printed from. */
const pdfStamp = (dir: string, deck: CompiledDeck) => path.join(dir, `.${deck.name}.pdf-source`);
const pdfFiles = (dir: string, deck: CompiledDeck) => [`${deck.name}.pdf`, `${deck.name}-notes.pdf`].map((f) => path.join(dir, f));
/**
 * What the PDFs and the PowerPoint file show: the slides (their images inlined) and their look —
 * the theme's colours and type, the footer and logo, and the pictures stored once (a new theme or accent with the
 * same slides is a new look, and outputs printed in the old one are not kept).
 */
function slidesDigest(deck: CompiledDeck): string {
  const hash = createHash('sha256').update(PACKAGE_VERSION).update(deck.html).update(JSON.stringify(deck.theme)).update(JSON.stringify(deck.furniture)).update(deck.assetCss);
  // (The furniture holds the logo's bytes: its data: URL.)
  return hash.digest('hex');
}

function stampPdfs(dir: string, deck: CompiledDeck): void {
  writeFileAtomic(pdfStamp(dir, deck), slidesDigest(deck));
}

/** Beside a deck's PowerPoint file: a digest of the slides it was written from. */
const pptxStamp = (dir: string, deck: CompiledDeck) => path.join(dir, `.${deck.name}.pptx-source`);

/** The slides, and the template the PowerPoint file was made in (its bytes: an edited template is a new one). */
function pptxDigest(deck: CompiledDeck, template?: string): string {
  const hash = createHash('sha256').update(slidesDigest(deck)).update(JSON.stringify(deck.look.pptx ?? {}));
  const file = template ? path.resolve(template) : deck.look.pptx?.template?.file;
  try {
    if (file) hash.update(readFileSync(file));
  } catch {
    hash.update('missing');
  }
  return hash.digest('hex');
}

function stampPptx(dir: string, deck: CompiledDeck, template?: string): void {
  writeFileAtomic(pptxStamp(dir, deck), pptxDigest(deck, template));
}

/**
 * A build without PDFs keeps those printed before from the same slides (copied into the new
 * folder); PDFs of an earlier memo are not carried over, and the build says so.
 */
function keepPdfs(entry: Staged): void {
  const { final, deck } = entry;
  keepPrevious(entry, pdfFiles(final, deck), pdfStamp(final, deck), slidesDigest(deck), 2, 'printed', `run "briefdeck pdf ${deck.name}" for new ones`);
}

/** The same for the PowerPoint file, which a build without PDFs does not write either. */
function keepPptx(entry: Staged, template?: string): void {
  const { final, deck } = entry;
  keepPrevious(entry, [path.join(final, `${deck.name}.pptx`)], pptxStamp(final, deck), pptxDigest(deck, template), 1, 'written', `run "briefdeck pptx ${deck.name}" for a new one`);
}

/** Carries `files` of dist/<deck>/ into the new folder while `stamp` says they show these slides. */
function keepPrevious({ tmp }: Staged, files: string[], stampFile: string, digest: string, all: number, made: string, again: string): void {
  const previous = files.filter((f) => existsSync(f));
  if (previous.length === 0) return;
  let stamp = '';
  try {
    stamp = readFileSync(stampFile, 'utf8');
  } catch {
    // no stamp: made by an older briefdeck, or not by briefdeck at all
  }
  const names = previous.map((f) => path.basename(f)).join(' and ');
  if (stamp === digest && previous.length === all) {
    for (const file of [...previous, stampFile]) linkOrCopy(file, path.join(tmp, path.basename(file)));
    log.info(`kept ${names}: ${made} from these same slides`);
    return;
  }
  log.warn(`removed ${names}: ${made} from an earlier version of the memo or its look (${again})`);
}

/**
 * A file carried into the new folder: a hard link where the file system allows (the old folder
 * goes, and briefdeck replaces files by renaming, never by writing into them), else a copy.
 */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Writes the deck into the page at `file` in place of its placeholders. */
function fillInto(file: string, deck: CompiledDeck, linked = false): void {
  writeFileAtomic(file, fillShell(readFileSync(file, 'utf8'), deck, linked));
}

async function viteBuild(config: InlineConfig): Promise<void> {
  const vite = await import('vite');
  await vite.build(config);
}

/**
 * The one-file deck: the same build with every script, style, font and image inlined
 * (vite-plugin-singlefile, assets as data: URLs), as `index.html` of its own folder.
 */
async function buildOneFile(config: InlineConfig): Promise<void> {
  const { viteSingleFile } = await import('vite-plugin-singlefile');
  await viteBuild({
    ...config,
    plugins: [...(config.plugins ?? []), viteSingleFile({ removeViteModuleLoader: true })],
    build: { ...config.build, assetsInlineLimit: () => true, cssCodeSplit: false },
  });
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
