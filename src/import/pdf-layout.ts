// A PDF's text runs → the memo's blocks. Pure: type size and weight make headings (their level
// by size), the page's head and foot lose running headers and page numbers, a raised small
// number is a note reference and starts its note at the page's foot, two columns read left
// then right, and lines broken inside a sentence join.
import { END_MARK, joinLines, refMark, type Dropped, type RawBlock, type RawFootnote, type RawMemo } from './text.ts';

export interface PdfRun {
  text: string;
  /** Baseline start, in PDF units (y grows upwards). */
  x: number;
  y: number;
  width: number;
  size: number;
  bold: boolean;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  runs: PdfRun[];
}

interface Line {
  page: number;
  x: number;
  end: number;
  y: number;
  size: number;
  bold: boolean;
  text: string;
  /** The line opens with a raised small number: a note's start. */
  noteStart?: string;
  /** The column's left edge. */
  left: number;
}

const BULLET = /^[•・●○◦▪▫■□◆◇‣⁃∙\uf0b7\uf0a7\uf076\uf0d8*–—-](?:\s+|(?=\S))/u;
const PAGE_NUMBER = /^(?:(?:page|p\.)\s*)?[-–—]?\s*[0-9]{1,4}\s*[-–—]?(?:\s*(?:\/|of)\s*[0-9]{1,4})?$/iu;
const SENTENCE_END = /[。．.!?！？」』）)]$/u;
const round = (n: number) => Math.round(n * 2) / 2;

/** Runs of a page → lines, each in one column: runs on one baseline (a raised number too), cut where a wide gap parts columns. */
function pageLines(page: PdfPage, body: number, autospace: boolean): Line[] {
  const runs = [...page.runs].sort((a, b) => b.size - a.size || b.y - a.y);
  const rows: Array<{ runs: PdfRun[]; y: number; size: number }> = [];
  for (const run of runs) {
    const raised = run.size < body * 0.85 && /^[0-9]{1,3}$/.test(run.text.trim());
    const blank = run.text.trim() === '';
    // Rows are few per page; the nearest ones are the last made.
    let row: (typeof rows)[number] | undefined;
    for (let i = rows.length - 1; i >= Math.max(0, rows.length - 80) && !row; i--) {
      const r = rows[i]!;
      const dy = run.y - r.y;
      if (raised || blank ? dy > -r.size * 0.3 && dy < r.size * 0.75 : Math.abs(dy) < Math.min(r.size, run.size) * 0.4) row = r;
    }
    if (blank && !row) row = rows.find((r) => Math.abs(run.y - r.y) < r.size * 0.75);
    if (row) row.runs.push(run);
    else if (!blank) rows.push({ runs: [run], y: run.y, size: run.size });
  }
  rows.sort((a, b) => b.y - a.y);
  const lines: Line[] = [];
  for (const row of rows) {
    row.runs.sort((a, b) => a.x - b.x);
    let part: PdfRun[] = [];
    for (const run of row.runs) {
      const last = part.at(-1);
      if (last && run.x - (last.x + last.width) > row.size * 2.5) {
        lines.push(toLine(page.number, part, baseline(part), body, autospace));
        part = [];
      }
      part.push(run);
    }
    if (part.length) lines.push(toLine(page.number, part, baseline(part), body, autospace));
  }
  return lines.sort((a, b) => b.y - a.y || a.x - b.x);
}

/** Kangxi and supplementary radicals (U+2E80–U+2FDF), which some fonts' maps give for common kanji ("⼦"), as the kanji ("子"). */
const unifyRadicals = (text: string) => text.replace(/[\u2e80-\u2fdf]/gu, (c) => c.normalize('NFKC'));

/** A line's baseline: its largest run's. */
const baseline = (runs: PdfRun[]) => runs.reduce((a, b) => (b.size > a.size ? b : a)).y;

/**
 * Is the gap between two runs a word space? The space runs pdf.js gives are not trusted (it makes
 * them up for gaps, and LibreOffice leaves a quarter-em gap between Japanese and Latin text):
 * the gap itself tells, wider beside Japanese text or a curly quote.
 */
