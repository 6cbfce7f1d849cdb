// `briefdeck check`: the built deck, measured in Chromium at its slide size, against the
// deck's limits; and the memo source, sentence by sentence and number by number, against the
// text of the slides and their notes.
import type { BrowserGateway } from '../browser/gateway.ts';
import { diagnostic } from '../core/errors.ts';
import { compact, memoSentences, unsaid, type MemoSentence } from '../model/fidelity.ts';
import { displayWidth } from '../model/text.ts';
import { FURNITURE_LIMITS, type Limits } from '../model/limits.ts';
import { allowCompiledFunctions } from '../browser/gateway.ts';
import { openDeckPage } from '../browser/deck-page.ts';
import { serveStatic } from '../browser/serve.ts';
import type { Diagnostic, Memo } from '../model/types.ts';
import type { CompiledDeck, Look } from '../model/deck.ts';
import { WRITERS } from '../pipeline/writers.ts';
import { installColour } from './colour.ts';
import { measureSlides, type SlideMeasure } from './measure.ts';
import { measureFurniture, type FurnitureMeasure } from './furniture.ts';

export interface CheckResult {
  deck: string;
  slides: Array<Omit<SlideMeasure, 'text'>>;
  /** Reveal's furniture and the brand, per slide, as presented. */
  furniture: FurnitureMeasure[];
  coverage: { sentences: number; found: number; percent: number };
  numbers: { total: number; found: number };
  diagnostics: Diagnostic[];
}

/**
 * What the memo says, from the parser's own model (the sentences the build keeps), with their
 * lines: every sentence and heading, and every number in them.
 */
export function memoFacts(memo: Memo): { sentences: MemoSentence[]; numbers: MemoSentence[] } {
  const sentences = memoSentences(memo);
  const numbers = sentences.flatMap((s) => [...s.text.matchAll(/\d+(?:[.,]\d+)*(?:\s?[%％])?/gu)].map((m) => ({ file: s.file, line: s.line, text: m[0], shown: m[0] })));
  return { sentences, numbers };
}

/** Pure: what the measurements and the memo source say against the limits. */
export function judge(measures: SlideMeasure[], deck: Pick<CompiledDeck, 'limits' | 'memo'> & Partial<Pick<CompiledDeck, 'lookProblems'>>, requests: string[] = []): Omit<CheckResult, 'deck' | 'slides' | 'furniture'> {
  const file = deck.memo.file;
  const limits: Limits = deck.limits;
  // The look's own problems (a brand accent under WCAG AA), at the configuration's line.
  const diagnostics: Diagnostic[] = [...(deck.lookProblems ?? [])];
  const at = (m: SlideMeasure) => ({ file, line: m.line || 1 });
  const where = (m: SlideMeasure) => `slide ${m.index + 1} "${m.title}"`;
  for (const m of measures) {
    if (m.overflow) diagnostics.push(diagnostic(m.overflowLine ? { file, line: m.overflowLine } : at(m), 'overflow', `${where(m)}: content runs outside the slide`, 'shorten the text here, or lower the "fill" limit so the planner continues it on another slide'));
    if (m.emptyBand > limits.maxEmptyBand + 0.005) diagnostics.push(diagnostic(at(m), 'empty-band', `${where(m)}: ${(100 * m.emptyBand).toFixed(0)}% of its height holds nothing (limit ${(100 * limits.maxEmptyBand).toFixed(0)}%)`, 'the slide holds too little for its layout: see templates/theme.json "fit", or join its content with the next slide\'s'));
    if (m.minFontPx !== null && m.minFontPx < limits.minFontPx - 0.01) diagnostics.push(diagnostic(at(m), 'font-size', `${where(m)}: text at ${m.minFontPx.toFixed(1)} px, under the ${limits.minFontPx} px limit`, 'raise the font size in templates/theme.json, or the limit in deck.yaml'));
    if (m.minDiagramFontPx !== null && m.minDiagramFontPx < limits.minDiagramFontPx - 0.01) diagnostics.push(diagnostic(at(m), 'diagram-font-size', `${where(m)}: diagram labels at ${m.minDiagramFontPx.toFixed(1)} px, under the ${limits.minDiagramFontPx} px limit`, 'give the diagram fewer or shorter labels'));
    if (m.minContrast !== null && m.minContrast < limits.minContrast) diagnostics.push(diagnostic(at(m), 'contrast', `${where(m)}: text contrast ${m.minContrast.toFixed(2)}:1, under WCAG AA ${limits.minContrast}:1`));
    if (m.minContrastLarge !== null && m.minContrastLarge < limits.minContrastLarge) diagnostics.push(diagnostic(at(m), 'contrast', `${where(m)}: large text contrast ${m.minContrastLarge.toFixed(2)}:1, under WCAG AA ${limits.minContrastLarge}:1`));
    // Density is of slides spoken from; footnotes and sources are looked up.
    if (m.layout !== 'notes' && (m.bodyLines > limits.maxBodyLines || m.bodyChars > limits.maxBodyChars)) diagnostics.push(diagnostic(at(m), 'density', `${where(m)}: ${m.bodyLines} lines, ${m.bodyChars} characters of body text (limits ${limits.maxBodyLines}, ${limits.maxBodyChars})`, undefined, 'warning'));
    for (const d of m.diagrams) {
      if (d.shapes === 0 || d.width < 10 || d.height < 10) diagnostics.push(diagnostic(at(m), 'diagram-empty', `${where(m)}: the diagram "${d.label}" renders empty`, 'a diagram needs at least one node'));
      if (!d.label.trim()) diagnostics.push(diagnostic(at(m), 'diagram-name', `${where(m)}: a diagram has no accessible name`));
    }
    for (const href of m.brokenAnchors) diagnostics.push(diagnostic(at(m), 'broken-anchor', `${where(m)}: the link "${href}" points at no slide`));
    for (const href of m.badLinks) diagnostics.push(diagnostic(at(m), 'bad-link', `${where(m)}: the link "${href}" is not a well-formed web address`));
    for (const url of m.external) diagnostics.push(diagnostic(at(m), 'external-resource', `${where(m)}: loads ${url} from outside the deck whenever it is opened`, 'keep images beside memo.md; the deck must work with no network'));
  }
  const shown = new Set(measures.flatMap((m) => m.external));
  for (const url of requests.filter((u) => !shown.has(u))) diagnostics.push(diagnostic({ file, line: 1 }, 'external-request', `opening the deck requests ${url} from outside it`, 'the deck must work with no network'));
  const deckText = compact(measures.map((m) => m.text).join('\n'));
  const facts = memoFacts(deck.memo);
  const missing = unsaid(deckText, facts.sentences);
  for (const s of missing) diagnostics.push(diagnostic({ file, line: s.line }, 'missing-sentence', `a sentence of the memo is on no slide and in no notes: "${s.text.slice(0, 60)}${s.text.length > 60 ? '…' : ''}"`));
  const lostNumbers = unsaid(deckText, facts.numbers);
  for (const n of lostNumbers) diagnostics.push(diagnostic({ file, line: n.line }, 'missing-number', `the number ${n.text} of the memo appears nowhere in the deck`));
  const found = facts.sentences.length - missing.length;
  return {
    coverage: { sentences: facts.sentences.length, found, percent: facts.sentences.length ? (100 * found) / facts.sentences.length : 100 },
    numbers: { total: facts.numbers.length, found: facts.numbers.length - lostNumbers.length },
    diagnostics,
  };
}

