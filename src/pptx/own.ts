// A slide on the deck's own template: laid out as templates/theme.css lays the deck out (the
// geometry from templates/theme.json), each text in a placeholder of the slide's layout — the
// title (with its kicker and section number) in the title placeholder, the body in the body
// placeholder, further text boxes (a subtitle, cards, agenda rows) in placeholders of their own —
// so PowerPoint's outline view, "Reset slide" and screen readers know what each one is.
import { inlineText } from '../model/content.ts';
import { furnitureBoxes, headFoot } from '../model/theme.ts';
import { bodyShapes } from './layouts.ts';
import { boxOf, paragraph, phraseBroken, points, textHeight, type Paragraph, type PlaceholderRef, type PptxSlide, type Shape, type SlideContext } from './model.ts';
import { runsOf } from './runs.ts';
import type { PlaceholderType, TemplateLayout } from './template-types.ts';

/** The first idx a slide's own placeholders (those its layout lacks) take. */
export const OWN_IDX = 100;

/** The layout's placeholder of one of these types (the first by idx), as a slide names it. */
export function placeholderOf(layout: TemplateLayout, ...types: PlaceholderType[]): PlaceholderRef | undefined {
  const found = layout.placeholders.filter((p) => types.includes(p.type)).sort((a, b) => a.idx - b.idx)[0];
  return found ? { type: found.type, idx: found.idx } : undefined;
}

/** The layout's body placeholders (body or content), by idx. */
export function bodyPlaceholders(layout: TemplateLayout): PlaceholderRef[] {
  return layout.placeholders
    .filter((p) => p.type === 'body' || p.type === 'obj')
    .sort((a, b) => a.idx - b.idx)
    .map((p) => ({ type: p.type, idx: p.idx }));
}

/**
 * Text shapes put in placeholders, in order: the first text of the body in the layout's body
 * placeholders (as many as it has), the rest in placeholders of their own. Shapes already given
 * one keep it; diagram groups hold their own text.
 */
export function intoPlaceholders(shapes: Shape[], layout: TemplateLayout): Shape[] {
  const free = bodyPlaceholders(layout);
  let own = OWN_IDX;
  return shapes.map((shape) => {
    if (shape.type !== 'text' || shape.ph) return shape;
    return { ...shape, ph: free.shift() ?? { type: 'body', idx: own++ } };
  });
}

/** Number, kicker and title in the title placeholder, the subtitle under it, the accent rule; returns where the body starts (px). */
function headerShapes(ctx: SlideContext): { shapes: Shape[]; bottom: number } {
  const { slide, look, colors } = ctx;
  const { font, slide: geometry, head } = look.theme;
  const x = geometry.paddingX;
  const width = geometry.width - 2 * x;
  const top = geometry.paddingTop;
  let y = top;
  const paragraphs: Paragraph[] = [];
  const add = (content: Parameters<typeof runsOf>[0], sizePx: number, lineHeight: number, extra: Partial<Paragraph>, after: number) => {
    y += textHeight(ctx, inlineText(content), sizePx, width, lineHeight) + after;
    paragraphs.push(paragraph(ctx, content, sizePx, { lineHeight, ...extra, spaceAfter: points(after) }));
  };
  if (slide.number) add([{ type: 'text', text: slide.number }], font.title * font.sectionNumberScale, 1.05, { bold: true, color: colors.accent }, 4);
  if (slide.kicker) add(slide.kicker, font.kicker, 1.3, { bold: true, color: colors.accent }, font.kicker * head.kickerAfterEm);
  const titlePx = slide.layout === 'section' ? font.title * font.sectionTitleScale : font.title;
  add(phraseBroken(slide.title, titlePx, width, look.language), titlePx, font.titleLineHeight, { bold: true }, 0);
  const title: Shape = { type: 'text', name: 'Title', box: boxOf(x, top, width, y - top), paragraphs, valign: 'top', ph: placeholderOf(ctx.layout, 'title', 'ctrTitle') ?? { type: 'title', idx: 0 } };
  const shapes: Shape[] = [title];
  let last = { px: titlePx, afterEm: head.titleAfterEm };
  if (slide.subtitle) {
    y += titlePx * head.titleAfterEm;
    const h = textHeight(ctx, inlineText(slide.subtitle), font.subtitle, width, font.lineHeight);
    shapes.push({ type: 'text', name: 'Subtitle', box: boxOf(x, y, width, h), paragraphs: [paragraph(ctx, slide.subtitle, font.subtitle, { color: colors.muted, lineHeight: font.lineHeight })], valign: 'top', ph: { type: 'body', idx: OWN_IDX + 50 } });
    y += h;
    last = { px: font.subtitle, afterEm: head.subtitleAfterEm };
  }
  // The accent rule under the head and the space under it, where the master's body starts too.
  const foot = headFoot(look.theme, y, last);
  shapes.push({ type: 'rect', name: 'Rule', box: boxOf(x, foot.ruleTop, width, head.rule), fill: colors.accent });
  return { shapes, bottom: foot.bodyTop };
}

