// A slide's body in the presentation model, per layout (after templates/theme.css's layouts):
// statement, points, cards, list, agenda, section, notes and diagram.
import { inlineText } from '../model/content.ts';
import type { SlideItem } from '../model/types.ts';
import { graphShapes } from './graph.ts';
import { imageShapes, tableShapes } from './media.ts';
import { boxOf, paragraph, points, textHeight, type Paragraph, type Run, type Region, type Shape, type SlideContext } from './model.ts';

const BULLETS = ['25A0', '2013'];

/** The body's text size (px): the fitted size, else the layout's default. */
export function bodyPx(ctx: SlideContext): number {
  const { font } = ctx.look.theme;
  return ctx.slide.bodyPx ?? (ctx.slide.layout === 'notes' ? font.small : font.body);
}

/** An entry's paragraph: its marker or footnote label, its link, its bullet and level. */
export function entry(ctx: SlideContext, item: SlideItem, sizePx: number, extra: Partial<Paragraph> = {}): Paragraph {
  const size = item.level > 0 ? Math.max(ctx.look.theme.font.subitem, sizePx * 0.86) : sizePx;
  const p = paragraph(ctx, item.content, size, extra);
  const target = item.href ? ctx.slideNumber(item.href) : undefined;
  const runs: Run[] = target ? p.runs.map((r) => ({ ...r, link: r.link ?? { slide: target } })) : p.runs;
  const lead: Run[] = [];
  if (item.marker) lead.push({ text: `${item.marker}\u2003`, bold: true, color: ctx.colors.accent });
  if (item.footnote) lead.push({ text: `${item.footnote.label}\u2002`, bold: true, color: ctx.colors.accent });
  const bullet = item.style === 'bullet' && !extra.bullet ? { bullet: { char: BULLETS[Math.min(item.level, 1)]!, level: item.level } } : {};
  return { ...p, runs: [...lead, ...runs], ...bullet, ...(item.style === 'plain' && ctx.slide.layout !== 'notes' ? { bold: true } : {}) };
}

const plainText = (item: SlideItem) => `${item.marker ?? ''}${item.footnote?.label ?? ''} ${inlineText(item.content, true)}`;

export function itemHeight(ctx: SlideContext, item: SlideItem, sizePx: number, widthPx: number, lineHeight: number): number {
  const indent = item.style === 'bullet' ? sizePx * 1.4 * (item.level + 1) : 0;
  const size = item.level > 0 ? Math.max(ctx.look.theme.font.subitem, sizePx * 0.86) : sizePx;
  return textHeight(ctx, plainText(item), size, widthPx - indent, lineHeight);
}

/** Entries in one text box; the space left over spread around them (`spread`) or under each. */
function listBox(ctx: SlideContext, region: Region, sizePx: number, spread: boolean, name = 'Body'): Shape {
  const { items } = ctx.slide;
  const lineHeight = ctx.look.theme.font.lineHeight;
  const textH = items.reduce((sum, item) => sum + itemHeight(ctx, item, sizePx, region.w, lineHeight), 0);
  const minGap = sizePx * 0.45;
  const around = spread ? Math.max(minGap / 2, Math.min(sizePx * 1.2, (region.h - textH) / (2 * items.length))) : minGap / 2;
  const paragraphs = items.map((item) => entry(ctx, item, sizePx, { spaceBefore: points(around), spaceAfter: points(around) }));
  return { type: 'text', name, box: boxOf(region.x, region.y, region.w, region.h), paragraphs, valign: 'middle' };
}

/** One point in large type, balanced on the slide, an accent bar at its left. */
function statement(ctx: SlideContext, region: Region, sizePx: number): Shape[] {
  const bar = sizePx * 0.16;
  const textX = region.x + bar + sizePx * 0.7;
  const width = region.x + region.w - textX;
  const heights = ctx.slide.items.map((item) => itemHeight(ctx, item, sizePx, width, 1.4) + sizePx * 0.4);
  const h = Math.min(region.h, heights.reduce((a, b) => a + b, 0));
  const y = region.y + (region.h - h) / 2;
  const paragraphs = ctx.slide.items.map((item) => ({ ...entry(ctx, item, sizePx, { lineHeight: 1.4 }), bullet: undefined }));
  return [
    { type: 'rect', name: 'Accent bar', box: boxOf(region.x, y, bar, h), fill: ctx.colors.accent },
    { type: 'text', name: 'Statement', box: boxOf(textX, y, width, h), paragraphs, valign: 'middle' },
  ];
}