/**
 * Pure: the slide number, the controls and the brand's logo and footer as presented, against
 * their bars; each problem at the line that set what is wrong (the brand's, in its configuration).
 */
export function judgeFurniture(furniture: FurnitureMeasure[], slides: ReadonlyArray<Pick<SlideMeasure, 'title' | 'line'>>, deck: Pick<CompiledDeck, 'limits' | 'memo'> & { look?: Pick<Look, 'footerAt' | 'logo' | 'accent'> }): Diagnostic[] {
  const file = deck.memo.file;
  const out: Diagnostic[] = [];
  const where = (f: FurnitureMeasure) => `slide ${f.index + 1} "${slides[f.index]?.title ?? ''}"`;
  const at = (f: FurnitureMeasure) => ({ file, line: slides[f.index]?.line || 1 });
  const style = 'the slide number is styled in templates/theme.css (.reveal .slide-number)';
  for (const f of furniture) {
    const n = f.slideNumber;
    if (n && n.px < FURNITURE_LIMITS.slideNumberPx - 0.01) out.push(diagnostic(at(f), 'slide-number', `${where(f)}: the slide number is drawn at ${n.px.toFixed(1)} px, under ${FURNITURE_LIMITS.slideNumberPx} px`, style));
    if (n && n.contrast < deck.limits.minContrast) out.push(diagnostic(at(f), 'slide-number', `${where(f)}: the slide number's contrast is ${n.contrast.toFixed(2)}:1 against what is behind it, under WCAG AA ${deck.limits.minContrast}:1`, style));
    if (n?.underControls) out.push(diagnostic(at(f), 'slide-number', `${where(f)}: the slide number lies under the controls`, style));
    if (n?.outside) out.push(diagnostic(at(f), 'slide-number', `${where(f)}: the slide number runs outside the window`, style));
    if (f.controlsContrast !== null && f.controlsContrast < FURNITURE_LIMITS.controlsContrast) {
      out.push(diagnostic(deck.look?.accent?.at ?? at(f), 'controls-contrast', `${where(f)}: the controls' arrows have a contrast of ${f.controlsContrast.toFixed(2)}:1 against the slide, under ${FURNITURE_LIMITS.controlsContrast}:1 (WCAG 1.4.11)`, 'the controls are drawn in the accent: choose one that stands out from the background'));
    }
    const brandAt = deck.look?.footerAt ?? deck.look?.logo?.at ?? at(f);
    if (f.brand?.clipped) out.push(diagnostic(brandAt, 'brand-overflow', `${where(f)}: the brand's logo and footer do not fit their band at the foot of the slide: part of them is cut off`, 'shorten the footer, or use a logo less wide'));
    if (f.brand?.underFurniture) out.push(diagnostic(brandAt, 'brand-overlap', `${where(f)}: the brand's logo or footer lies under the slide number or the controls`, 'shorten the footer, or use a logo less wide'));
  }
  return out;
}

