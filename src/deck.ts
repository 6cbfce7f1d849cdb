// The I/O edge of the pipeline: a deck folder on disk → compiled slides HTML.
import type { DiagramRenderer } from './diagrams/render.ts';
import { mermaidSource } from './diagrams/mermaid.ts';
import { throwIfErrors } from './errors.ts';
import { readDeckConfig } from './config/deck-config.ts';
import { readTextFile } from './files.ts';
import { parseMemo } from './parse/parse.ts';
import { planDeck } from './plan/plan.ts';
import type { SlideFitter } from './render/fit.ts';
import { renderSlides, type RenderContext } from './render/render.ts';
import { loadStrings, loadTheme, type Theme } from './theme.ts';
import type { Diagnostic, DiagramSpec, Memo, Slide } from './types.ts';
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

/** Each slide's body text as large as fits its room (measured in Chromium), into the plan. */
async function fitSlides(slides: Slide[], context: RenderContext, fitter: SlideFitter, theme: Theme, limits: Limits): Promise<Slide[]> {
  const requests = slides.flatMap((slide) => {
    const max = theme.fit[slide.layout];
    return max ? [{ id: slide.id, html: renderSlides([slide], context), max }] : [];
  });
  const sizes = await fitter.fit(requests, limits.minFontPx);
  return slides.map((slide) => (sizes.has(slide.id) ? { ...slide, bodyPx: sizes.get(slide.id)! } : slide));
}

/** Reads, parses, plans, renders diagrams and slides. Throws a BriefdeckError on bad input. */
export async function compileDeck(deck: DeckSource, renderer: DiagramRenderer, fitter?: SlideFitter): Promise<CompiledDeck> {
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
  const planned = planDeck(memo, { theme, strings: loadStrings(memo.meta.language), labelFor: config.labelFor, limits });
  // The build's own fidelity count, before anything is written: no sentence may be lost.
  throwIfErrors(lostSentences(memo, planned));
  const specs = planned.flatMap((s) => (s.diagram ? [s.diagram] : []));
  const codes = new Map(specs.map((spec) => [spec, mermaidSource(spec.diagram, theme, memo.meta.language)]));
  const jobs = specs.map((spec) => ({ code: codes.get(spec)!, source: spec.source, ...(spec.diagram.type === 'mermaid' ? { codeLine: spec.diagram.codeLine } : {}) }));
  const { svgs, diagnostics: diagramProblems } = await renderer.renderAll(jobs);
  throwIfErrors(diagramProblems);
  const context = { svg: (spec: DiagramSpec) => svgs.get(codes.get(spec) ?? '') ?? '' };
  const slides = fitter ? await fitSlides(planned, context, fitter, theme, limits) : planned;
  const html = renderSlides(slides, context);
  return { name: deck.name, memo, slides, limits, source, html, warnings: diagnostics.filter((d) => d.severity === 'warning') };
}
