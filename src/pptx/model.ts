// The plan (Slide[]) → a presentation model of slides and shapes, positioned in inches on a 16:9
// slide (after Pandoc's Writers/Powerpoint/Presentation.hs): src/pptx/write.ts writes it out.
// Pure: the same plan and look give the same model. Geometry comes from templates/theme.json and
// follows templates/theme.css, so the PowerPoint file is laid out like the deck.
import { inlineText } from '../model/content.ts';
import { estimateLines, wrapPhrases } from '../model/text.ts';
import { onAccent, type Theme } from '../model/theme.ts';
import type { DiagramSpec, Inline, Slide } from '../model/types.ts';
import { bodyShapes } from './layouts.ts';
import { runsOf } from './runs.ts';

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

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  code?: boolean;
  superscript?: boolean;
  /** An outside address, or the number (1-based) of a slide of this file. */
  link?: { url: string } | { slide: number };
  color?: string;
}

export interface Paragraph {
  runs: Run[];
  /** Type size in points. */
  size: number;
  color: string;
  bold?: boolean;
  /** A list item: its bullet and level (0 or 1). */
  bullet?: { char: string; level: number };
  align?: 'left' | 'center' | 'right';
  /** Line height as a share of the type size (CSS line-height). */
  lineHeight: number;
  /** Space after the paragraph, in points. */
  spaceAfter?: number;
  spaceBefore?: number;
}

export type Shape =
  | { type: 'text'; name: string; box: Box; paragraphs: Paragraph[]; valign: 'top' | 'middle' | 'bottom'; fill?: string; line?: string; inset?: number }
  | { type: 'rect'; name: string; box: Box; fill: string }
  | { type: 'image'; name: string; box: Box; data: string; alt: string }
  /** A table: its header row and rows of cells (a paragraph each), column widths in inches. */
  | { type: 'table'; name: string; box: Box; columns: number[]; header: Paragraph[]; rows: Paragraph[][]; headerFill: string; rule: string; line: string; inset: number }
  /** A connector from one named shape to another, attached at connection sites (0 top, 1 left, 2 bottom, 3 right). */
  | { type: 'connector'; name: string; from: { shape: string; site: number }; to: { shape: string; site: number }; start: { x: number; y: number }; end: { x: number; y: number }; color: string; width: number };