/** Opens a built deck (dir/index.html) in print mode and judges it. */
export async function checkBuilt(dir: string, deck: CompiledDeck, browser: BrowserGateway): Promise<CheckResult> {
  const server = await serveStatic(dir);
  const timeout = 30_000 + 500 * deck.slides.length;
  try {
    const requests: string[] = [];
    const measures = await browser.withPage(async (page) => {
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(`${server.origin}/`) && !/^(data|blob|about):/.test(url)) requests.push(url);
      });
      await allowCompiledFunctions(page);
      await openDeckPage(page, `${server.origin}/index.html`, { print: 'slides', screen: true, timeout });
      await page.evaluate(installColour);
      return measureSlides(page);
    });
    // The furniture as presented: Reveal running, each slide shown in turn.
    const furniture = await browser.withPage(async (page) => {
      await allowCompiledFunctions(page);
      await openDeckPage(page, `${server.origin}/index.html`, { timeout });
      await page.evaluate(installColour);
      return page.evaluate(measureFurniture);
    });
    const result = judge(measures, deck, [...new Set(requests)]);
    result.diagnostics.push(...judgeFurniture(furniture, measures, deck));
    // The other outputs that check themselves (the PowerPoint file), written beside the checked build and read back.
    for (const w of WRITERS) if (w.verify) result.diagnostics.push(...(await w.verify(deck, browser, dir)));
    return { deck: deck.name, slides: measures.map(({ text: _text, ...rest }) => rest), furniture, ...result };
  } finally {
    await server.close();
  }
}

/** The median of the slides' own median text sizes (px). */
export function medianTextPx(slides: ReadonlyArray<{ textPx: number | null }>): number | null {
  const sizes = slides.flatMap((s) => (s.textPx === null ? [] : [s.textPx])).sort((a, b) => a - b);
  if (sizes.length === 0) return null;
  const mid = Math.floor(sizes.length / 2);
  return sizes.length % 2 ? sizes[mid]! : (sizes[mid - 1]! + sizes[mid]!) / 2;
}

/** Pads to a display width (a Japanese character takes two columns of a terminal). */
function pad(text: string, columns: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = displayWidth(ch) >= 1 ? 2 : 1;
    if (used + w > columns - 1) return `${out}…${' '.repeat(Math.max(0, columns - used - 1))}`;
    out += ch;
    used += w;
  }
  return out + ' '.repeat(columns - used);
}

/** The slide (its index, from 0) a diagnostic of `judge` or `judgeFurniture` is about: each names it first ("slide 3 …"); undefined for one of the whole deck. */
export function slideOf(d: Pick<Diagnostic, 'message'>): number | undefined {
  const named = /^slide (\d+) /.exec(d.message);
  return named ? Number(named[1]) - 1 : undefined;
}

/** The readable report: a row per slide, the diagnostics, a summary line. */
export function formatReport(result: CheckResult, format: (d: Diagnostic) => string): string {
  const rows = result.slides.map((s) => {
    const problems = result.diagnostics.filter((d) => slideOf(d) === s.index).map((d) => d.code);
    return `${String(s.index + 1).padStart(3)}  ${pad(s.title || s.id, 28)} ${String(s.line).padStart(5)}  ${(s.textPx?.toFixed(0) ?? '–').padStart(4)}  ${(s.minFontPx?.toFixed(0) ?? '–').padStart(4)}  ${(s.minDiagramFontPx?.toFixed(0) ?? '–').padStart(4)}  ${(s.minContrast ?? s.minContrastLarge)?.toFixed(1).padStart(5) ?? '    –'}  ${String(s.bodyLines).padStart(5)} ${String(s.bodyChars).padStart(5)}  ${(100 * s.emptyBand).toFixed(0).padStart(4)}%  ${problems.join(', ') || 'ok'}`;
  });
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = result.diagnostics.length - errors;
  const median = medianTextPx(result.slides);
  return [
    `  #  ${pad('slide', 28)}  line  text  font  diag  contr  lines chars  empty  result`,
    ...rows,
    ...result.diagnostics.map(format),
    `${result.deck}: ${result.slides.length} slides, ${result.coverage.found}/${result.coverage.sentences} sentences (${result.coverage.percent.toFixed(1)}%), ${result.numbers.found}/${result.numbers.total} numbers, median text ${median?.toFixed(0) ?? '–'} px, ${errors} errors, ${warnings} warnings`,
  ].join('\n');
}