/** Title and closing: kicker, title, subtitle, byline and the closing's source spread down the accent. */
function coverShapes(ctx: SlideContext): Shape[] {
  const { slide, look, colors } = ctx;
  const { font, slide: geometry } = look.theme;
  const x = geometry.paddingX;
  const width = geometry.width - 2 * x;
  // The title as large as the build fitted it (templates/theme.json "fit"), as the deck draws it.
  const titlePx = slide.titlePx ?? font.title * font.coverTitleScale;
  const on = { color: colors.onAccent };
  const blocks: Array<{ name: string; paragraphs: Paragraph[]; height: number; ph: PlaceholderRef }> = [];
  const bodies = bodyPlaceholders(ctx.layout);
  let own = OWN_IDX;
  const block = (name: string, ph: PlaceholderRef | undefined, lines: Array<{ content: Parameters<typeof runsOf>[0]; sizePx: number; lineHeight: number; bold?: boolean }>) => {
    if (!lines.length) return;
    const paragraphs = lines.map((l) => paragraph(ctx, l.content, l.sizePx, { ...on, lineHeight: l.lineHeight, ...(l.bold ? { bold: true } : {}), spaceAfter: points(l.sizePx * 0.3) }));
    const height = lines.reduce((sum, l) => sum + textHeight(ctx, inlineText(l.content), l.sizePx, width, l.lineHeight) + l.sizePx * 0.3, 0);
    blocks.push({ name, paragraphs, height, ph: ph ?? { type: 'body', idx: own++ } });
  };
  const title = slide.kind === 'title' ? placeholderOf(ctx.layout, 'ctrTitle', 'title') : placeholderOf(ctx.layout, 'title', 'ctrTitle');
  block('Title', title ?? { type: slide.kind === 'title' ? 'ctrTitle' : 'title', idx: 0 }, [
    ...(slide.kicker ? [{ content: slide.kicker, sizePx: font.kicker, lineHeight: 1.3, bold: true }] : []),
    { content: phraseBroken(slide.title, titlePx, width, look.language, true), sizePx: titlePx, lineHeight: font.titleLineHeight, bold: true },
    ...(slide.subtitle ? [{ content: slide.subtitle, sizePx: font.subtitle, lineHeight: font.lineHeight }] : []),
  ]);
  const second = slide.kind === 'title' ? (placeholderOf(ctx.layout, 'subTitle') ?? bodies.shift()) : bodies.shift();
  block('Byline', second, slide.byline.map((names) => ({ content: [{ type: 'text' as const, text: names.join(' ／ ') }], sizePx: font.subtitle, lineHeight: font.lineHeight })));
  block('Source', blocks.length > 1 || !second ? bodies.shift() : second, slide.items.map((item) => ({ content: item.content, sizePx: font.subtitle, lineHeight: font.lineHeight, bold: item.style === 'plain' })));
  // space-evenly: the same gap above, between and below the blocks.
  const top = geometry.paddingTop;
  // Balanced over the slide less its bottom band, as templates/theme.css lays it out.
  const room = geometry.height - geometry.coverPaddingBottom - top;
  const gap = Math.max(12, (room - blocks.reduce((s, b) => s + b.height, 0)) / (blocks.length + 1));
  let y = top + gap;
  return blocks.map((b) => {
    const shape: Shape = { type: 'text', name: b.name, box: boxOf(x, y, width, b.height), paragraphs: b.paragraphs.map((p) => ({ ...p, runs: p.runs.map((r) => ({ ...r, color: colors.onAccent })) })), valign: 'top', ph: b.ph };
    y += b.height + gap;
    return shape;
  });
}

/** The brand in the bottom band: the logo, the footer line, the slide's number — in the boxes templates/theme.css gives them (.bd-furniture, .slide-number; theme.json "furniture"). */
function furnitureShapes(ctx: SlideContext, onAccentSlide: boolean, number: number): Shape[] {
  const { look, colors } = ctx;
  const { font, furniture } = look.theme;
  const { band, number: numberBox } = furnitureBoxes(look.theme);
  const shapes: Shape[] = [];
  let x = band.x;
  if (look.logo) {
    const h = furniture.logoHeight;
    const w = (look.logo.width / Math.max(1, look.logo.height)) * h;
    // Centred in the band (align-items: center).
    shapes.push({ type: 'image', name: 'Logo', box: boxOf(x, band.y + (band.height - h) / 2, w, h), data: look.logo.src, alt: look.logo.alt });
    x += w + furniture.gap;
  }
  const color = onAccentSlide ? colors.onAccent : colors.muted;
  if (look.footer) {
    shapes.push({ type: 'text', name: 'Footer', box: boxOf(x, band.y, band.x + band.width - x, band.height), paragraphs: [paragraph(ctx, [{ type: 'text', text: look.footer }], font.small, { color, lineHeight: furniture.lineHeight })], valign: 'middle', ph: placeholderOf(ctx.layout, 'ftr') ?? { type: 'ftr', idx: 11 } });
  }
  const sldNum = placeholderOf(ctx.layout, 'sldNum');
  if (sldNum) {
    const b = numberBox;
    shapes.push({ type: 'text', name: 'Slide Number', box: boxOf(b.x, b.y, b.width, b.height), paragraphs: [{ ...paragraph(ctx, [], furniture.number.size, { color, lineHeight: furniture.lineHeight, align: 'right' }), runs: [{ text: String(number), field: 'slidenum' }] }], valign: 'middle', ph: sldNum });
  }
  return shapes;
}

/** A slide on the deck's own template. */
export function ownSlide(ctx: SlideContext, number: number): PptxSlide {
  const { slide } = ctx;
  const onAccentSlide = slide.kind === 'title' || slide.kind === 'closing';
  let shapes: Shape[];
  if (onAccentSlide) shapes = coverShapes(ctx);
  else {
    const header = headerShapes(ctx);
    shapes = [...header.shapes, ...intoPlaceholders(bodyShapes(ctx, header.bottom), ctx.layout)];
  }
  if (slide.kind !== 'title') shapes.push(...furnitureShapes(ctx, onAccentSlide, number));
  return { id: slide.id, layout: ctx.layout.part, ...(onAccentSlide ? { background: ctx.colors.accent } : {}), shapes, notes: [] };
}
