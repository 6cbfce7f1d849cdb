// A second reading of a PDF's text, for the import report: the page's text items in the order
// the content stream draws them, not the order the line reconstruction (pdf-lines.ts: rows by
// baseline, sorted by x, columns) puts them in. Pure.
//
// Consecutive items make one "stream line" while they stay on one baseline and go on to the
// right (not back before the last one's start); a new one starts where the baseline changes, x
// goes back, or a gap wider than 2.5 em parts them with nothing drawn in it (table cells,
// columns). A gap the stream skips, to draw its glyphs later in another font (LibreOffice draws a
// line's quotes after its Japanese text), is read with the glyphs drawn in it. Small raised digits (note references) and readings set
// above kanji (ruby) are left out.
//
// Where the reconstruction is right, each stream line is a piece of its text, in order.
import { glyphText } from './pdf-glyphs.ts';
import { isRubyOver } from './pdf-drop-lines.ts';
import { sameBaseline } from './pdf-runs.ts';
import type { PdfPage, PdfRun } from './pdf-lines.ts';

import { BLOCK, type WitnessUnit } from './witness-unit.ts';

const GAP_EM = 2.5;
const DIGITS = /^\s*[0-9]{1,3}\s*$/u;

/** Is the run a small number raised above the baseline of the run it follows or precedes? */
function raisedDigits(run: PdfRun, near: PdfRun | undefined): boolean {
  return near !== undefined && DIGITS.test(run.text) && run.size < near.size * 0.85 && run.y - near.y > near.size * 0.15 && run.y - near.y < near.size * 0.75;
}

interface StreamLine {
  text: string;
  x: number;
  end: number;
  y: number;
  size: number;
  main: number;
  sizes: number[];
}

/** The stream lines of the pages, page by page. */
export function pdfWitness(pages: PdfPage[]): WitnessUnit[] {
  return pages.flatMap((page) => {
    const lines = streamLines(page);
    const units: WitnessUnit[] = lines.map(({ text, x, end, y, main, sizes }) => ({ text, line: page.number, page: page.number, at: { x, end, y, size: main, sizes } }));
    for (const [i, line] of lines.entries()) {
      const next = lines[i + 1];
      // (Full: as long as the next line and as the lines of its block above it — a heading's short last line is none.)
      const full = next !== undefined && line.end >= next.end - line.size * 0.5 && line.end >= blockEnd(lines, i) - line.size && line.end >= columnEdge(lines, line) - line.size * 1.5;
      const unit = next && wrapped(line, next) ? junction(line.text, next.text, full, lineBreak(lines, i, page)) : undefined;
      if (unit) units.push({ ...unit, line: page.number, page: page.number });
    }
    return units;
  });
}

/**
 * How the line broke, where the page tells: at a space glyph drawn at its end ('space', Japanese
 * about or not); or maybe anywhere ('anywhere'), where its block of type holds Japanese (a line of
 * it so far) and the line is full (less than an em short of the block's widest line): a writer
 * may break a Latin word anywhere there (LibreOffice in a Japanese document: "Internati" /
 * "onal"), and the break tells nothing.
 */
function lineBreak(lines: StreamLine[], i: number, page: PdfPage): 'space' | 'anywhere' | undefined {
  const line = lines[i]!;
  if (page.spaces?.some((s) => s.endsLine && Math.abs(s.y - line.y) < line.size * 0.3 && s.x > line.end - line.size * 0.6 && s.x < line.end + line.size * 0.5)) return 'space';
  let first = i;
  while (first > 0 && wrapped(lines[first - 1]!, lines[first]!)) first--;
  let last = i + 1;
  while (last + 1 < lines.length && wrapped(lines[last]!, lines[last + 1]!)) last++;
  const block = lines.slice(first, last + 1);
  return lines.slice(first, i + 2).some((l) => UNSPACED.test(l.text)) && Math.max(...block.map((l) => l.end)) - line.end < line.size ? 'anywhere' : undefined;
}

