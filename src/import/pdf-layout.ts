// A PDF's lines in reading order → the memo's blocks. Pure: type size and weight make headings
// (their level by size), a raised small number is a note reference and starts its note at the
// page's foot, list items come from their markers or their indent, and lines broken inside a
// sentence join.
import { AUTOSPACING_WRITERS, BULLET, SENTENCE_END, bodySize, dropMargins, pageLines, readingOrder, type Line, type PdfPage } from './pdf-lines.ts';
import { END_MARK, joinLines, type Dropped, type RawBlock, type RawFootnote, type RawMemo } from './text.ts';

export type { PdfPage, PdfRun } from './pdf-lines.ts';

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
  // Where each column's lines end at the most: a line ending well short of it ended its paragraph.
  const columnEnd = new Map<string, number>();
  for (const l of lines) columnEnd.set(`${l.page}/${l.left}`, Math.max(columnEnd.get(`${l.page}/${l.left}`) ?? 0, l.end));
  const fullWidth = (l: Line) => columnEnd.get(`${l.page}/${l.left}`)!;
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
