// `briefdeck build`: compile every deck first, then bundle each, then swap them into dist/.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build as viteBuild } from 'vite';
import type { BrowserGateway } from './browser.ts';
import { compileDeck, type CompiledDeck, type DeckSource } from './deck.ts';
import { DiagramRenderer } from './diagrams/render.ts';
import { BriefdeckError, formatDiagnostic } from './errors.ts';
import { log } from './log.ts';
import { loadTheme } from './theme.ts';
import { PROJECT_ROOT, viteConfig } from './vite/config.ts';

export const DIAGRAM_CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules/.cache/briefdeck/diagrams');

export interface BuiltDeck {
  deck: CompiledDeck;
  /** dist/<deck>/ */
  dir: string;
  html: string;
}

/**
 * Builds decks into `outDir/<deck>/index.html`. Nothing in `outDir` changes unless every deck
 * compiled and bundled: the previous output stays intact when any step fails.
 */
export async function buildDecks(decks: DeckSource[], outDir: string, browser: BrowserGateway): Promise<BuiltDeck[]> {
  const renderer = new DiagramRenderer(browser, loadTheme(), DIAGRAM_CACHE_DIR);
  const compiled: CompiledDeck[] = [];
  try {
    for (const deck of decks) {
      log.info(`compiling ${deck.name}`);
      const result = await compileDeck(deck, renderer);
      for (const warning of result.warnings) log.warn(formatDiagnostic(warning));
      compiled.push(result);
    }
  } finally {
    await renderer.close();
  }
  mkdirSync(outDir, { recursive: true });
  const staged: Array<{ tmp: string; final: string; deck: CompiledDeck }> = [];
  try {
    for (const deck of compiled) {
      const tmp = path.join(outDir, `.${deck.name}.building-${process.pid}`);
      log.info(`bundling ${deck.name}`);
      await viteBuild(viteConfig({ deck: decks.find((d) => d.name === deck.name)!, renderer, compiled: deck, outDir: tmp }));
      staged.push({ tmp, final: path.join(outDir, deck.name), deck });
    }
  } catch (error) {
    for (const { tmp } of staged) rmSync(tmp, { recursive: true, force: true });
    for (const deck of compiled) rmSync(path.join(outDir, `.${deck.name}.building-${process.pid}`), { recursive: true, force: true });
    throw error instanceof BriefdeckError ? error : new BriefdeckError(`bundling failed: ${(error as Error).message}`);
  }
  return staged.map(({ tmp, final, deck }) => {
    swapInto(tmp, final);
    log.info(`built ${path.relative(process.cwd(), final) || final}/index.html (${deck.slides.length} slides)`);
    return { deck, dir: final, html: path.join(final, 'index.html') };
  });
}

/** Replaces `final` with `tmp` by renames, so a reader never sees a half-written folder. */
function swapInto(tmp: string, final: string): void {
  const old = `${final}.old-${process.pid}`;
  if (existsSync(final)) renameSync(final, old);
  renameSync(tmp, final);
  rmSync(old, { recursive: true, force: true });
}