/**
 * Where the column a line is set in ends: the right end of the page's lines in its type that it
 * overlaps, starting no further in than its middle (not a title centred over the columns). (A line
 * set across both columns puts the edge further out: a line is then full less often, and a claim
 * not made is no false one.)
 */
function columnEdge(lines: StreamLine[], line: StreamLine): number {
  const peers = lines.filter((l) => Math.abs(l.size - line.size) < line.size * 0.05 && l.x < line.end && l.end > line.x && l.x <= line.x + (line.end - line.x) / 2);
  return Math.max(line.end, ...peers.map((l) => l.end));
}

/** The right end of the widest line of the block of type a line ends, from its first line to it. */
function blockEnd(lines: StreamLine[], i: number): number {
  let first = i;
  while (first > 0 && wrapped(lines[first - 1]!, lines[first]!)) first--;
  return Math.max(...lines.slice(first, i + 1).map((l) => l.end));
}

/** Is `next` the line under `line` in one block of type (same size, a line's height below, overlapping)? */
const wrapped = (line: StreamLine, next: StreamLine) =>
  Math.abs(next.size - line.size) < line.size * 0.05 && line.y - next.y > line.size * 0.9 && line.y - next.y < line.size * 2 && next.x < line.end && next.end > line.x;

/** Letters of spaced writing (Latin, Greek, Cyrillic) and digits: where a line wraps between two of them, a space or a hyphen parts the words. */
const SPACED_END = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}0-9][^\s]*)$/u;
const SPACED_START = /^([^\s]*[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}0-9][^\s]*)/u;
const WORD_CHAR = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}0-9"'“”‘’()]/u;

/**
 * The last word of a line and the first of the next, as the memo must read them: parted by a
 * space ("phrase \"AI\""), or joined where the line ends with a hyphen ("inter-" "national":
 * "international" or "inter-national"); the wrong forms are the words glued, or a hyphen and a space.
 */
function junction(line: string, next: string, full: boolean, broke: 'space' | 'anywhere' | undefined): Omit<WitnessUnit, 'line'> | undefined {
  // A full Japanese line (as long as the next: no heading) that stops inside its sentence goes on
  // in the next: one block of the memo.
  const a = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{2}$/u.exec(line.trimEnd())?.[0];
  const b = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{2}/u.exec(next.trimStart())?.[0];
  if (a && b) return full ? { text: `${a}${b}`, wrong: [`${a}${BLOCK}${b}`], parted: `${line.trimEnd().slice(-10)}${BLOCK}${b}` } : undefined;
  // Where Japanese is about, a writer may break a Latin word anywhere (LibreOffice: "Technolo"
  // "gy"), and a break tells nothing — unless a space glyph is drawn where it breaks.
  if (broke === 'anywhere' || (broke !== 'space' && (UNSPACED.test(line) || UNSPACED.test(next)))) return undefined;
  const end = SPACED_END.exec(line.trimEnd())?.[1];
  const start = SPACED_START.exec(next.trimStart().replace(MARKER, ''))?.[1];
  if (!end || !start || !WORD_CHAR.test(end.at(-1)!) || !WORD_CHAR.test(start[0]!)) return undefined;
  // An address breaks anywhere ("…/2019/10/10/compe" "ting-with-…"): no claim either.
  if (/:\/\/|^www\.|\//u.test(end)) return undefined;
  if (/[\p{L}]-$/u.test(end)) return { text: `${end.slice(0, -1)}${start}`, alt: `${end}${start}`, wrong: [`${end} ${start}`] };
  // A line that stops inside its sentence (a word or a comma, the next line going on in lower case) goes on in the next: one block of the memo.
  if (/[\p{Ll},]$/u.test(end) && /^\p{Ll}/u.test(start)) return { text: `${end} ${start}`, wrong: [`${end}${start}`, `${end}${BLOCK}${start}`], parted: `${line.trimEnd().split(/\s+/u).slice(-4).join(' ')}${BLOCK}${start}` };
  return { text: `${end} ${start}`, wrong: [`${end}${start}`] };
}
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** A list item's marker opening a stream line: the memo source writes it its own way. */
const MARKER = /^(?:[•・●○◦▪▫■□◆◇‣⁃∙\uf0b7\uf0a7\uf076\uf0d8*–—-]|[0-9]{1,3}[.)]?(?=\s))\s*/u;

