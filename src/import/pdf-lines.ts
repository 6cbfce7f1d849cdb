// A PDF's text runs → lines in reading order. Pure: runs on one baseline make a line (a raised
// number joins it), a wide gap parts columns, a page in two columns reads left then right. Each
// line's text and spaces are pdf-line-text.ts's; the lines that drop out, pdf-drop-lines.ts's.
import { joinLines } from './text.ts';
import { round, toLine, type DrawnSpace, type Line } from './pdf-line-text.ts';
import type { PdfRun } from './pdf-runs.ts';

export type { PdfRun } from './pdf-runs.ts';

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  runs: PdfRun[];
  /** Images the page paints (a scanned page, a chart): their words are no text to read. */
  images?: number;
  /**
   * The page's glyphs as its text operations draw them, in stream order, spaces only where a
   * space glyph is drawn (a gap made by moving the pen is none): what tells a writer's real space
   * from the gap it leaves between Japanese and Latin text.
   */
  glyphs?: string;
  /** The space glyphs the page draws, where it draws them (pdf.ts). */
  spaces?: DrawnSpace[];
  /** The writer draws a space at the end of a line that breaks at one (somewhere in the document). */
  spacesEndLines?: boolean;
  /** Glyphs it draws that map to no character, with no /ActualText to say what they are (not a sign opening a line: pdf.ts). */
  unmappedGlyphs?: number;
  /** Its link annotations to an http(s) or mailto address: where each is (x1, y1, x2, y2), and the address. */
  links?: Array<{ url: string; rect: [number, number, number, number] }>;
}

/** Runs of a page → lines, each in one column: runs on one baseline (a raised number too), cut where a wide gap parts columns. */
export function pageLines(page: PdfPage, body: number, autospace: boolean): Line[] {
  const stream = new Map(page.runs.map((r, i) => [r, i]));
  const runs = [...page.runs].sort((a, b) => b.size - a.size || b.y - a.y);
  const rows: Array<{ runs: PdfRun[]; y: number; size: number }> = [];
  for (const run of runs) {
    const raised = run.size < body * 0.85 && /^[0-9]{1,3}$/.test(run.text.trim());
    const blank = run.text.trim() === '';
    // Of the rows within reach of its baseline, the one with text beside it, else the nearest: a
    // page in two columns sets lines of both at nearly one height (a list's bullet, set smaller
    // than its words, and the space after it, are within reach of the other column's line too).
    let row: (typeof rows)[number] | undefined;
    let best = Infinity;
    for (const r of rows) {
      const dy = run.y - r.y;
      // A quote, bracket or stop drawn in another font keeps to the line's baseline even where that font's size or rise differ a little.
      // (A drawn marker is set level with its item's words: it joins no larger line beside it.)
      const tolerance = PUNCTUATION.test(run.text) && !run.marker ? Math.max(r.size, run.size) * 0.4 : Math.min(r.size, run.size) * 0.4;
      if (!(raised || blank ? dy > -r.size * 0.3 && dy < r.size * 0.75 : Math.abs(dy) < tolerance)) continue;
      const score = (r.runs.some((o) => besides(o, run)) ? 0 : 1000) + Math.abs(dy);
      if (score < best) [best, row] = [score, r];
    }
    if (blank && !row) row = rows.find((r) => Math.abs(run.y - r.y) < r.size * 0.75);
    if (row) row.runs.push(run);
    else if (!blank) rows.push({ runs: [run], y: run.y, size: run.size });
  }
  rows.sort((a, b) => b.y - a.y);
  const gutters = findGutters(page);
  joinCellWraps(rows, stream, gutters);
  const lines: Line[] = [];
  for (const row of rows) {
    row.runs = inReadingOrder(row.runs, stream);
    let part: PdfRun[] = [];
    for (const run of row.runs) {
      const last = part.at(-1);
      const gap = last ? run.x - (last.x + last.width) : 0;
      // (A gap of an em and a half between runs of another size or weight: a heading beside the
      // other column's text. Columns set closer than 2.5 em part at the page's gutter, or where
      // their baselines differ.)
      const styleChange = last !== undefined && (Math.abs(run.size - last.size) > 0.5 || run.bold !== last.bold);
      const offset = last !== undefined && Math.abs(run.y - last.y) > row.size * 0.15 && !PUNCTUATION.test(run.text) && !PUNCTUATION.test(last.text);
      const atGutter = last !== undefined && gutters.some((g) => last.x + last.width <= g + 1 && run.x >= g - 1);
      if (last && (gap > row.size * 2.5 || (styleChange && gap > Math.min(run.size, last.size) * 1.5) || (gap > row.size * 1.5 && (offset || atGutter)))) {
        lines.push(toLine(page.number, part, baseline(part), body, autospace, page.glyphs, page.spaces));
        part = [];
      }
      part.push(run);
    }
    if (part.length) lines.push(toLine(page.number, part, baseline(part), body, autospace, page.glyphs, page.spaces));
  }
  // A writer that ends in a drawn space a line that breaks at one says where a line breaks inside a word.
  if (page.spacesEndLines) for (const l of lines) l.wrap ??= 'none';
  return lines.sort((a, b) => b.y - a.y || a.x - b.x);
}

