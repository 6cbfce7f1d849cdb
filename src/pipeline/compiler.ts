// The one driver of the pipeline's compile stage. build, pdf, pptx, check, dev and watch all
// compile decks through a DeckCompiler: it owns the diagram renderer and the slide fitter (and
// the Chromium pages they keep) for as long as it lives — one command, or every save of a
// `dev` or `build --watch` session, where the pages stay warm between compiles.
import type { BrowserGateway } from '../browser/gateway.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import { DIAGRAM_CACHE_DIR, FIT_CACHE_DIR } from '../core/paths.ts';
import { DiagramRenderer } from '../diagrams/render.ts';
import { loadTheme } from '../model/theme.ts';
import { SlideFitter } from '../render/fit.ts';
import { compileDeck, type CompiledDeck } from './compile.ts';

export class DeckCompiler {
  private readonly renderer: DiagramRenderer;
  private readonly fitter: SlideFitter;

  constructor(browser: BrowserGateway, caches: { diagrams?: string; fit?: string } = { diagrams: DIAGRAM_CACHE_DIR, fit: FIT_CACHE_DIR }) {
    this.renderer = new DiagramRenderer(browser, loadTheme(), caches.diagrams);
    this.fitter = new SlideFitter(browser, loadTheme(), caches.fit);
  }

  /** Reads, parses, plans, draws the diagrams and fits the text of one deck (`text`: its memo unsaved, in place of the file's). Throws a BriefdeckError on bad input. */
  compile(deck: DeckSource, text?: string): Promise<CompiledDeck> {
    return compileDeck(deck, this.renderer, this.fitter, text);
  }

  /** Opens the diagram and fitting pages now, in the background: a session (dev) whose first edit should not wait for them. */
  warm(): void {
    this.renderer.warm();
    this.fitter.warm();
  }

  /** Closes the pages kept open; the browser itself belongs to the caller. */
  async close(): Promise<void> {
    await Promise.all([this.renderer.close(), this.fitter.close()]);
  }
}
