// A slide on an organisation's template: its text in the layout's placeholders, in their boxes,
// in the template's fonts and colours — the title (with its kicker, a section's number) in the
// title placeholder, the entries in the body placeholder(s), the subtitle and byline in the
// subtitle's — sized to fit each box between the template's own size and the smallest legible
// one, as the planner fits the deck. A diagram, table or picture takes the body's box (or the
// room under the title). What does not fit even so is reported, never dropped.
import { inlineText } from '../model/content.ts';
import { defaultLimits } from '../model/limits.ts';
import type { Inline, SlideItem } from '../model/types.ts';
import { graphShapes } from './graph.ts';
import { bodyPx, entry, itemHeight } from './layouts.ts';
import { imageShapes, tableHeight, tableShapes } from './media.ts';
import { boxOf, paragraph, phraseBroken, points, textHeight, type Paragraph, type PlaceholderRef, type PptxSlide, type Region, type Shape, type SlideContext } from './model.ts';
import { OWN_IDX } from './own.ts';
import type { PlaceholderType, TemplatePlaceholder } from './template-types.ts';

/** EMU per px of the deck's 96-per-inch pixels. */
const EMU_PER_PX = 9525;

/** Where a placeholder of this type goes on a page when its template gives it no usable box. */
function defaultRegion(type: PlaceholderType, page: { w: number; h: number }): Region {
  const x = page.w * 0.06;
  const w = page.w * 0.88;
  if (type === 'title' || type === 'ctrTitle') return { x, y: page.h * 0.05, w, h: page.h * 0.16 };
  if (type === 'subTitle') return { x, y: page.h * 0.55, w, h: page.h * 0.25 };
  if (type === 'ftr' || type === 'dt' || type === 'sldNum') return { x, y: page.h * 0.9, w, h: page.h * 0.07 };
  return { x, y: page.h * 0.24, w, h: page.h * 0.62 };
}

/**
 * A placeholder's box in px, on the page: clipped to it (a box larger than the slide), or, when
 * the template gives it none that holds anything (no size, or off the page), the usual place of its type.
 */