const WIDE_CHAR = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201f]/u;
function isSpace(before: string, after: string, gap: number, size: number, autospace: boolean): boolean {
  return gap > size * (autospace && (WIDE_CHAR.test(before) || WIDE_CHAR.test(after)) ? 0.3 : 0.12);
}

/**
 * Does the writer space Japanese from Latin text by itself, a quarter em (LibreOffice and Word
 * do; browsers do not)? Its PDF says who wrote it.
 */
export const AUTOSPACING_WRITERS = /LibreOffice|OpenOffice|Microsoft|Word|Ichitaro|一太郎/i;


function toLine(page: number, runs: PdfRun[], y: number, body: number, autospace: boolean): Line {
  const main = runs.filter((r) => r.text.trim() !== '');
  const size = Math.max(...main.map((r) => r.size));
  let text = '';
  let noteStart: string | undefined;
  let lastEnd: number | undefined;
  for (const run of runs) {
    if (run.text.trim() === '') continue;
    const raised = run.size < size * 0.85 && run.y > y + size * 0.15 && /^[0-9]{1,3}$/.test(run.text.trim());
    if (raised && text.trim() === '') {
      noteStart = run.text.trim();
      lastEnd = run.x + run.width;
      continue;
    }
    const piece = raised ? refMark(run.text.trim()) : run.text;
    if (text && !raised && lastEnd !== undefined && !/\s$/.test(text) && !/^\s/.test(piece) && isSpace(text.at(-1)!, piece[0]!, run.x - lastEnd, size, autospace)) text += ' ';
    text += piece;
    lastEnd = run.x + run.width;
  }
  const weighted = (pick: (r: PdfRun) => boolean) => main.filter(pick).reduce((n, r) => n + r.text.length, 0);
  return {
    page,
    x: runs[0]!.x,
    end: Math.max(...runs.map((r) => r.x + r.width)),
    y,
    size: round(Math.max(...main.filter((r) => r.size >= body * 0.85).map((r) => r.size), size)),
    bold: weighted((r) => r.bold) >= weighted(() => true) * 0.9 && weighted(() => true) > 0,
    text: unifyRadicals(text.replace(/\s+/g, ' ').trim()),
    ...(noteStart ? { noteStart } : {}),
    left: 0,
  };
}

/** Reading order: a page in two columns reads its left column, then its right (bands between full-width lines). */
function readingOrder(lines: Line[], width: number): Line[] {
  const mid = width / 2;
  const crosses = (l: Line, x: number) => l.x < x - 2 && l.end > x + 2;
  let best = { x: mid, crossing: Infinity };
  for (let x = width * 0.35; x <= width * 0.65; x += 2) {
    const crossing = lines.filter((l) => crosses(l, x)).length;
    if (crossing < best.crossing) best = { x, crossing };
  }
  const left = lines.filter((l) => l.end <= best.x + 2);
  const right = lines.filter((l) => l.x >= best.x - 2);
  const columns = left.length >= 3 && right.length >= 3 && best.crossing <= lines.length * 0.15;
  if (!columns) {
    const edge = Math.min(...lines.map((l) => l.x));
    return lines.map((l) => ({ ...l, left: edge }));
  }
  const ordered: Line[] = [];
  let band: Line[] = [];
  const flush = () => {
    const l = band.filter((x) => x.end <= best.x + 2);
    const r = band.filter((x) => !l.includes(x));
    const edge = (c: Line[]) => Math.min(...c.map((x) => x.x));
    ordered.push(...l.map((x) => ({ ...x, left: edge(l) })), ...r.map((x) => ({ ...x, left: edge(r) })));
    band = [];
  };
  for (const line of lines) {
    if (crosses(line, best.x)) {
      flush();
      ordered.push({ ...line, left: line.x });
    } else band.push(line);
  }
  flush();
  return ordered;
}

