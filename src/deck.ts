// The I/O edge of the pipeline: a deck folder on disk → compiled slides HTML.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { DiagramRenderer } from './diagrams/render.ts';
import { mermaidSource } from './diagrams/mermaid.ts';
import { BriefdeckError, diagnostic, throwIfErrors } from './errors.ts';
import { parseMemo } from './parse/parse.ts';
import { planDeck } from './plan/plan.ts';
import type { SlideFitter } from './render/fit.ts';
import { renderSlides, type RenderContext } from './render/render.ts';
import { loadStrings, loadTheme, type Theme } from './theme.ts';
import type { Diagnostic, DiagramSpec, Memo, MemoMeta, Slide } from './types.ts';
import type { DeckSource } from './deck-folder.ts';
import { LIMIT_KEYS, resolveLimits, type Limits } from './limits.ts';

export const DECK_CONFIG_FILE = 'deck.yaml';

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

export interface DeckConfig {
  /** Editorial short label for a heading or item, looked up by its opening words. */
  labelFor(text: string): string | undefined;
  /** Corrections of the memo's front matter. */
  meta: Partial<MemoMeta>;
  /** The deck's own limits (planner and check), over the defaults. */
  limits: Partial<Limits>;
}

const META_KEYS = ['title', 'series', 'publisher', 'program', 'language', 'source'] as const;

/**
 * Optional `deck.yaml` beside the memo: editorial additions that the memo itself does not
 * contain, kept apart so that re-importing the memo never destroys them. `labels:` maps the
 * opening words of a heading or item to its short diagram label; `meta:` corrects front matter.
 */
export function readDeckConfig(deck: DeckSource, diagnostics: Diagnostic[]): DeckConfig {
  const none: DeckConfig = { labelFor: () => undefined, meta: {}, limits: {} };
  const file = path.join(deck.dir, DECK_CONFIG_FILE);
  if (!existsSync(file)) return none;
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? 1;
    diagnostics.push(diagnostic({ file, line }, 'deck-config-yaml', `not valid YAML: ${String((error as Error).message).split('\n')[0]}`));
    return none;
  }
  const record = (data ?? {}) as { labels?: unknown; meta?: unknown; limits?: unknown };
  const isMap = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  const labels = record.labels ?? {};
  const meta = record.meta ?? {};
  const limits = record.limits ?? {};
  if (!isMap(labels) || !isMap(meta) || !isMap(limits)) {
    diagnostics.push(diagnostic({ file, line: 1 }, 'deck-config-shape', '"labels", "meta" and "limits" must be mappings (key: value lines)'));
    return none;
  }
  const ownLimits: Partial<Limits> = {};
  for (const [key, value] of Object.entries(limits)) {
    if ((LIMIT_KEYS as readonly string[]).includes(key) && typeof value === 'number') ownLimits[key as keyof Limits] = value;
    else diagnostics.push(diagnostic({ file, line: 1 }, 'deck-config-limit', `unknown or non-numeric limit "${key}"`, `limits: ${LIMIT_KEYS.join(', ')}`));
  }
  const entries = Object.entries(labels).map(([k, v]) => [k.trim(), String(v)] as const);
  const corrections: Partial<MemoMeta> = {};
  for (const key of META_KEYS) if (typeof meta[key] === 'string') corrections[key] = meta[key];
  if (Array.isArray(meta.authors)) corrections.authors = meta.authors.map(String);
  return { labelFor: (text) => entries.find(([prefix]) => text.startsWith(prefix))?.[1], meta: corrections, limits: ownLimits };
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
  const source = readFileSync(deck.memoFile, 'utf8');
  const diagnostics: Diagnostic[] = [];
  const config = readDeckConfig(deck, diagnostics);
  const parsed = parseMemo(source, deck.memoFile);
  diagnostics.push(...parsed.diagnostics);
  throwIfErrors(diagnostics);
  const memo = { ...parsed.memo!, meta: { ...parsed.memo!.meta, ...config.meta } };
  const theme = loadTheme();
  const limits = resolveLimits(theme, config.limits);
  const planned = planDeck(memo, { theme, strings: loadStrings(memo.meta.language), labelFor: config.labelFor, limits });
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