function regionIn(p: TemplatePlaceholder, page: { w: number; h: number }): Region {
  const clamp = (v: number, hi: number) => Math.min(Math.max(v, 0), hi);
  // (Left and right, a margin: a closing stop hangs past the line's end in Japanese typesetting.)
  const x0 = Math.max(clamp(p.box.x / EMU_PER_PX, page.w), page.w * 0.02);
  const y0 = clamp(p.box.y / EMU_PER_PX, page.h);
  const x1 = Math.min(clamp((p.box.x + p.box.cx) / EMU_PER_PX, page.w), page.w * 0.975);
  const y1 = clamp((p.box.y + p.box.cy) / EMU_PER_PX, page.h);
  if (x1 - x0 < page.w * 0.05 || y1 - y0 < page.h * 0.03) return defaultRegion(p.type, page);
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
const refOf = (p: TemplatePlaceholder): PlaceholderRef => ({ type: p.type, idx: p.idx });

function find(ctx: SlideContext, ...types: PlaceholderType[]): TemplatePlaceholder | undefined {
  return ctx.layout.placeholders.filter((p) => types.includes(p.type)).sort((a, b) => a.idx - b.idx)[0];
}

/** A run of text in a box: its content, size relative to the box's size, line height, extra paragraph style. */
interface Line {
  content: Inline[];
  scale: number;
  lineHeight: number;
  extra?: Partial<Paragraph>;
}

/**
 * The largest size (px) from `maxPx` down to `minPx` at which `height(px)` fits `room`, with a
 * tenth to spare (the template's typeface is not the one measured); whether it fits.
 */
function fitSize(height: (px: number) => number, room: number, maxPx: number, minPx: number): { px: number; fits: boolean } {
  for (let px = maxPx; px >= minPx; px -= 0.5) if (height(px) <= room * 0.9) return { px, fits: true };
  return { px: Math.min(maxPx, minPx), fits: false };
}

/** Inline content cut at its line breaks. */
function splitLines(content: Inline[]): Inline[][] {
  const out: Inline[][] = [[]];
  for (const inline of content) {
    if (inline.type === 'linebreak') out.push([]);
    else out.at(-1)!.push(inline);
  }
  return out;
}

/** The box's largest size: the template's own (pt → px), else the deck's. */
const ownPx = (p: TemplatePlaceholder, fallbackPx: number) => (p.size ? p.size / 0.75 : fallbackPx);

/** One slide being fitted into its template layout: the shapes made so far, and the slide's own placeholder numbers. */
interface Fitting {
  ctx: SlideContext;
  number: number;
  /** The deck's legibility limit, as large on the template's page as on the deck's. */
  minPx: number;
  /** The slide, as a warning names it. */
  where: string;
  shapes: Shape[];
  /** The next placeholder index of the slide's own (text its layout has no place for). */
  own: number;
}

const regionOf = (f: Fitting, p: TemplatePlaceholder) => regionIn(p, f.ctx.page);

/** Lines in a placeholder, sized to fit it. */
function textIn(f: Fitting, name: string, p: TemplatePlaceholder, lines: Line[], maxPx: number, valign: 'top' | 'middle' = 'top'): void {
  const { ctx, minPx } = f;
  const { slide, look } = ctx;
  const region = regionOf(f, p);
  const inset = 7.2; // PowerPoint's default inset of 0.1 in, left and right
  const width = region.w - 2 * inset;
  // Measured as it is set: the title broken between phrases where it wraps.
  const measured = (l: Line, px: number) => (l.content === slide.title ? phraseBroken(l.content, px, width, look.language) : l.content);
  // (Set no closer than PowerPoint's single spacing: src/pptx/write.ts.)
  const lineHeight = (l: Line, px: number) => splitLines(measured(l, px)).reduce((sum, line) => sum + textHeight(ctx, inlineText(line), px * l.scale, width, Math.max(1.2, l.lineHeight)), 0);
  const height = (px: number) => lines.reduce((sum, l) => sum + lineHeight(l, px) + px * l.scale * 0.2, 0) + 2 * 3.6;
  const { px, fits } = fitSize(height, region.h, maxPx, minPx);
  if (!fits) ctx.warn(`${f.where}: its ${name.toLowerCase()} does not fit the template's "${p.name}" at the smallest legible size (${points(minPx)} pt): PowerPoint shrinks it to fit`);
  const paragraphs = lines.map((l) => paragraph(ctx, measured(l, px), px * l.scale, { lineHeight: l.lineHeight, spaceAfter: points(px * l.scale * 0.2), relative: true, ...l.extra }));
  // Shrunk on overflow all the same (normAutofit): a reader with wider glyphs keeps the text in its box.
  f.shapes.push({ type: 'text', name, box: boxOf(region.x, region.y, region.w, region.h), paragraphs, valign, ph: refOf(p), autofit: 1 });
}

/** Entries in a placeholder (bullets, markers, links as the deck has them), sized to fit it. */
function entriesIn(f: Fitting, name: string, p: TemplatePlaceholder, items: SlideItem[], lead: Line[] = []): void {
  const { ctx, minPx } = f;
  const region = regionOf(f, p);
  const width = region.w - 14.4;
  const lineHeight = ctx.look.theme.font.lineHeight;
  const height = (px: number) =>
    lead.reduce((s, l) => s + textHeight(ctx, inlineText(l.content), px * l.scale, width, l.lineHeight) + px * 0.3, 0) + items.reduce((s, item) => s + itemHeight(ctx, item, px, width, lineHeight) + px * 0.3, 0) + 7.2;
  const { px, fits } = fitSize(height, region.h, ownPx(p, bodyPx(ctx)), minPx);
  if (!fits) ctx.warn(`${f.where}: its text does not fit the template's "${p.name}" at the smallest legible size (${points(minPx)} pt): PowerPoint shrinks it to fit`);
  const paragraphs = [
    ...lead.map((l) => paragraph(ctx, l.content, px * l.scale, { lineHeight: l.lineHeight, spaceAfter: points(px * 0.3), relative: true, ...l.extra })),
    ...items.map((item) => entry(ctx, item, px, { lineHeight, spaceAfter: points(px * 0.3), relative: true })),
  ];
  f.shapes.push({ type: 'text', name, box: boxOf(region.x, region.y, region.w, region.h), paragraphs, valign: 'top', ph: refOf(p), autofit: 1 });
}

/** The slide's diagram, table or picture in `places` (a body placeholder of its own when there are two, else the body's room under the entries). */
function visualIn(f: Fitting, places: TemplatePlaceholder[], sizeFrom: TemplatePlaceholder): void {
  const { ctx, minPx, where } = f;
  const { slide } = ctx;
  let room = regionOf(f, places.length > 1 && slide.items.length ? places[1]! : places[0]!);
  if (slide.items.length && places.length === 1) {
    const used = (f.shapes.at(-1) as Extract<Shape, { type: 'text' }>).paragraphs.length;
    const share = Math.min(0.5, 0.12 * used);
    room = { ...room, y: room.y + room.h * share, h: room.h * (1 - share) };
  }
  // A table's type as large as lets every row into the room (rows past it would not be printed).
  const tablePx = slide.table ? fitSize((px) => tableHeight(ctx, room.w, px), room.h, Math.min(bodyPx(ctx), ownPx(sizeFrom, bodyPx(ctx))), minPx) : undefined;
  if (tablePx && !tablePx.fits) ctx.warn(`${where}: its table does not fit the template's room for it at the smallest legible size (${points(minPx)} pt): it runs past the room`);
  const made = [...(slide.diagram ? graphShapes(ctx, slide.diagram, room) : []), ...(tablePx ? tableShapes(ctx, room, tablePx.px) : []), ...imageShapes(ctx, room)];
  for (const s of made) {
    if (s.type === 'group' && s.shapes.some((k) => k.type === 'text' && (k.box.x * 96 < room.x - 1 || (k.box.x + k.box.w) * 96 > room.x + room.w + 1 || (k.box.y + k.box.h) * 96 > room.y + room.h + 1 || k.box.y * 96 < room.y - 1)))
      ctx.warn(`${where}: the diagram "${slide.diagram?.label}" does not fit the template's room for it at a legible size; it is placed larger than the room`);
    f.shapes.push(s.type === 'text' && !s.ph ? { ...s, ph: { type: 'body', idx: f.own++ } } : s);
  }
}

/** The footer and the slide number, in the template's own boxes and sizes (furniture, not text to fit). */
function furnitureIn(f: Fitting): void {
  const { ctx, number } = f;
  const ftr = find(ctx, 'ftr');
  if (ftr && ctx.look.footer) {
    const region = regionOf(f, ftr);
    f.shapes.push({ type: 'text', name: 'Footer', box: boxOf(region.x, region.y, region.w, region.h), paragraphs: [{ ...paragraph(ctx, [{ type: 'text', text: ctx.look.footer }], ownPx(ftr, 16), { lineHeight: 1.2, relative: true }) }], valign: 'middle', ph: refOf(ftr), autofit: 1 });
  }
  const sldNum = find(ctx, 'sldNum');
  if (sldNum && ctx.slide.kind !== 'title') {
    const region = regionOf(f, sldNum);
    f.shapes.push({ type: 'text', name: 'Slide Number', box: boxOf(region.x, region.y, region.w, region.h), paragraphs: [{ runs: [{ text: String(number), field: 'slidenum' }], size: points(ownPx(sldNum, 18)), lineHeight: 1.2, align: 'right' }], valign: 'middle', ph: refOf(sldNum) });
  }
}

/** The room under the title, above the footer band (or the page's foot): where text goes that the layout has no body for. */
function roomUnderTitle(f: Fitting, title: TemplatePlaceholder | undefined): TemplatePlaceholder {
  const { ctx } = f;
  const head = regionOf(f, { type: 'title', idx: 0, name: '', box: { x: 0, y: 0, cx: 0, cy: 0 }, ...(title ?? {}) });
  const top = head.y + head.h;
  const footer = find(ctx, 'ftr', 'sldNum', 'dt');
  const foot = footer ? regionOf(f, footer).y : ctx.page.h * 0.94;
  const bottom = foot > top + ctx.page.h * 0.2 ? foot : ctx.page.h * 0.96;
  return { type: 'body', idx: f.own, name: 'the room under the title', box: { x: Math.round(head.x * EMU_PER_PX), y: Math.round((top + 12 * ctx.scale) * EMU_PER_PX), cx: Math.round(head.w * EMU_PER_PX), cy: Math.round(Math.max(48, bottom - top - 24 * ctx.scale) * EMU_PER_PX) } };
}

export function fittedSlide(ctx: SlideContext, number: number): PptxSlide {
  const { slide, look } = ctx;
  const { font } = look.theme;
  const f: Fitting = { ctx, number, minPx: Math.min(defaultLimits(look.theme).minFontPx, font.small) * ctx.scale, where: `slide ${number} ("${inlineText(slide.title).slice(0, 40)}")`, shapes: [], own: OWN_IDX };

  const title = slide.kind === 'title' ? find(ctx, 'ctrTitle', 'title') : find(ctx, 'title', 'ctrTitle');
  const titleLines: Line[] = [
    ...(slide.number ? [{ content: [{ type: 'text' as const, text: slide.number }], scale: 1, lineHeight: 1.05 }] : []),
    ...(slide.kicker ? [{ content: slide.kicker, scale: 0.6, lineHeight: 1.3 }] : []),
    { content: slide.title, scale: 1, lineHeight: font.titleLineHeight },
  ];
  const byline: Line[] = slide.byline.map((names) => ({ content: [{ type: 'text', text: names.join(' ／ ') }], scale: 1, lineHeight: font.lineHeight }));
  // In the placeholder's own colour: the template knows what reads on its background (a muted grey may not).
  const subtitle: Line[] = slide.subtitle ? [{ content: slide.subtitle, scale: 1, lineHeight: font.lineHeight }] : [];
  const bodies = ctx.layout.placeholders.filter((p) => p.type === 'body' || p.type === 'obj').sort((a, b) => a.idx - b.idx);
  const below = roomUnderTitle(f, title);
  /** A placeholder of the slide's own for text its layout has no place for, in the room under the title. */
  const orphan = (): TemplatePlaceholder => ({ ...below, idx: f.own++ });

  // A layout with no title placeholder (named for this kind of slide in deck.yaml): the title in a
  // title placeholder all the same (the master's kind), at the top of the page, so the slide is titled.
  const titleAt: TemplatePlaceholder = title ?? { type: slide.kind === 'title' ? 'ctrTitle' : 'title', idx: 0, name: 'a title at the top of the slide', box: { x: 0, y: 0, cx: 0, cy: 0 } };
  if (!title) ctx.warn(`${f.where}: the template's layout "${ctx.layout.name}" has no title placeholder; the title is set at the top of the slide`);
  textIn(f, 'Title', titleAt, titleLines, ownPx(titleAt, slide.kind === 'title' || slide.kind === 'closing' ? (slide.titlePx ?? font.title * font.coverTitleScale) : font.title), slide.kind === 'title' ? 'middle' : 'top');

  if (slide.kind === 'title') {
    const lines = [...subtitle, ...byline];
    const sub = find(ctx, 'subTitle') ?? bodies[0] ?? orphan();
    if (lines.length) textIn(f, 'Subtitle', sub, lines, ownPx(sub, font.subtitle));
    if (slide.items.length) entriesIn(f, 'Body', sub === bodies[0] ? (bodies[1] ?? orphan()) : (bodies[0] ?? orphan()), slide.items);
  } else if (slide.kind === 'closing') {
    const body = bodies[0] ?? orphan();
    if (byline.length || slide.items.length || subtitle.length) entriesIn(f, 'Body', body, slide.items, [...subtitle, ...byline]);
  } else {
    const visual = slide.diagram || slide.table || slide.image;
    const places = bodies.length ? bodies : [below];
    const textPlaces = visual && slide.items.length && places.length > 1 ? places.slice(0, 1) : places;
    if (slide.items.length || subtitle.length) {
      // The entries shared among the body placeholders (cards in a Two Content layout), in order.
      const per = Math.ceil(slide.items.length / textPlaces.length) || 1;
      textPlaces.forEach((p, i) => {
        const items = slide.items.slice(i * per, (i + 1) * per);
        if (items.length || (i === 0 && subtitle.length)) entriesIn(f, i === 0 ? 'Body' : `Body ${i + 1}`, p === below ? orphan() : p, items, i === 0 ? subtitle : []);
      });
    }
    if (visual) visualIn(f, places, bodies[0] ?? below);
  }
  furnitureIn(f);
  return { id: slide.id, layout: ctx.layout.part, shapes: f.shapes, notes: [] };
}