const PUNCTUATION = /^\s*[\p{P}\p{S}]{1,2}\s*$/u;

/** Whether two runs stand closer side by side than an em and a half of the larger (a word's space, a marker's indent; not a gutter). */
const besides = (a: PdfRun, b: PdfRun) => Math.max(a.x - (b.x + b.width), b.x - (a.x + a.width), 0) < Math.max(a.size, b.size) * 1.5;

/** A list item's marker alone, set apart from its text by a hanging indent: "•", "1.", "(a)". */
const MARKER_ALONE = /^(?:[•・●○◦▪▫■□◆◇‣⁃∙\uf0b7\uf0a7\uf076\uf0d8*–—-]|[(（]?[0-9０-９]{1,3}[.)）．]?|[(（]?[A-Za-z][.)）])$/u;

/**
 * A table's cells whose text wraps: a row whose text stands only under cells of the row above
 * (runs parted by an em and a half or more), none under its first (a row's first cell starts a
 * new row), each starting at its cell's left edge a line's height under that cell's last line,
 * goes on in those cells ("コアデータモデルに土" / "地、建物、設備を追加"): the cell's last run
 * takes its text. Not a list item's marker and its text, nor a page's two columns. (A table's
 * row lines up its cells on one baseline; a cell's own lines follow each other in it.)
 */