function streamLines(page: PdfPage): StreamLine[] {
  const runs = page.runs.filter((r) => r.text.trim() !== '');
  // Items the stream follows with a space of its own, drawn at their end (Chromium draws the space
  // before a link as an item, and the link's text from where the space's glyph ends, or just before).
  const spaced = new Set<PdfRun>();
  page.runs.forEach((r, i) => {
    const next = page.runs[i + 1];
    if (r.text.trim() !== '' && next && next.text.trim() === '' && next.text !== '' && sameBaseline(r, next) && Math.abs(next.x - (r.x + r.width)) < r.size * 0.3) spaced.add(r);
  });
  let lastAdded: PdfRun | undefined;
  const lines: StreamLine[] = [];
  let text = '';
  let base: PdfRun | undefined; // the line's first full-size run: its baseline
  let end = 0;
  let start = 0; // where the line's last item starts
  let members = new Set<PdfRun>();
  const close = () => {
    // (Its type: the size most of its characters are set in.)
    const bySize = new Map<number, number>();
    for (const r of members) bySize.set(r.size, (bySize.get(r.size) ?? 0) + r.text.trim().length);
    const main = [...bySize].reduce((a, b) => (b[1] > a[1] ? b : a), [0, 0])[0];
    const sizes = [...bySize].filter(([, chars]) => chars > 0).map(([size]) => size);
    if (text.trim() && base && main) lines.push({ text: glyphText(text.replace(/\s+/gu, ' ').trim()), x: Math.min(...[...members].map((r) => r.x)), end, y: base.y, size: base.size, main, sizes });
    text = '';
    base = undefined;
    members = new Set();
  };
  for (const [i, run] of runs.entries()) {
    if (raisedDigits(run, base) || (!base && raisedDigits(run, runs[i + 1]))) continue;
    // On to the right: not back before the last item's start (by more than a tenth of an em:
    // kerning may pull a glyph under the quote before it), nor into the line well before its end.
    if (base && sameBaseline(run, base) && run.x > start - run.size * 0.1 && run.x >= end - run.size * 1.25) {
      const gap = run.x - end;
      const tolerance = run.size * 0.3;
      // Glyphs drawn elsewhere in the stream that lie wholly in the gap are read in it.
      const held = gap > run.size * 0.1 ? runs.filter((o) => o !== run && !members.has(o) && sameBaseline(o, base!) && o.x >= end - tolerance && o.x + o.width <= run.x + tolerance && !raisedDigits(o, base)).sort((a, b) => a.x - b.x) : [];
      if (held.length > 0 || gap <= run.size * GAP_EM) {
        // A space where the gap before an item is a space's width (a fifth of an em or more).
        let last = end;
        for (const o of held) {
          text += (o.x - last > o.size * 0.2 ? ' ' : '') + o.text;
          members.add(o);
          last = Math.max(last, o.x + o.width);
        }
        text += (run.x - last > run.size * 0.2 || (held.length === 0 && lastAdded !== undefined && spaced.has(lastAdded) && !/\s$/u.test(text)) ? ' ' : '') + run.text;
        members.add(run);
        lastAdded = run;
        end = Math.max(end, last, run.x + run.width);
        start = run.x;
        continue;
      }
    }
    close();
    base = run;
    text = run.text;
    lastAdded = run;
    members.add(run);
    end = run.x + run.width;
    start = run.x;
  }
  close();
  // Readings set above kanji (ruby) are left out, as the import drops them.
  return lines.filter((l) => !lines.some((below) => below !== l && isRubyOver(l, below)));
}
