// `briefdeck build`: compile every deck first, then bundle each, then swap them into dist/.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build as viteBuild, type InlineConfig } from 'vite';
import type { BrowserGateway } from './browser.ts';
import { compileDeck, type CompiledDeck } from './deck.ts';
import type { DeckSource } from './deck-folder.ts';
import { DiagramRenderer } from './diagrams/render.ts';
import { exportPdfs, type ExportedPdfs } from './pdf/export.ts';
import { BriefdeckError, formatDiagnostic, throwIfAborted } from './errors.ts';
import { log } from './log.ts';
import { loadTheme } from './theme.ts';
import { CACHE_DIR, viteConfig } from './vite/config.ts';

export const DIAGRAM_CACHE_DIR = path.join(CACHE_DIR, 'diagrams');

export interface BuiltDeck {
  deck: CompiledDeck;
  /** dist/<deck>/ */
  dir: string;
  html: string;
  pdf?: ExportedPdfs;
}

export interface BuildOptions {
  /** Also print dist/<deck>/<deck>.pdf and <deck>-notes.pdf (before anything is swapped in). */
  pdf?: boolean;
  /** Aborted (Ctrl-C): stop, and write nothing. */
  signal?: AbortSignal;
  /** Also write the one-file deck (default: yes; `pdf` and `check` need only the HTML). */
  oneFile?: boolean;
}

/**
 * Builds decks into `outDir/<deck>/index.html`. Nothing in `outDir` changes unless every deck
 * compiled and bundled: the previous output stays intact when any step fails.
 */
export async function buildDecks(decks: DeckSource[], outDir: string, browser: BrowserGateway, options: BuildOptions = {}): Promise<BuiltDeck[]> {
  const staged = await stageDecks(decks, outDir, browser, options);
  try {
    throwIfAborted(options.signal);
  } catch (error) {
    for (const { tmp } of staged) rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  return staged.map(({ tmp, final, deck, pdf }) => {
    swapInto(tmp, final);
    const shown = path.relative(process.cwd(), final) || final;
    log.info(`built ${shown}/index.html (${deck.slides.length} slides); one-file deck ${shown}/${deck.name}.html ${kb(sizeOf(path.join(final, `${deck.name}.html`)))}, ${shown}/ ${kb(sizeOf(final))} in all`);
    return { deck, dir: final, html: path.join(final, 'index.html'), ...(pdf ? { pdf: { ...pdf, slides: path.join(final, path.basename(pdf.slides)), notes: path.join(final, path.basename(pdf.notes)) } } : {}) };
  });
}

/**
 * `briefdeck pdf`: prints the decks' PDFs into `outDir/<deck>/` from a fresh build of the memo,
 * leaving the HTML there as it is. Each PDF is replaced atomically, or not at all.
 */
export async function exportDeckPdfs(decks: DeckSource[], outDir: string, browser: BrowserGateway, signal?: AbortSignal): Promise<ExportedPdfs[]> {
  const staged = await stageDecks(decks, outDir, browser, { oneFile: false, ...(signal ? { signal } : {}) });
  const results: ExportedPdfs[] = [];
  try {
    for (const { tmp, final, deck } of staged) {
      mkdirSync(final, { recursive: true });
      results.push(await exportPdfs(tmp, deck.name, browser, final, deck.slides.length, signal));
    }
  } finally {
    for (const { tmp } of staged) rmSync(tmp, { recursive: true, force: true });
  }
  return results;
}

/**
 * `briefdeck check`: builds the decks (HTML only) into a temporary folder, lets `use` look at
 * each, and removes the folder; dist/ is not touched.
 */
export async function withTemporaryBuild<T>(decks: DeckSource[], browser: BrowserGateway, use: (dir: string, deck: CompiledDeck) => Promise<T>): Promise<T[]> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'briefdeck-check-'));
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
}

/** Compiles every deck, then bundles each into a hidden folder beside its final place. */
async function stageDecks(decks: DeckSource[], outDir: string, browser: BrowserGateway, options: BuildOptions): Promise<Staged[]> {
  const renderer = new DiagramRenderer(browser, loadTheme(), DIAGRAM_CACHE_DIR);
  const compiled: CompiledDeck[] = [];
  try {
    for (const deck of decks) {
      log.info(`compiling ${deck.name}`);
      const result = await compileDeck(deck, renderer);
      for (const warning of result.warnings) log.diagnostic(formatDiagnostic(warning));
      compiled.push(result);
    }
  } finally {
    await renderer.close();
  }
  mkdirSync(outDir, { recursive: true });
  const staged: Staged[] = [];
  const stagingDir = (name: string) => path.join(outDir, `.${name}.building-${process.pid}`);
  try {
    for (const deck of compiled) {
      const tmp = stagingDir(deck.name);
      log.info(`bundling ${deck.name}`);
      try {
        await viteBuild(viteConfig({ deck: decks.find((d) => d.name === deck.name)!, renderer, compiled: deck, outDir: tmp }));
      } catch (error) {
        throw new BriefdeckError(`bundling ${deck.name} failed: ${(error as Error).message}`);
      }
      log.debug(`bundled ${deck.name}`);
      if (options.oneFile !== false) await buildOneFile(viteConfig({ deck: decks.find((d) => d.name === deck.name)!, renderer, compiled: deck, outDir: `${tmp}/.one-file` }), tmp, deck.name);
      const entry: Staged = { tmp, final: path.join(outDir, deck.name), deck };
      staged.push(entry);
      if (options.pdf) entry.pdf = await exportPdfs(tmp, deck.name, browser, tmp, deck.slides.length, options.signal);
      for (const id of entry.pdf?.overflowing ?? []) log.warn(`${deck.name}: slide #${id} runs past its page`);
    }
  } catch (error) {
    for (const deck of compiled) rmSync(stagingDir(deck.name), { recursive: true, force: true });
    throw error;
  }
  return staged;
}

/**
 * The one-file deck: the same build with every script, style, font and image inlined
 * (vite-plugin-singlefile, assets as data: URLs), written as `<dir>/<name>.html`.
 */
async function buildOneFile(config: InlineConfig, dir: string, name: string): Promise<void> {
  const outDir = config.build!.outDir!;
  const { viteSingleFile } = await import('vite-plugin-singlefile');
  await viteBuild({
    ...config,
    plugins: [...(config.plugins ?? []), viteSingleFile({ removeViteModuleLoader: true })],
    build: { ...config.build, assetsInlineLimit: () => true, cssCodeSplit: false },
  });
  renameSync(path.join(outDir, 'index.html'), path.join(dir, `${name}.html`));
  rmSync(outDir, { recursive: true, force: true });
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
  const old = `${final}.old-${process.pid}`;
  if (existsSync(final)) renameSync(final, old);
  renameSync(tmp, final);
  rmSync(old, { recursive: true, force: true });
}
