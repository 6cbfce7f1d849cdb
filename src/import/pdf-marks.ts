// A list's markers that a PDF draws as shapes, not glyphs: Chromium prints a bullet as a small
// filled circle (a hollow one a level down) painted left of the item's first line, with no
// character for it in the text. Read as text, the items then have nothing to part them, and a
// section's points ran into one block. Each such mark, at the start of a line, becomes the marker
// it stands for — a run "•" (or "◦") where it is drawn — and the layout reads the item as it reads
// a bullet a writer set as a glyph.
import type { Matrix } from './pdf-matrix.ts';
import type { PdfRun } from './pdf-runs.ts';

/** A small shape a page paints: its box on the page, and whether it is filled or only stroked. */
export interface DrawnMark {
  x: number;
  y: number;
  width: number;
  height: number;
  filled: boolean;
}

/** A marker's size, points: a bullet is a few points across (from one: a disc at .6 em of 10 pt type is 1.5), and about as tall as wide. */
const MARK = { min: 1, max: 8 };

/**
 * The shape a path operation paints, if it is a small, square-ish one filled or stroked: pdf.js's
 * constructPath arguments ([how it is painted, [path], [minX, minY, maxX, maxY]], pdf.js 5), placed
 * on the page by `ctm` (the page's one walk of its operations, pdf.ts, keeps the matrix).
 */
export function pathMark(args: unknown[], ctm: Matrix, OPS: Record<string, number>): DrawnMark | undefined {
  const paint = Number(args[0]);
  const filled = [OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke].includes(paint);
  const box = args[2] as ArrayLike<number> | null | undefined;
  if (!box || box.length !== 4 || !(filled || paint === OPS.stroke || paint === OPS.closeStroke)) return undefined;
  const at = (x: number, y: number) => [ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5]] as const;
  const [ax, ay] = at(box[0]!, box[1]!);
  const [bx, by] = at(box[2]!, box[3]!);
  const width = Math.abs(bx - ax);
  const height = Math.abs(by - ay);
  const square = Math.abs(width - height) <= 0.25 * Math.max(width, height);
  return square && width >= MARK.min && width <= MARK.max ? { x: Math.min(ax, bx), y: Math.min(ay, by), width, height, filled } : undefined;
}

/**
 * The runs with a marker run before each line that a drawn mark opens: the mark set before the
 * line's first run (within two and a half ems), level with its text (its middle between the
 * baseline and the top of the type), and no words of the line just before it (another column's
 * line on the same baseline ends an em and a half or more away).
 */
export function markBullets(runs: PdfRun[], marks: DrawnMark[]): PdfRun[] {
  if (marks.length === 0) return runs;
  const before = new Map<PdfRun, PdfRun>();
  for (const mark of marks) {
    const middle = mark.y + mark.height / 2;
    const level = (r: PdfRun) => middle > r.y - r.size * 0.1 && middle < r.y + r.size * 0.8;
    const right = mark.x + mark.width;
    const first = runs.filter((r) => level(r) && r.x >= right && r.x - right < r.size * 2.5).sort((a, b) => a.x - b.x)[0];
    if (!first || before.has(first) || runs.some((r) => Math.abs(r.y - first.y) < r.size * 0.3 && r.x < mark.x && r.x + r.width > mark.x - r.size * 1.5)) continue;
    before.set(first, { text: mark.filled ? '•' : '◦', x: mark.x, y: first.y, width: mark.width, size: first.size, bold: false, marker: true });
  }
  return runs.flatMap((r) => (before.has(r) ? [before.get(r)!, r] : [r]));
}
