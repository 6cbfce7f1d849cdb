// How much fits on a slide: the planner's estimates, from the same theme numbers the CSS uses.
import type { Theme } from '../model/theme.ts';
import { joinSentences, text } from '../model/content.ts';
import type { Inline, Sentence, SlideItem, TextBlock } from '../model/types.ts';
import { estimateLines } from '../model/text.ts';

/** One thing to place on a slide (an entry and those under it), its notes, the height it takes. */
export interface Unit {
  items: SlideItem[];
  notes: Inline[][];
  height: number;
  /** Characters it shows on the slide. */
  chars: number;
  /** Pieces it may be cut into when it is taller than a slide: the entry with its first sub-items, then the rest of them. */
  parts?: Unit[];
}

export interface Heads {
  kicker?: string;
  title: string;
  subtitle?: string;
  /** A section opener's head: its number large above a title set larger (font.sectionNumberScale, sectionTitleScale). */
  opener?: boolean;
}

const BULLET_INDENT_EM = 1.4;

export function contentWidth(theme: Theme): number {
  return theme.slide.width - 2 * theme.slide.paddingX;
}

/** Height the kicker, title and subtitle take at the top of a slide. */
export function headHeight(heads: Heads, theme: Theme, language: string): number {
  const f = theme.font;
  const width = contentWidth(theme);
  const titlePx = heads.opener ? f.title * f.sectionTitleScale : f.title;
  let height = estimateLines(heads.title, titlePx, width, language) * titlePx * f.titleLineHeight + f.title * 0.6;
  // The number is set solid (line height 1).
  if (heads.opener) height += f.title * f.sectionNumberScale;
  if (heads.kicker) height += f.kicker * 1.6;
  if (heads.subtitle) height += estimateLines(heads.subtitle, f.subtitle, width, language) * f.subtitle * f.lineHeight + f.subtitle * 0.6;
  return height;
}

/** Height left for the body of a slide under its heads. */
export function bodyBudget(heads: Heads, theme: Theme, language: string): number {
  const s = theme.slide;
  return s.height - s.paddingTop - s.paddingBottom - headHeight(heads, theme, language);
}

function textHeight(text: string, fontPx: number, indentEm: number, theme: Theme, language: string): number {
  const width = contentWidth(theme) - indentEm * fontPx;
  return estimateLines(text, fontPx, width, language) * fontPx * theme.font.lineHeight + fontPx * 0.45;
}

/**
 * A paragraph or list item as a slide unit: its first sentence is the headline on the slide,
 * the rest of its sentences (and of its sub-items) go to the speaker notes.
 */
export function blockUnit(block: TextBlock, theme: Theme, language: string): Unit {
  const f = theme.font;
  const style = block.kind === 'item' ? 'bullet' : 'lead';
  const [first, ...rest] = block.sentences;
  const head: Unit = {
    items: [{ content: first?.content ?? [], style, level: 0, source: { file: block.file, line: block.line } }],
    notes: rest.length > 0 ? [withHeadline(first!, rest)] : [],
    height: textHeight(first?.text ?? '', f.body, style === 'bullet' ? BULLET_INDENT_EM : 0, theme, language),
    chars: (first?.text ?? '').replace(/\s+/g, '').length,
  };
  const children = block.children.map((child): Unit => {
    const [childFirst, ...childRest] = child.sentences;
    return {
      items: [{ content: childFirst?.content ?? [], style: 'bullet', level: 1, source: { file: child.file, line: child.line } }],
      // A slide shows two levels of a list; the items nested deeper are said in the notes.
      notes: [...(childRest.length > 0 ? [withHeadline(childFirst!, childRest)] : []), ...deeperNotes(child.children)],
      height: textHeight(childFirst?.text ?? '', f.subitem, BULLET_INDENT_EM * 2, theme, language),
      chars: (childFirst?.text ?? '').replace(/\s+/g, '').length,
    };
  });
  const whole = joinUnits([head, ...children]);
  return children.length > 1 ? { ...whole, parts: [joinUnits([head, children[0]!]), ...children.slice(1)] } : whole;
}

/**
 * The size points under a lead are laid out for: the median text the layout targets (the build's
 * fit measures, and sets them as large as the room then allows).
 */
export const POINT_PX = 30;

/**
 * A list entry with sub-items as a slide of its own: the entry (its first sentence) as the lead
 * line over them, its sub-items as the points, at `POINT_PX`. As on any slide, two levels show:
 * the lead and its points; what is nested deeper, and each one's later sentences, go to the notes.
 */
