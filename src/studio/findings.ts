// The quality gate where it matters: `briefdeck check` run on one deck exactly as the CLI runs it
// (a temporary build, measured in Chromium, the memo's sentences and numbers counted), its
// findings returned as data for the studio — each with the slide it concerns and the memo.md (or
// deck.yaml) line where it is fixed — and the summary check prints. And, for the editor, the memo
// lines each slide shows: a click on a slide reaches its text, the cursor on a line shows its slide.
import path from 'node:path';
import type { BrowserGateway } from '../browser/gateway.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import { BriefdeckError, formatDiagnostic } from '../core/errors.ts';
import { checkBuilt, formatReport, medianTextPx, slideOf, type CheckResult } from '../check/check.ts';
import type { Limits } from '../model/limits.ts';
import type { Diagnostic, Slide } from '../model/types.ts';
import type { CompiledDeck } from '../pipeline/compile.ts';
import { withTemporaryBuild } from '../pipeline/build.ts';

/** A slide as the studio names it: its place, id and title, and the memo lines it shows (its own first). */
export interface SlideLines {
  index: number;
  id: string;
  title: string;
  /** The memo line the slide starts from (its heading). */
  line: number;
  /** Every memo line the slide shows: its heading's, its entries', its table rows' (sorted, once each). */
  lines: number[];
}

/** A problem `check` found, where the studio shows it. */
export interface Finding {
  severity: Diagnostic['severity'];
  /** check's code: overflow, empty-band, font-size, contrast, density, missing-sentence, … */
  code: string;
  message: string;
  hint?: string;
  /** The file where it is fixed (memo.md, or deck.yaml for the brand) and its line there. */
  file: string;
  line: number;
  /** Whether that file is the deck's memo.md (the editor's text) rather than its configuration. */
  inMemo: boolean;
  /** The slide it concerns (index from 0), or null for the whole deck. A sentence or number on no slide is given the slide its memo line would be on. */
  slide: number | null;
  /** That slide's id, as the deck's `<section id>`. */
  slideId: string | null;
}

/** The line `check` prints under its table, and its parts. */
export interface FindingsSummary {
  slides: number;
  sentences: { found: number; total: number; percent: number };
  numbers: { found: number; total: number };
  /** Slides whose largest empty band is over the deck's limit (share of the slide's height). */
  emptyBands: { limit: number; over: number[] };
  /** Text and diagram labels against the deck's limits (px), and the slides under them. */
  legibility: { medianTextPx: number | null; smallestTextPx: number | null; smallestDiagramPx: number | null; minFontPx: number; minDiagramFontPx: number; under: number[] };
  errors: number;
  warnings: number;
  /** check's own summary line, word for word. */
  text: string;
}

export interface DeckFindings {
  deck: string;
  /** False when the memo (or deck.yaml) does not compile: the findings are its errors, at their lines, and there are no slides. */
  compiled: boolean;
  slides: SlideLines[];
  findings: Finding[];
  summary: FindingsSummary | null;
}

/**
 * Runs `briefdeck check` on one deck (the same build, the same measures, the same judgement) and
 * returns its findings as data. A memo that does not compile is not an exception here: its errors
 * come back as findings (compiled: false). Anything else (the browser failing) throws.
 */
export async function deckFindings(deck: DeckSource, browser: BrowserGateway): Promise<DeckFindings> {
  let compiled: CompiledDeck | undefined;
  let result: CheckResult;
  try {
    [result] = (await withTemporaryBuild([deck], browser, (dir, built) => {
      compiled = built;
      return checkBuilt(dir, built, browser);
    })) as [CheckResult];
  } catch (error) {
    if (!(error instanceof BriefdeckError) || browser.failure) throw error;
    const diagnostics = error.diagnostics.length ? error.diagnostics : [{ severity: 'error' as const, code: 'compile', message: error.message, file: deck.memoFile, line: 1 }];
    return { deck: deck.name, compiled: false, slides: [], findings: diagnostics.map((d) => finding(d, deck, [])), summary: null };
  }
  return findingsOf(result, compiled!, deck);
}

/** Pure: a check result of a compiled deck as the studio's findings. */
export function findingsOf(result: CheckResult, compiled: Pick<CompiledDeck, 'slides' | 'limits'>, deck: Pick<DeckSource, 'memoFile' | 'name'>): DeckFindings {
  const slides = slideLines(compiled.slides, result.slides);
  const findings = result.diagnostics.map((d) => finding(d, deck, slides));
  return { deck: result.deck, compiled: true, slides, findings, summary: summaryOf(result, compiled.limits) };
}

/** The memo lines each planned slide shows (check's measured line where it has one). */
export function slideLines(planned: Slide[], measured: ReadonlyArray<{ index: number; id: string; title: string; line: number }> = []): SlideLines[] {
  return planned.map((slide, index) => {
    const lines = new Set<number>([slide.source.line]);
    for (const item of slide.items) if (item.source) lines.add(item.source.line);
    for (const row of slide.table?.rows ?? []) lines.add(row.line);
    const m = measured[index];
    const line = m?.line || slide.source.line;
    lines.add(line);
    return { index, id: slide.id, title: m?.title ?? '', line, lines: [...lines].filter((l) => l > 0).sort((a, b) => a - b) };
  });
}

/**
 * The slide that shows memo line `line`: the first that shows it (a list continued over slides
 * shows each entry on one of them; its heading, on the first), else the last slide starting before it.
 */
export function slideAtLine(slides: SlideLines[], line: number): number | null {
  const showing = slides.find((s) => s.lines.includes(line));
  if (showing) return showing.index;
  let best: SlideLines | undefined;
  for (const s of slides) if (s.line <= line && (!best || s.line >= best.line)) best = s;
  return best ? best.index : null;
}

function finding(d: Diagnostic, deck: Pick<DeckSource, 'memoFile'>, slides: SlideLines[]): Finding {
  const inMemo = path.resolve(d.file) === path.resolve(deck.memoFile);
  const named = slideOf(d);
  const slide = named ?? (inMemo && slides.length ? slideAtLine(slides, d.line) : null);
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
    file: d.file,
    line: d.line,
    inMemo,
    slide,
    slideId: slide === null ? null : (slides[slide]?.id ?? null),
  };
}

function summaryOf(result: CheckResult, limits: Limits): FindingsSummary {
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const min = (values: Array<number | null>) => values.reduce<number | null>((a, v) => (v === null ? a : a === null ? v : Math.min(a, v)), null);
  const under = result.slides.filter((s) => (s.minFontPx !== null && s.minFontPx < limits.minFontPx - 0.01) || (s.minDiagramFontPx !== null && s.minDiagramFontPx < limits.minDiagramFontPx - 0.01)).map((s) => s.index);
  return {
    slides: result.slides.length,
    sentences: { found: result.coverage.found, total: result.coverage.sentences, percent: result.coverage.percent },
    numbers: { found: result.numbers.found, total: result.numbers.total },
    emptyBands: { limit: limits.maxEmptyBand, over: result.slides.filter((s) => s.emptyBand > limits.maxEmptyBand + 0.005).map((s) => s.index) },
    legibility: { medianTextPx: medianTextPx(result.slides), smallestTextPx: min(result.slides.map((s) => s.minFontPx)), smallestDiagramPx: min(result.slides.map((s) => s.minDiagramFontPx)), minFontPx: limits.minFontPx, minDiagramFontPx: limits.minDiagramFontPx, under },
    errors,
    warnings: result.diagnostics.length - errors,
    text: formatReport(result, (d) => formatDiagnostic(d)).split('\n').at(-1)!,
  };
}