function joinCellWraps(rows: Array<{ runs: PdfRun[]; y: number; size: number }>, stream: Map<PdfRun, number>, gutters: number[]): void {
  const lowest = new Map<PdfRun, number>(); // a cell's run that took the lines under it: the last one's baseline
  for (let i = 1; i < rows.length; i++) {
    const above = rows[i - 1]!.runs.filter((r) => r.text.trim() !== '').sort((a, b) => a.x - b.x);
    const em = rows[i - 1]!.size;
    const cells: PdfRun[][] = [];
    for (const run of above) {
      const cell = cells.at(-1);
      // (A run may lie inside another: a quote drawn in the gap a Japanese item left.)
      if (cell && run.x - Math.max(...cell.map((r) => r.x + r.width)) < em * 1.5) cell.push(run);
      else cells.push([run]);
    }
    // (A list item's marker parted from its text by a hanging indent is no cell: its lines are the item's, joined in the flow.)
    // (Nor are a page's columns, parted at a gutter.)
    const atGutter = cells.some((c, k) => k > 0 && gutters.some((g) => c[0]!.x >= g - 1 && Math.max(...cells[k - 1]!.map((r) => r.x + r.width)) <= g + 1));
    if (cells.length < 2 || atGutter || MARKER_ALONE.test(cells[0]!.map((r) => r.text).join('').trim())) continue;
    const below = rows[i]!.runs.filter((r) => r.text.trim() !== '').sort((a, b) => a.x - b.x);
    const cellOf = (r: PdfRun) => cells.findIndex((c, k) => r.x >= c[0]!.x - em * 0.1 && (k === cells.length - 1 || r.x + r.width <= cells[k + 1]![0]!.x + em * 0.1));
    const parts = new Map<number, PdfRun[]>();
    for (const r of below) parts.set(cellOf(r), [...(parts.get(cellOf(r)) ?? []), r]);
    const wraps = [...parts].every(([k, runs]) => {
      if (k < 1) return false;
      const cell = cells[k]!;
      const lastY = Math.min(...cell.map((r) => lowest.get(r) ?? r.y));
      const dy = lastY - Math.max(...runs.map((r) => r.y));
      return Math.abs(runs[0]!.x - cell[0]!.x) < em * 0.1 && dy > em * 0.9 && dy < em * 1.5;
    });
    if (!wraps || parts.size === 0) continue;
    for (const [k, runs] of parts) {
      const last = cells[k]!.reduce((a, b) => (b.x + b.width > a.x + a.width ? b : a));
      const joined: PdfRun = { ...last, text: joinLines(last.text, runs.map((r) => r.text).join(' ')) };
      stream.set(joined, stream.get(last)!);
      lowest.set(joined, Math.min(...runs.map((r) => r.y)));
      const row = rows[i - 1]!.runs;
      row[row.indexOf(last)] = joined;
    }
    rows.splice(i, 1);
    i--;
  }
}

/**
 * The gutters of a page set in columns: three columns' two (one about a third of the way across,
 * one about two thirds), else two columns' one (in the page's middle) — each an x that at most
 * one run in twenty crosses, with at least ten runs wholly in each column.
 */
function findGutters(page: PdfPage): number[] {
  const runs = page.runs.filter((r) => r.text.trim() !== '');
  const spans = runs.map((r) => ({ x: r.x, end: r.x + r.width }));
  const size = runs.map((r) => r.size).sort((a, b) => a - b)[runs.length >> 1] ?? 10;
  const gutters = columnGutters(spans, page.width, 1, size * 0.4, (crossing) => crossing <= runs.length / 20);
  const columns = [-Infinity, ...gutters, Infinity];
  return columns.slice(1).every((g, k) => spans.filter((r) => r.x >= columns[k]! - 1 && r.end <= g + 1).length >= 10) ? gutters : [];
}

/**
 * Where a page's columns part: three columns' two gutters — in each third's range the x whose
 * band `wide` either side of it the fewest spans reach into (a gutter is white: Japanese type
 * set on a grid leaves a hair between any two glyphs, no band) — else two columns' one, the x in
 * the middle the fewest spans cross (by more than `margin`); each where `few` holds of that many.
 */
function columnGutters(spans: Array<{ x: number; end: number }>, width: number, margin: number, wide: number, few: (crossing: number) => boolean): number[] {
  const least = (from: number, to: number, crosses: (s: { x: number; end: number }, x: number) => boolean) => {
    let best = { x: width * from, crossing: Infinity };
    for (let x = width * from; x <= width * to; x += 1) {
      const crossing = spans.filter((s) => crosses(s, x)).length;
      if (crossing < best.crossing) best = { x, crossing };
    }
    return best;
  };
  const reaches = (s: { x: number; end: number }, x: number) => s.x < x + wide && s.end > x - wide;
  const three = [least(0.22, 0.45, reaches), least(0.55, 0.78, reaches)];
  const between = spans.filter((s) => s.x >= three[0]!.x && s.end <= three[1]!.x).length;
  // (Three columns about as wide as each other: not a narrow column of short lines, a list's, beside two.)
  const edges = [Math.min(...spans.map((s) => s.x)), three[0]!.x, three[1]!.x, Math.max(...spans.map((s) => s.end))];
  const widths = edges.slice(1).map((e, k) => e - edges[k]!);
  const even = Math.max(...widths) < Math.min(...widths) * 1.5;
  if (three.every((g) => few(g.crossing)) && between >= 3 && even) return three.map((g) => g.x);
  const two = least(0.35, 0.65, (s, x) => s.x < x - margin && s.end > x + margin);
  return few(two.crossing) ? [two.x] : [];
}