/** Two to four short points side by side as cards (two by two for four), an accent rule on top. */
function cards(ctx: SlideContext, region: Region, sizePx: number): Shape[] {
  const { items } = ctx.slide;
  const columns = items.length === 4 ? 2 : items.length;
  const rows = Math.ceil(items.length / columns);
  const { gap, bodyPadEm, ruleEm, lineHeight, padXEm } = ctx.look.theme.cards;
  const pad = sizePx * bodyPadEm;
  const w = (region.w - gap * (columns - 1)) / columns;
  const h = (region.h - pad * 2 - gap * (rows - 1)) / rows;
  return items.flatMap((item, i): Shape[] => {
    const x = region.x + (i % columns) * (w + gap);
    const y = region.y + pad + Math.floor(i / columns) * (h + gap);
    const rule = sizePx * ruleEm;
    return [
      { type: 'text', name: `Card ${i + 1}`, box: boxOf(x, y + rule, w, h - rule), paragraphs: [{ ...entry(ctx, item, sizePx, { lineHeight }), bullet: undefined }], valign: 'middle', fill: ctx.colors.accentSoft, inset: sizePx * padXEm },
      { type: 'rect', name: `Card ${i + 1} rule`, box: boxOf(x, y, w, rule), fill: ctx.colors.accent },
    ];
  });
}

/** The agenda: a row per entry, its number in the accent, a line under it; each links to its section. */
function agenda(ctx: SlideContext, region: Region, sizePx: number): Shape[] {
  const { items } = ctx.slide;
  const rowH = region.h / items.length;
  return items.flatMap((item, i): Shape[] => {
    const y = region.y + i * rowH;
    return [
      { type: 'text', name: `Agenda ${i + 1}`, box: boxOf(region.x, y, region.w, rowH - 1), paragraphs: [{ ...entry(ctx, item, sizePx), bullet: undefined }], valign: 'middle' },
      { type: 'rect', name: `Agenda ${i + 1} line`, box: boxOf(region.x, y + rowH - 1, region.w, 1), fill: ctx.colors.line },
    ];
  });
}

/** A section opener's parts: each a band with an accent edge, stacked in the middle of the body (theme.json "opener"). */
function sectionParts(ctx: SlideContext, region: Region, sizePx: number): Shape[] {
  const o = ctx.look.theme.opener;
  const edge = o.rule;
  const padX = sizePx * o.padXEm;
  const padY = sizePx * o.padYEm;
  const heights = ctx.slide.items.map((item) => itemHeight(ctx, item, sizePx, region.w - edge - 2 * padX, ctx.look.theme.font.lineHeight) + 2 * padY);
  const gap = sizePx * o.afterEm;
  const total = heights.reduce((a, b) => a + b, 0) + gap * (heights.length - 1);
  let y = region.y + Math.max(0, (region.h - total) / 2);
  return ctx.slide.items.flatMap((item, i): Shape[] => {
    const h = heights[i]!;
    const shapes: Shape[] = [
      { type: 'rect', name: `Part ${i + 1} edge`, box: boxOf(region.x, y, edge, h), fill: ctx.colors.accent },
      { type: 'text', name: `Part ${i + 1}`, box: boxOf(region.x + edge, y, region.w - edge, h), paragraphs: [{ ...entry(ctx, item, sizePx), bullet: undefined }], valign: 'middle', fill: ctx.colors.accentSoft, inset: padX },
    ];
    y += h + gap;
    return shapes;
  });
}

/** The body under the header (from `top`, px) down to the bottom padding, in the slide's layout. */
export function bodyShapes(ctx: SlideContext, top: number): Shape[] {
  const { slide: geometry } = ctx.look.theme;
  const region: Region = { x: geometry.paddingX, y: top, w: geometry.width - 2 * geometry.paddingX, h: geometry.height - geometry.paddingBottom - top };
  const size = bodyPx(ctx);
  const shapes: Shape[] = [];
  if (ctx.slide.items.length) {
    switch (ctx.slide.layout) {
      case 'statement':
        shapes.push(...statement(ctx, region, size));
        break;
      case 'cards':
        shapes.push(...cards(ctx, region, size));
        break;
      case 'agenda':
        shapes.push(...agenda(ctx, region, size));
        break;
      case 'section':
        shapes.push(...sectionParts(ctx, region, size));
        break;
      default:
        shapes.push(listBox(ctx, region, size, ctx.slide.layout === 'points'));
    }
  }
  if (ctx.slide.diagram) shapes.push(...graphShapes(ctx, ctx.slide.diagram, region));
  shapes.push(...tableShapes(ctx, region, size), ...imageShapes(ctx, region));
  return shapes;
}