export interface PptxSlide {
  id: string;
  background: string;
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
  /** The deck's typeface, and the East Asian fallback named in the file's theme. */
  font: { face: string; eastAsianFallback: string };
  size: { w: number; h: number };
  slides: PptxSlide[];
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

export function presentationOf(slides: Slide[], look: DeckLook): Presentation {
  const numbers = new Map(slides.map((s, i) => [s.id, i + 1]));
  const c = look.theme.color;
  const colors = { ...c, onAccent: onAccent(c.accent) };
  return {
    title: look.title,
    authors: look.authors,
    ...(look.series ? { subject: look.series } : {}),
    lang: officeLanguage(look.language),
    font: { face: firstFamily(look.theme.font.family), eastAsianFallback: look.language.startsWith('ja') ? 'Yu Gothic' : firstFamily(look.theme.font.family) },
    size: { w: inches(look.theme.slide.width), h: inches(look.theme.slide.height) },
    slides: slides.map((slide) => slideOf({ look, slide, slideNumber: (id) => numbers.get(id), colors })),
  };
}

function slideOf(ctx: SlideContext): PptxSlide {
  const { slide } = ctx;
  const onAccentSlide = slide.kind === 'title' || slide.kind === 'closing';
  const shapes = onAccentSlide ? coverShapes(ctx) : [...headerShapes(ctx).shapes, ...bodyShapes(ctx, headerShapes(ctx).bottom)];
  if (slide.kind !== 'title') shapes.push(...furnitureShapes(ctx, onAccentSlide));
  return {
    id: slide.id,
    background: onAccentSlide ? ctx.colors.accent : ctx.colors.background,
    shapes,
    notes: slide.notes.map((p) => inlineText(p, true).replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean),
  };
}

/** A paragraph of runs with the slide's defaults. */
export function paragraph(ctx: SlideContext, content: Parameters<typeof runsOf>[0], sizePx: number, extra: Partial<Paragraph> = {}): Paragraph {
  const color = extra.color ?? ctx.colors.text;
  return { runs: runsOf(content, { accent: ctx.colors.accent, slideNumber: ctx.slideNumber, footnotes: ctx.slideNumber('footnotes') }), size: points(sizePx), color, lineHeight: ctx.look.theme.font.lineHeight, ...extra };
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

/** Kicker, title and subtitle stacked at the top, the accent rule under them; returns where the body starts (px). */
function headerShapes(ctx: SlideContext): { shapes: Shape[]; bottom: number } {
  const { slide, look, colors } = ctx;
  const { font, slide: geometry } = look.theme;
  const x = geometry.paddingX;
  const width = geometry.width - 2 * x;
  let y = geometry.paddingTop;
  const shapes: Shape[] = [];
  const add = (name: string, content: Parameters<typeof runsOf>[0], sizePx: number, lineHeight: number, extra: Partial<Paragraph>, after: number) => {
    const h = textHeight(ctx, inlineText(content), sizePx, width, lineHeight);
    shapes.push({ type: 'text', name, box: boxOf(x, y, width, h), paragraphs: [paragraph(ctx, content, sizePx, { lineHeight, ...extra })], valign: 'top' });
    y += h + after;
  };
  if (slide.number) add('Number', [{ type: 'text', text: slide.number }], font.title * 2.2, 1.05, { bold: true, color: colors.accent }, 4);
  if (slide.kicker) add('Kicker', slide.kicker, font.kicker, 1.3, { bold: true, color: colors.accent }, font.kicker * 0.3);
  const titlePx = slide.layout === 'section' ? font.title * 1.15 : font.title;
  add('Title', phraseBroken(slide.title, titlePx, width, look.language), titlePx, font.titleLineHeight, { bold: true }, titlePx * 0.3);
  if (slide.subtitle) add('Subtitle', slide.subtitle, font.subtitle, font.lineHeight, { color: colors.muted }, font.subtitle * 0.4);
  shapes.push({ type: 'rect', name: 'Rule', box: boxOf(x, y, width, 3), fill: colors.accent });
  return { shapes, bottom: y + 3 + font.body * 0.7 };
}

/** Title and closing: kicker, title, subtitle, byline and the closing's source spread down the accent. */
function coverShapes(ctx: SlideContext): Shape[] {
  const { slide, look, colors } = ctx;
  const { font, slide: geometry } = look.theme;
  const x = geometry.paddingX;
  const width = geometry.width - 2 * x;
  // The title as large as the build fitted it (templates/theme.json "fit"), as the deck draws it.
  const titlePx = slide.titlePx ?? font.title * 1.35;
  const on = { color: colors.onAccent };
  const blocks: Array<{ name: string; paragraphs: Paragraph[]; height: number }> = [];
  const block = (name: string, lines: Array<{ content: Parameters<typeof runsOf>[0]; sizePx: number; lineHeight: number; bold?: boolean }>) => {
    if (!lines.length) return;
    const paragraphs = lines.map((l) => paragraph(ctx, l.content, l.sizePx, { ...on, lineHeight: l.lineHeight, ...(l.bold ? { bold: true } : {}), spaceAfter: points(l.sizePx * 0.3) }));
    const height = lines.reduce((sum, l) => sum + textHeight(ctx, inlineText(l.content), l.sizePx, width, l.lineHeight) + l.sizePx * 0.3, 0);
    blocks.push({ name, paragraphs, height });
  };
  block('Title', [
    ...(slide.kicker ? [{ content: slide.kicker, sizePx: font.kicker, lineHeight: 1.3, bold: true }] : []),
    { content: phraseBroken(slide.title, titlePx, width, look.language, true), sizePx: titlePx, lineHeight: font.titleLineHeight, bold: true },
    ...(slide.subtitle ? [{ content: slide.subtitle, sizePx: font.subtitle, lineHeight: font.lineHeight }] : []),
  ]);
  block('Byline', slide.byline.map((names) => ({ content: [{ type: 'text' as const, text: names.join(' ／ ') }], sizePx: font.subtitle, lineHeight: font.lineHeight })));
  block('Source', slide.items.map((item) => ({ content: item.content, sizePx: font.subtitle, lineHeight: font.lineHeight, bold: item.style === 'plain' })));
  // space-evenly: the same gap above, between and below the blocks.
  const top = geometry.paddingTop;
  // Balanced over the slide less its bottom band, as templates/theme.css lays it out.
  const room = geometry.height - geometry.coverPaddingBottom - top;
  const gap = Math.max(12, (room - blocks.reduce((s, b) => s + b.height, 0)) / (blocks.length + 1));
  let y = top + gap;
  return blocks.map((b) => {
    const shape: Shape = { type: 'text', name: b.name, box: boxOf(x, y, width, b.height), paragraphs: b.paragraphs.map((p) => ({ ...p, runs: p.runs.map((r) => ({ ...r, color: colors.onAccent })) })), valign: 'top' };
    y += b.height + gap;
    return shape;
  });
}

/** The brand in the bottom band: the logo, then the footer line (templates/theme.css .bd-furniture). */
function furnitureShapes(ctx: SlideContext, onAccentSlide: boolean): Shape[] {
  const { look, colors } = ctx;
  const { slide: geometry, font } = look.theme;
  const shapes: Shape[] = [];
  const bandTop = geometry.height - 14 - 48;
  let x = geometry.paddingX;
  if (look.logo) {
    const h = 40;
    const w = (look.logo.width / Math.max(1, look.logo.height)) * h;
    shapes.push({ type: 'image', name: 'Logo', box: boxOf(x, bandTop + 4, w, h), data: look.logo.src, alt: look.logo.alt });
    x += w + 18;
  }
  if (look.footer) {
    const color = onAccentSlide ? colors.onAccent : colors.muted;
    shapes.push({ type: 'text', name: 'Footer', box: boxOf(x, bandTop, geometry.width - 240 - x, 48), paragraphs: [paragraph(ctx, [{ type: 'text', text: look.footer }], font.small, { color, lineHeight: 1.2 })], valign: 'middle' });
  }
  return shapes;
}