/**
 * A row's runs left to right; runs that start at the same place (within a tenth of an em: a
 * quote and the text it opens, overlapping by the writer's kerning) keep the content stream's order.
 */
function inReadingOrder(runs: PdfRun[], stream: Map<PdfRun, number>): PdfRun[] {
  const ordered = [...runs].sort((a, b) => stream.get(a)! - stream.get(b)!);
  // An insertion sort by x that moves a run before another only where it starts clearly left of it.
  for (let i = 1; i < ordered.length; i++) {
    const run = ordered[i]!;
    let j = i;
    while (j > 0 && run.x < ordered[j - 1]!.x - Math.min(run.size, ordered[j - 1]!.size) * 0.1) {
      ordered[j] = ordered[j - 1]!;
      j--;
    }
    ordered[j] = run;
  }
  return ordered;
}

/** A line's baseline: its largest run's. */
const baseline = (runs: PdfRun[]) => runs.reduce((a, b) => (b.size > a.size ? b : a)).y;

/** Reading order: a page in columns reads its left column, then the next to its right (bands between lines across them). */
export function readingOrder(lines: Line[], width: number): Line[] {
  const crosses = (l: Line, x: number) => l.x < x - 2 && l.end > x + 2;
  const size = lines.map((l) => l.size).sort((a, b) => a - b)[lines.length >> 1] ?? 10;
  const gutters = columnGutters(lines.map((l) => ({ x: l.x, end: l.end })), width, 2, size * 0.4, (crossing) => crossing <= lines.length * 0.15);
  const bounds = [-Infinity, ...gutters, Infinity];
  const columnOf = (l: Line) => gutters.filter((g) => l.x >= g - 2).length;
  const counts = bounds.slice(1).map((_, k) => lines.filter((l) => columnOf(l) === k && !gutters.some((g) => crosses(l, g))).length);
  if (!gutters.length || counts.some((n) => n < 3)) {
    const edge = Math.min(...lines.map((l) => l.x));
    return lines.map((l) => ({ ...l, left: edge }));
  }
  const ordered: Line[] = [];
  let band: Line[] = [];
  const flush = () => {
    // A column's edge is where its text starts: not a page's number, centred under the gutter.
    const edge = (c: Line[]) => Math.min(...(c.some((x) => !FOLIO.test(x.text)) ? c.filter((x) => !FOLIO.test(x.text)) : c).map((x) => x.x));
    for (let k = 0; k <= gutters.length; k++) {
      const column = band.filter((l) => columnOf(l) === k);
      if (column.length) ordered.push(...column.map((x) => ({ ...x, left: edge(column) })));
    }
    band = [];
  };
  for (const line of lines) {
    if (gutters.some((g) => crosses(line, g))) {
      flush();
      ordered.push({ ...line, left: line.x });
    } else band.push(line);
  }
  flush();
  return ordered;
}

/** A page's number alone on its line ("2", "- 2 -"). */
const FOLIO = /^[\s\-–—]*[0-9]{1,4}[\s\-–—]*$/u;

/** The most common size of the text, counted by characters: the body's size. */
export function bodySize(pages: PdfPage[]): number {
  const count = new Map<number, number>();
  for (const run of pages.flatMap((p) => p.runs)) count.set(round(run.size), (count.get(round(run.size)) ?? 0) + run.text.length);
  return [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}