export function leadUnits(block: TextBlock, theme: Theme, language: string): { lead: Unit; points: Unit[] } {
  const [first, ...rest] = block.sentences;
  const lead: Unit = {
    items: [{ content: first?.content ?? [], style: 'plain', level: 0, source: { file: block.file, line: block.line } }],
    notes: rest.length > 0 ? [withHeadline(first!, rest)] : [],
    height: textHeight(first?.text ?? '', POINT_PX, 0, theme, language) + POINT_PX * 0.3,
    chars: (first?.text ?? '').replace(/\s+/g, '').length,
  };
  const points = block.children.map((child): Unit => {
    const [childFirst, ...childRest] = child.sentences;
    return {
      items: [{ content: childFirst?.content ?? [], style: 'bullet', level: 0, source: { file: child.file, line: child.line } }],
      notes: [...(childRest.length > 0 ? [withHeadline(childFirst!, childRest)] : []), ...deeperNotes(child.children)],
      height: textHeight(childFirst?.text ?? '', POINT_PX, BULLET_INDENT_EM, theme, language),
      chars: (childFirst?.text ?? '').replace(/\s+/g, '').length,
    };
  });
  return { lead, points };
}

/** Units placed together as one. */
function joinUnits(units: Unit[]): Unit {
  return {
    items: units.flatMap((u) => u.items),
    notes: units.flatMap((u) => u.notes),
    height: units.reduce((n, u) => n + u.height, 0),
    chars: units.reduce((n, u) => n + u.chars, 0),
  };
}

/** A notes paragraph: the headline shown on the slide in bold, then the sentences that follow it. */
function withHeadline(headline: Sentence, rest: Sentence[]): Inline[] {
  return joinSentences([{ content: [{ type: 'strong', children: headline.content }], text: headline.text }, ...rest]);
}

/** Items nested below what a slide shows: a notes paragraph each, indented by their depth. */
function deeperNotes(blocks: TextBlock[], depth = 1): Inline[][] {
  return blocks.flatMap((block) => [[text('› '.repeat(depth)), ...joinSentences(block.sentences)], ...deeperNotes(block.children, depth + 1)]);
}

/** A unit whose whole text is shown (footnotes, sources, agenda entries). */
export function fullUnit(item: SlideItem, text: string, fontPx: number, theme: Theme, language: string): Unit {
  return { items: [item], notes: [], height: textHeight(text, fontPx, BULLET_INDENT_EM, theme, language), chars: text.replace(/\s+/g, '').length };
}

/** A part listed on its section's opener at `fontPx`: a band of text, padded and spaced (theme.json "opener"). */
export function partUnit(item: SlideItem, text: string, fontPx: number, theme: Theme, language: string): Unit {
  const o = theme.opener;
  const width = contentWidth(theme) - 2 * o.padXEm * fontPx - o.rule;
  const height = estimateLines(text, fontPx, width, language) * fontPx * theme.font.lineHeight + fontPx * (2 * o.padYEm + o.afterEm);
  return { items: [item], notes: [], height, chars: text.replace(/\s+/g, '').length };
}

/**
 * Greedy pagination: units stay in order and whole; a unit taller than a slide (or with more text
 * than one may say) is cut into its parts — an entry with its first sub-items, then the rest of
 * them, continued on the next slide; a part still taller gets one slide to itself (and a check of
 * the built deck reports it).
 */
export function paginate(units: Unit[], budget: (page: number) => number, maxChars = Infinity): Unit[][] {
  const pages: Unit[][] = [[]];
  let used = 0;
  let chars = 0;
  const room = Math.min(budget(0), budget(1));
  const placed = units.flatMap((u) => (u.parts && (u.height > room || u.chars > maxChars) ? u.parts : [u]));
  for (const unit of placed) {
    const page = pages.at(-1)!;
    if (page.length > 0 && (used + unit.height > budget(pages.length - 1) || chars + unit.chars > maxChars)) {
      pages.push([unit]);
      used = unit.height;
      chars = unit.chars;
    } else {
      page.push(unit);
      used += unit.height;
      chars += unit.chars;
    }
  }
  return pages.filter((p) => p.length > 0);
}

/**
 * As `paginate`, on as few pages, but even: each page filled to about the same height, so that a
 * list continued over slides does not end on a slide with one point.
 */
export function paginateEvenly(units: Unit[], budget: (page: number) => number, maxChars = Infinity): Unit[][] {
  const pages = paginate(units, budget, maxChars);
  if (pages.length <= 1) return pages;
  // The least height a page may take that keeps the pages as few.
  let lo = Math.max(...units.map((u) => u.height));
  let hi = Math.max(budget(0), budget(1));
  const within = (cap: number) => paginate(units, (p) => Math.min(budget(p), cap), maxChars);
  while (hi - lo > 1) {
    const mid = (lo + hi) / 2;
    if (within(mid).length <= pages.length) hi = mid;
    else lo = mid;
  }
  return within(hi);
}
