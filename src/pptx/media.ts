// A slide's table and image in the presentation model (templates/theme.css .bd-table, .bd-image):
// a native PowerPoint table, its header row in the accent's tint; a picture as large as the body
// allows, its text as the caption under it.
import { inlineText } from '../model/content.ts';
import { displayWidth } from '../model/text.ts';
import { boxOf, inches, paragraph, type Region, type Shape, type SlideContext } from './model.ts';

/** The table's type and cell padding at `sizePx` (theme.json `table`, as theme.css lays it out). */
function cellGeometry(ctx: SlideContext, sizePx: number): { lineHeight: number; padX: number; padY: number } {
  const { lineHeight, padXEm, padYEm } = ctx.look.theme.table;
  return { lineHeight, padX: sizePx * padXEm, padY: sizePx * padYEm };
}

/** A table's columns (px) in `width`, and its height at `sizePx`: each row as tall as its longest cell wraps. */
function measureTable(ctx: SlideContext, width: number, sizePx: number): { columns: number[]; height: number; count: number } {
  const table = ctx.slide.table!;
  const all = [table.header, ...table.rows.map((r) => r.cells)];
  const count = Math.max(...all.map((r) => r.length));
  // Columns as wide as their longest cell asks, in the body's width (at least a tenth each).
  const wants = Array.from({ length: count }, (_, c) => Math.max(2, ...all.map((r) => displayWidth(inlineText(r[c] ?? [])))));
  const total = wants.reduce((a, b) => a + b, 0);
  const shares = wants.map((w) => Math.max(0.1, w / total));
  const columns = shares.map((s) => (s / shares.reduce((a, b) => a + b, 0)) * width);
  const { lineHeight, padX, padY } = cellGeometry(ctx, sizePx);
  const rowHeight = (cells: Parameters<typeof paragraph>[1][]) => Math.max(...cells.map((content, c) => Math.max(1, Math.ceil((displayWidth(inlineText(content)) * sizePx) / Math.max(1, columns[c]! - 2 * padX))))) * sizePx * lineHeight + 2 * padY;
  return { columns, count, height: all.reduce((sum, r) => sum + rowHeight(r), 0) };
}

/**
 * The table's height (px) in a box `width` wide at `sizePx`, what a layout fits its type to;
 * Infinity when a word of a cell is wider than its column (a reader would break it, "Colu|mn").
 */
export function tableHeight(ctx: SlideContext, width: number, sizePx: number): number {
  const table = ctx.slide.table;
  if (!table) return 0;
  const { columns, height } = measureTable(ctx, width, sizePx);
  const { padX } = cellGeometry(ctx, sizePx);
  const rows = [table.header, ...table.rows.map((r) => r.cells)];
  // (The header is bold: a little wider.)
  const longest = (c: number) => Math.max(0, ...rows.map((r, i) => Math.max(0, ...inlineText(r[c] ?? []).split(/\s+/).map((word) => displayWidth(word) * (i === 0 ? 1.08 : 1)))));
  return columns.every((w, c) => longest(c) * sizePx <= w - 2 * padX) ? height : Infinity;
}

export function tableShapes(ctx: SlideContext, region: Region, sizePx: number): Shape[] {
  const table = ctx.slide.table;
  if (!table) return [];
  const { columns, count, height } = measureTable(ctx, region.w, sizePx);
  const { lineHeight, padX, padY } = cellGeometry(ctx, sizePx);
  const align = (c: number) => (table.align[c] === 'right' ? 'right' : table.align[c] === 'center' ? 'center' : 'left') as 'left' | 'center' | 'right';
  const cell = (content: Parameters<typeof paragraph>[1], c: number, bold: boolean) => ({ ...paragraph(ctx, content, sizePx, { lineHeight, ...(bold ? { bold: true } : {}) }), align: align(c) });
  const y = region.y + Math.max(0, (region.h - height) / 2);
  return [
    {
      type: 'table',
      name: 'Table',
      box: boxOf(region.x, y, region.w, Math.min(height, region.h)),
      columns: columns.map(inches),
      header: Array.from({ length: count }, (_, c) => cell(table.header[c] ?? [], c, true)),
      rows: table.rows.map((r) => Array.from({ length: count }, (_, c) => cell(r.cells[c] ?? [], c, false))),
      // Its name for a screen reader: the slide's title, as the deck's table sits under it.
      alt: inlineText(ctx.slide.title, true),
      headerFill: ctx.colors.accentSoft,
      rule: ctx.colors.accent,
      line: ctx.colors.line,
      insetX: padX,
      insetY: padY,
      ruleWidth: ctx.look.theme.table.headRule,
      lineWidth: ctx.look.theme.table.rule,
    },
  ];
}

export function imageShapes(ctx: SlideContext, region: Region): Shape[] {
  const image = ctx.slide.image;
  if (!image) return [];
  const { font } = ctx.look.theme;
  const captionH = image.alt.trim() ? font.small * ctx.look.theme.font.lineHeight + font.small * 0.4 : 0;
  const caption: Shape[] = captionH
    ? [{ type: 'text', name: 'Caption', box: boxOf(region.x, region.y + region.h - captionH, region.w, captionH), paragraphs: [paragraph(ctx, [{ type: 'text', text: image.alt }], font.small, { color: ctx.colors.muted, align: 'center' })], valign: 'bottom' }]
    : [];
  const picture = ctx.look.image?.(image.src);
  if (!picture) return caption;
  const room = { w: region.w, h: region.h - captionH };
  const scale = Math.min(room.w / picture.width, room.h / picture.height);
  const w = picture.width * scale;
  const h = picture.height * scale;
  return [{ type: 'image', name: 'Image', box: boxOf(region.x + (region.w - w) / 2, region.y + (room.h - h) / 2, w, h), data: picture.src, alt: image.alt }, ...caption];
}
