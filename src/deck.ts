// The I/O edge of the pipeline: a deck folder on disk → compiled slides HTML.
import type { DiagramRenderer } from './diagrams/render.ts';
import { throwIfErrors } from './errors.ts';
import { readDeckConfig } from './config/deck-config.ts';
import { readTextFile } from './files.ts';
import { parseMemo } from './parse/parse.ts';
import { planDeck } from './plan/plan.ts';
import { renderSlides } from './render/render.ts';
import { loadStrings, loadTheme } from './theme.ts';
import type { Diagnostic, Memo, Slide } from './types.ts';
import type { DeckSource } from './deck-folder.ts';
import { resolveLimits, type Limits } from './limits.ts';
import { lostSentences } from './fidelity.ts';

export { DECK_CONFIG_FILE, readDeckConfig, type DeckConfig } from './config/deck-config.ts';

export interface CompiledDeck {
  name: string;
  memo: Memo;
  /** The memo source as read, and the limits the deck is held to. */
  source: string;
  limits: Limits;
  slides: Slide[];
  /** The `<section>` elements of the deck. */
  html: string;
  warnings: Diagnostic[];
}

/** Reads, parses, plans, renders diagrams and slides. Throws a BriefdeckError on bad input. */
export async function compileDeck(deck: DeckSource, renderer: DiagramRenderer): Promise<CompiledDeck> {
  const diagnostics: Diagnostic[] = [];
  const source = readTextFile(deck.memoFile, diagnostics, 'memo') ?? '';
  const config = readDeckConfig(deck, diagnostics);
  throwIfErrors(diagnostics);
  const parsed = parseMemo(source, deck.memoFile);
  diagnostics.push(...parsed.diagnostics);
  throwIfErrors(diagnostics);
  const memo = { ...parsed.memo!, meta: { ...parsed.memo!.meta, ...config.meta } };
  const theme = loadTheme();
  const limits = resolveLimits(theme, config.limits);
  const slides = planDeck(memo, { theme, strings: loadStrings(memo.meta.language), labelFor: config.labelFor, limits });
  // The build's own fidelity count, before anything is written: no sentence may be lost.
  throwIfErrors(lostSentences(memo, slides));
  const specs = slides.flatMap((s) => (s.diagram ? [s.diagram] : []));
  const { svgs, diagnostics: diagramProblems } = await renderer.renderAll(specs);
  throwIfErrors(diagramProblems);
  return { name: deck.name, memo, slides, limits, source, html: renderSlides(slides, svgs), warnings: diagnostics.filter((d) => d.severity === 'warning') };
}
