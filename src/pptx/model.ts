// The plan (Slide[]) → a presentation model of slides and shapes, positioned in inches on a 16:9
// slide (after Pandoc's Writers/Powerpoint/Presentation.hs): src/pptx/write.ts writes it out.
// Pure: the same plan and look give the same model. Geometry comes from templates/theme.json and
// follows templates/theme.css, so the PowerPoint file is laid out like the deck.
import { inlineText } from '../model/content.ts';
import { estimateLines, wrapPhrases } from '../model/text.ts';
import type { Theme } from '../model/theme.ts';
import type { DiagramSpec, Inline, Slide, SourceRef } from '../model/types.ts';
import { runsOf } from './runs.ts';
import type { PlaceholderType, TemplateLayout } from './template-types.ts';

/** Slide pixels (the deck's 1280 × 720) per inch: 1280 px = 13.333 in. */
export const PX_PER_INCH = 96;
export const inches = (px: number) => px / PX_PER_INCH;
/** Type size in points of a size in slide pixels. */
export const points = (px: number) => Math.round(px * 0.75 * 10) / 10;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A part of the slide in px (the deck's 1280 × 720), where a layout places shapes. */
export interface Region {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type { Run } from './runs.ts';
import type { Run } from './runs.ts';


export interface Paragraph {
  runs: Run[];
  /** Type size in points. */
  size: number;
  /** Absent: the placeholder's own (the template's). */
  color?: string;
  bold?: boolean;
  /** A list item: its bullet and level (0 or 1). */
  bullet?: { char: string; level: number };
  align?: 'left' | 'center' | 'right';
  /** Line height as a share of the type size (CSS line-height). */
  lineHeight: number;
  /** Line spacing relative to the type (PowerPoint's percentage, so shrinking the text shrinks it too), not in points. */
  relative?: boolean;
  /** Space after the paragraph, in points. */
  spaceAfter?: number;
  spaceBefore?: number;
}

/** A placeholder of the slide's layout a text shape fills (by type and idx), or one of its own (an idx the layout lacks). */
export interface PlaceholderRef {
  type: PlaceholderType;
  idx: number;
}

export type Shape =
  | {
      type: 'text';
      name: string;
      box: Box;
      paragraphs: Paragraph[];
      valign: 'top' | 'middle' | 'bottom';
      fill?: string;
      line?: string;
      inset?: number;
      /** The placeholder it is: every text on a slide is in one, but inside a diagram's group. */
      ph?: PlaceholderRef;
      alt?: string;
      /** Shrink on overflow (PowerPoint's normAutofit), at this scale when below 1. */
      autofit?: number;
    }
  /** A shape that only decorates (an accent rule): marked so, screen readers pass it by. */
  | { type: 'rect'; name: string; box: Box; fill: string }
  | { type: 'image'; name: string; box: Box; data: string; alt: string }
  /** A table: its header row and rows of cells (a paragraph each), column widths in inches. */
  | { type: 'table'; name: string; box: Box; columns: number[]; header: Paragraph[]; rows: Paragraph[][]; headerFill: string; rule: string; line: string; /** Cell padding, left and right / top and bottom (px). */ insetX: number; insetY: number; /** The rule under the header row and between rows (px). */ ruleWidth: number; lineWidth: number; alt?: string }
  /** Shapes moved as one (a diagram), with the alternative text a screen reader reads for them. */
  | { type: 'group'; name: string; alt: string; shapes: Shape[] }
  /** A connector from one named shape to another, attached at connection sites (0 top, 1 left, 2 bottom, 3 right). */
  | { type: 'connector'; name: string; from: { shape: string; site: number }; to: { shape: string; site: number }; start: { x: number; y: number }; end: { x: number; y: number }; color: string; width: number };

export interface PptxSlide {
  id: string;
  /** The part of the template's layout it is placed in. */
  layout: string;
  /** A background of its own (absent: the layout's). */
  background?: string;
  shapes: Shape[];
  /** Speaker notes, a paragraph each. */
  notes: string[];
}

export interface Presentation {
  title: string;
  authors: string[];
  subject?: string;
  /** The memo's language as a tag PowerPoint knows (ja → ja-JP). */
  lang: string;
  size: { w: number; h: number };
  slides: PptxSlide[];
  /** What the template could not hold as the deck has it (text shrunk below the legible size, a diagram with no room): a sentence each, and the slide's place in the memo. */
  warnings: Array<{ message: string; at: SourceRef }>;
}

export interface DeckLook {
  theme: Theme;
  language: string;
  title: string;
  authors: string[];
  series?: string;
  footer?: string;
  /** The logo as a data: URL. */
  logo?: { src: string; alt: string; width: number; height: number };
  /** A memo's own Mermaid diagram as a picture (a data: URL and its size in px), when there is one. */
  picture?(spec: DiagramSpec): { src: string; width: number; height: number } | undefined;
  /** A memo's image (by `src` as written) as a picture PowerPoint shows, with its size in px. */
  image?(src: string): { src: string; width: number; height: number } | undefined;
}

/** What a layout needs to know to place a slide's shapes: the deck's look, the slide, the other slides' numbers, the colours. */
export interface SlideContext {
  look: DeckLook;
  slide: Slide;
  /** The template's layout the slide is placed in. */
  layout: TemplateLayout;
  /** The deck's own template (its geometry the deck's): false for an organisation's, whose look the slide takes. */
  own: boolean;
  /** Reports what the template cannot hold as the deck has it. */
  warn(message: string): void;
  /** The slide's width over the deck's (1280 px): the legibility limits, set for the deck's slide, shrink with a smaller page. */
  scale: number;
  /** The page in px (96 per inch): the template's slide size. */
  page: { w: number; h: number };
  /** Number (1-based) of the slide with this id. */
  slideNumber(id: string): number | undefined;
  colors: { text: string; muted: string; accent: string; accentSoft: string; line: string; onAccent: string; background: string };
}

const LANGUAGE_TAGS: Record<string, string> = { ja: 'ja-JP', en: 'en-US', zh: 'zh-CN', ko: 'ko-KR' };

/** A language tag PowerPoint knows: `ja` → `ja-JP`; a tag with a region stays as it is. */
export function officeLanguage(language: string): string {
  return language.includes('-') ? language : (LANGUAGE_TAGS[language] ?? language);
}

/** The first family of a CSS font-family list. */
export function firstFamily(family: string): string {
  return family.split(',')[0]!.trim().replace(/^["']|["']$/g, '');
}

/** A paragraph of runs with the slide's defaults. */
export function paragraph(ctx: SlideContext, content: Parameters<typeof runsOf>[0], sizePx: number, extra: Partial<Paragraph> = {}): Paragraph {
  // On the deck's own template every colour is said; on an organisation's the placeholder's own stands.
  const color = extra.color ?? (ctx.own ? ctx.colors.text : undefined);
  return { runs: runsOf(content, { accent: ctx.colors.accent, slideNumber: ctx.slideNumber, footnotes: ctx.slideNumber('footnotes') }), size: points(sizePx), ...(color ? { color } : {}), ...(ctx.own ? { align: 'left' as const } : {}), lineHeight: ctx.look.theme.font.lineHeight, ...extra };
}

/** Height in px of text set at `sizePx` in a box `widthPx` wide. */
export function textHeight(ctx: SlideContext, text: string, sizePx: number, widthPx: number, lineHeight: number): number {
  return estimateLinesOf(text, sizePx, widthPx, ctx.look.language) * sizePx * lineHeight;
}

const estimateLinesOf = (text: string, sizePx: number, widthPx: number, language: string) => Math.max(1, estimateLines(text, sizePx, widthPx, language));

/**
 * A plain heading broken between phrases where it has to wrap (as the deck does with
 * `word-break: auto-phrase`): PowerPoint and LibreOffice would break Japanese anywhere, even
 * inside a word. The breaks are soft line breaks; a heading with emphasis or links is left whole.
 */
export function phraseBroken(content: Inline[], sizePx: number, widthPx: number, language: string, balance = false): Inline[] {
  if (!content.every((i) => i.type === 'text')) return content;
  const text = inlineText(content);
  const lines = (balance ? balancedPhrases : wrapPhrases)(text, language, (widthPx / sizePx) * 0.96);
  if (lines.length < 2) return content;
  const out: Inline[] = [];
  let at = 0;
  lines.forEach((line, i) => {
    const start = text.indexOf(line, at);
    at = start + line.length;
    // The white space the break stands for stays at the end of the line, so an edit that joins the lines keeps it.
    const gap = /^\s+/.exec(text.slice(at))?.[0] ?? '';
    at += gap.length;
    if (i > 0) out.push({ type: 'linebreak' });
    out.push({ type: 'text', text: line + gap });
  });
  return out;
}

/**
 * As many lines as greedy filling makes, each as short as that count allows (CSS text-wrap:
 * balance, which the deck's title and closing slides use): the narrowest width, found by halving,
 * that still takes no more lines.
 */
function balancedPhrases(text: string, language: string, maxEm: number): string[] {
  const count = wrapPhrases(text, language, maxEm).length;
  if (count < 2) return [text];
  let lo = 0;
  let hi = maxEm;
  for (let i = 0; i < 24; i++) {
    const mid = (lo + hi) / 2;
    if (wrapPhrases(text, language, mid).length <= count) hi = mid;
    else lo = mid;
  }
  return wrapPhrases(text, language, hi);
}

/** px box → inches. */
export const boxOf = (x: number, y: number, w: number, h: number): Box => ({ x: inches(x), y: inches(y), w: inches(w), h: inches(h) });