/** The most common size of the text, counted by characters: the body's size. */
function bodySize(pages: PdfPage[]): number {
  const count = new Map<number, number>();
  for (const run of pages.flatMap((p) => p.runs)) count.set(round(run.size), (count.get(round(run.size)) ?? 0) + run.text.length);
  return [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

/** Lines in the page's head or foot that repeat over pages, or are page numbers. */
function dropMargins(pages: Line[][], heights: number[], dropped: Dropped[]): Line[][] {
  const band = (l: Line, i: number) => l.y > heights[i]! * 0.92 || l.y < heights[i]! * 0.08;
  const key = (l: Line) => l.text.replace(/[0-9]+/g, '#');
  const seen = new Map<string, number>();
  pages.forEach((lines, i) => new Set(lines.filter((l) => band(l, i)).map(key)).forEach((k) => seen.set(k, (seen.get(k) ?? 0) + 1)));
  const repeated = (l: Line) => pages.length > 1 && (seen.get(key(l)) ?? 0) >= Math.max(2, pages.length / 2);
  return pages.map((lines, i) =>
    lines.filter((l) => {
      if (!band(l, i)) return true;
      const why = PAGE_NUMBER.test(l.text) ? 'page number' : repeated(l) ? (l.y > heights[i]! / 2 ? 'running header' : 'running footer') : undefined;
      if (why) dropped.push({ line: l.page, page: l.page, text: l.text, why });
      return !why;
    }),
  );
}

interface Flow {
  blocks: RawBlock[];
  footnotes: RawFootnote[];
}

/** Heading styles, largest first: a size above the body's, or bold at the body's size on a short line. */
function headingLevels(lines: Line[], body: number): Map<string, number> {
  const styles = new Set<string>();
  for (const l of lines) if (isHeadingStyle(l, body)) styles.add(styleKey(l));
  const sorted = [...styles].sort((a, b) => Number(b.split('/')[0]) - Number(a.split('/')[0]) || (b.endsWith('b') ? 1 : 0) - (a.endsWith('b') ? 1 : 0));
  return new Map(sorted.map((s, i) => [s, i + 1]));
}
const styleKey = (l: Line) => `${l.size}/${l.bold ? 'b' : ''}`;
const isHeadingStyle = (l: Line, body: number) => !l.noteStart && (l.size > body * 1.1 || (l.bold && l.size >= body * 0.95)) && !/[。、，,;；]$/u.test(l.text) && l.text.length < 120;

/** Lines in reading order → headings, list items, paragraphs and notes. */
function flow(lines: Line[], body: number, dropped: Dropped[]): Flow {
  const levels = headingLevels(lines, body);
  // Item indents (from the column's edge) in order: their rank is the item's depth.
  const indents: number[] = [];
  for (const l of lines) {
    const indent = l.x - l.left;
    if (!levels.has(styleKey(l)) && BULLET.test(l.text) && !indents.some((i) => Math.abs(i - indent) < 4)) indents.push(indent);
  }
  indents.sort((a, b) => a - b);
  const depthOf = (indent: number) => Math.max(0, indents.findIndex((i) => Math.abs(i - indent) < 4));
  const blocks: RawBlock[] = [];
  const footnotes: RawFootnote[] = [];
  let open: (RawBlock & { x: number; style?: string; lastY: number; lastEnd: number; lastPage: number; glyphless?: boolean }) | undefined;
  let note: RawFootnote | undefined;
  let notesPage = 0;
  let previous: Line | undefined;
  const fullWidth = (l: Line) => {
    const widths = lines.filter((x) => x.left === l.left && x.page === l.page).map((x) => x.end);
    return Math.max(...widths);
  };
  for (const line of lines) {
    if (END_MARK.test(line.text)) {
      dropped.push({ line: line.page, page: line.page, text: line.text, why: 'end mark' });
      continue;
    }
    // Notes: from a line opening with a note number (raised, or small type "1." at the foot) to the page's end.
    const smallNote = line.size < body * 0.9 && /^([0-9]{1,3})[.)]?\s+\S/u.exec(line.text);
    if (line.noteStart || (smallNote && (note || notesPage === line.page || !previous || previous.size >= body * 0.9))) {
      const label = line.noteStart ?? (smallNote as RegExpExecArray)[1]!;
      const text = line.noteStart ? line.text : line.text.replace(/^[0-9]{1,3}[.)]?\s+/u, '');
      note = { label, text, line: line.page };
      footnotes.push(note);
      notesPage = line.page;
      // The body's open paragraph or item goes on after the notes, on the next page.
      continue;
    }
    if (note && line.page === notesPage && !levels.has(styleKey(line))) {
      note.text = /^https?:\/\//.test(line.text) ? `${note.text} ${line.text}` : joinLines(note.text, line.text);
      continue;
    }
    note = undefined;
    const style = levels.get(styleKey(line));
    const gap = open ? open.lastY - line.y : 0;
    const sameFlow = open && open.lastPage === line.page && gap > 0 && gap < line.size * 1.9;
    const endedShort = previous && SENTENCE_END.test(previous.text.replace(/\uE000[^\uE001]*\uE001$/u, '')) && previous.end < fullWidth(previous) - line.size * 1.5;
    if (style) {
      if (open?.kind === 'heading' && open.style === styleKey(line) && sameFlow) {
        open.text = joinLines(open.text, line.text);
      } else {
        open = { kind: 'heading', text: line.text, line: line.page, level: style, x: line.x, style: styleKey(line), lastY: line.y, lastEnd: line.end, lastPage: line.page };
        blocks.push(open);
      }
    } else if (BULLET.test(line.text)) {
      open = { kind: 'bullet', text: line.text.replace(BULLET, ''), line: line.page, depth: depthOf(line.x - line.left), x: line.x, lastY: line.y, lastEnd: line.end, lastPage: line.page };
      blocks.push(open);
    } else {
      const indent = line.x - line.left;
if (process.env.DBG) console.error(JSON.stringify(line.text), line.x, line.left, line.end, line.y, open?.lastY, endedShort, sameFlow);
      // An item without a marker ends with its sentence: the next line cannot tell otherwise.
      const itemEnds = open?.glyphless && previous && SENTENCE_END.test(previous.text.replace(/\uE000[^\uE001]*\uE001$/u, ''));
      const continues = open && open.kind !== 'heading' && !endedShort && !itemEnds && (sameFlow || open.lastPage !== line.page);
      if (continues) {
        open!.text = joinLatinHyphen(open!.text, line.text);
      } else {
        // An indented line that starts a block is a list item whose marker the PDF does not hold as text.
        const item = indent > line.size * 1.2;
        open = { kind: item ? 'bullet' : 'text', text: line.text, line: line.page, ...(item ? { depth: depthOf(indent), glyphless: true } : {}), x: line.x, lastY: line.y, lastEnd: line.end, lastPage: line.page };
        if (item && !indents.some((i) => Math.abs(i - indent) < 4)) {
          indents.push(indent);
          indents.sort((a, b) => a - b);
          open.depth = depthOf(indent);
        }
        blocks.push(open);
      }
    }
    open!.lastY = line.y;
    open!.lastEnd = line.end;
    open!.lastPage = line.page;
    previous = line;
  }
  return { blocks: blocks.map(({ kind, text, line, level, depth }) => ({ kind, text, line, ...(level ? { level } : {}), ...(depth !== undefined ? { depth } : {}) })), footnotes };
}

/** A Latin word hyphenated at the line's end ("average-" + "speed") keeps its hyphen, without a space. */
function joinLatinHyphen(previous: string, next: string): string {
  return /[A-Za-z]-$/.test(previous) && /^[a-z]/.test(next) ? `${previous}${next}` : joinLines(previous, next);
}

export function layoutPdf(pages: PdfPage[], writer = ''): RawMemo {
  const dropped: Dropped[] = [];
  const body = bodySize(pages);
  const autospace = AUTOSPACING_WRITERS.test(writer);
  const byPage = pages.map((p) => pageLines(p, body, autospace));
  const kept = dropMargins(byPage, pages.map((p) => p.height), dropped);
  const ordered = kept.flatMap((lines, i) => readingOrder(lines, pages[i]!.width));
  const { blocks, footnotes } = flow(ordered, body, dropped);
  // A raised number that names no note is the text's own digit.
  const labels = new Set(footnotes.map((f) => f.label));
  for (const b of blocks) b.text = b.text.replace(/\uE000([^\uE001]*)\uE001/gu, (all, label: string) => (labels.has(label) ? all : label));
  return { blocks, footnotes, dropped };
}
