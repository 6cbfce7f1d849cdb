// Text extracted from a PDF → the memo's blocks and footnotes. The extraction breaks lines
// inside sentences, starts each page with a space, prints footnotes at the foot of their page
// (after a line of blanks) and may repeat a URL line: this undoes exactly that. A document
// viewer's transcript (pdftotext's pages: blocks between blank lines) is read by `readPdfPages`.
import { displayWidth } from '../model/text.ts';
import { noteOf } from './notes.ts';
import { END_MARK, ITEM, MAX_HEADING_EM, NUMBERED_NAME, NUMBERED_PART, POINT, endsParagraph, joinLines, spacesMixedText, type RawBlock, type RawFootnote, type RawMemo } from './text.ts';

const FOOTNOTE_RULE = /^\s{10,}$/;
const PAGE_START = /^ \S/;
const FOOTNOTE_START = /^([0-9]{1,2})\s+(\S.*)$/;

interface Line {
  text: string;
  number: number;
}

/** Splits the input into body lines and footnote lines (the foot of each page). */
function separate(input: string, dropped: RawMemo['dropped']): { body: Line[]; notes: Line[] } {
  const body: Line[] = [];
  const notes: Line[] = [];
  let inFootnotes = false;
  input.split(/\r?\n/).forEach((text, i) => {
    const number = i + 1;
    if (FOOTNOTE_RULE.test(text)) {
      inFootnotes = true;
      return;
    }
    if (text.trim() === '') return;
    if (PAGE_START.test(text)) inFootnotes = false;
    (inFootnotes ? notes : body).push({ text, number });
  });
  if (notes.length === 0 && body.length === 0) dropped.push({ line: 1, text: '', why: 'no text' });
  return { body, notes };
}

function readFootnotes(lines: Line[], dropped: RawMemo['dropped']): RawFootnote[] {
  const footnotes: RawFootnote[] = [];
  let previous = '';
  for (const { text, number } of lines) {
    const trimmed = text.trim();
    const start = FOOTNOTE_START.exec(trimmed);
    if (start) {
      footnotes.push({ label: start[1]!, text: start[2]!, line: number });
    } else if (/^https?:\/\/\S+$/.test(trimmed) && trimmed === previous) {
      dropped.push({ line: number, text: trimmed, why: 'repeated URL line' });
    } else if (footnotes.length > 0) {
      const note = footnotes.at(-1)!;
      note.text = /^https?:\/\//.test(trimmed) ? `${note.text.trimEnd()} ${trimmed}` : joinLines(`${note.text}${/\s$/.test(text) ? ' ' : ''}`, trimmed);
    }
    previous = trimmed;
  }
  return footnotes;
}

/** Joins body lines into headings, bullets and paragraphs. */
function readBlocks(lines: Line[], dropped: RawMemo['dropped']): RawBlock[] {
  const blocks: RawBlock[] = [];
  // The page's width, in characters: most long lines are about that long.
  const lengths = lines.map((l) => l.text.trim().length).sort((a, b) => a - b);
  const fullLine = lengths[Math.floor(lengths.length * 0.9)] ?? Infinity;
  let open: RawBlock | undefined;
  let previousRaw = '';
  for (const [k, { text: raw, number }] of lines.entries()) {
    const text = raw.replace(/^ /, '');
    const trimmed = text.trim();
    if (END_MARK.test(trimmed)) {
      dropped.push({ line: number, text: trimmed, why: 'end mark' });
      continue;
    }
    // A new block starts after a paragraph's end — or, in Latin text, where a short heading-like
    // line follows a line that ended a sentence (its last line may fill the page's width).
    const afterSentence = /[.!?][0-9]{0,2}\s+$/u.test(previousRaw);
    // A heading is short and ends without punctuation. In a narrow column a paragraph's first
    // line can be both, but it fills the column's width where a heading stops short of it, and
    // in Latin text the line after it goes on in lower case.
    const continued = /^[a-z]/.test(lines[k + 1]?.text.trim() ?? '');
    const headingLike =
      NUMBERED_NAME.test(trimmed) || (displayWidth(trimmed) <= MAX_HEADING_EM && trimmed.length < fullLine && !continued && !/[。、，.,;:!?]$/u.test(trimmed));
    const startsBlock = open === undefined || (afterSentence && headingLike);
    if (POINT.test(trimmed)) {
      open = { kind: 'bullet', text: trimmed.replace(POINT, ''), line: number };
      blocks.push(open);
    } else if (ITEM.test(trimmed)) {
      open = { kind: 'dash', text: trimmed.replace(ITEM, ''), line: number };
      blocks.push(open);
    } else if (startsBlock && headingLike) {
      const heading: RawBlock = { kind: 'heading', text: trimmed, line: number };
      blocks.push(heading);
      // A numbered name ("Initiative 1: …") runs on to the end of its sentence.
      open = NUMBERED_NAME.test(trimmed) && !endsParagraph(text, fullLine) ? heading : undefined;
      previousRaw = text;
      continue;
    } else if (open) {
      open.text = joinLines(`${open.text}${/\s$/.test(previousRaw) ? ' ' : ''}`, trimmed);
    } else {
      open = { kind: 'text', text: trimmed, line: number };
      blocks.push(open);
    }
    if (open && NUMBERED_PART.test(open.text) && open.kind === 'text') open.kind = 'heading';
    if (endsParagraph(text, fullLine)) open = undefined;
    previousRaw = text;
  }
  return blocks;
}

export function readPdfText(input: string): RawMemo {
  const dropped: RawMemo['dropped'] = [];
  const { body, notes } = separate(input, dropped);
  return { blocks: readBlocks(body, dropped), footnotes: readFootnotes(notes, dropped), dropped };
}

/** "1）…", "(2) …", "３) …": a numbered heading in a page's own numbering. */
const NUMBERED_PAREN = /^[(（]?[0-9０-９]{1,2}[)）]\s*\S/u;
/** A Japanese sentence's own end without its full stop (a list item's "…を支援します"): not a heading. */
const PREDICATE_END = /(?:ます|ました|ません|です|でした|ください)$/u;

/**
 * A line that reads as a heading where the text has no type sizes (a page's copy, an
 * extraction's lines): a numbered name or part, or a short name — no sentence's end, no
 * clause's comma inside it, no predicate's end.
 */
export function plainHeading(line: string): boolean {
  return (
    NUMBERED_NAME.test(line) ||
    NUMBERED_PART.test(line) ||
    (NUMBERED_PAREN.test(line) && displayWidth(line) <= MAX_HEADING_EM * 2 && !/[。．!?！？]$/u.test(line)) ||
    (displayWidth(line) <= MAX_HEADING_EM && !/[。．.、，,;:：!?！？]$/u.test(line) && !/[、，]/u.test(line) && !PREDICATE_END.test(line))
  );
}

/** A notice's opening: a pictograph of warning, information or speech (⚠️ 💬 ℹ️), not a letter. */
const NOTICE = /^\s*(?:\p{Extended_Pictographic}|[⚠ℹ])/u;

/** A line of an extraction's page, with its line in the input (0 where the input has none). */
export interface PageLine {
  text: string;
  line: number;
}

/** A sentence's end at a line's end, a note's number after it allowed. */
const SENTENCE_END = /[。．.!?！？:：][)）」』"”’]?[0-9]{0,2}$/u;
/** The number a line opens with, in any note's numbering ("1. …", "2 …", "(3) …", "※4 …"): an item's or a note's. */
const numberOf = (text: string) => {
  const note = noteOf(text);
  return note ? Number(note.label) : undefined;
};

/**
 * Japanese set justified to its column: most of the long lines are the column's width to a unit,
 * for a line breaks at any character. There a line that ends a sentence two characters or more
 * short of that width ends its paragraph, however long (an item of a list whose marks the
 * extraction lost, a document viewer's transcript); a line merely ending at 。 fills the width.
 * Ragged text (Latin, broken at spaces) has no such width: nothing is said of it.
 */
function justifiedStop(widths: number[], column: number): (text: string) => boolean {
  // (In em, to the nearest: a Japanese character is one.)
  const long = widths.filter((w) => w >= column * 0.8).map((w) => Math.round(w));
  const counts = new Map<number, number>();
  for (const w of long) counts.set(w, (counts.get(w) ?? 0) + 1);
  const [mode = 0] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [];
  const atMode = long.filter((w) => Math.abs(w - mode) <= 1).length;
  if (long.length < 10 || atMode < long.length * 0.5) return () => false;
  return (text) => JAPANESE_END.test(text) && Math.round(displayWidth(text)) <= mode - 2;
}

/** A sentence's end in Japanese (its closing bracket, a note's number after it). */
const JAPANESE_END = /[。！？][」』）)]?[0-9]{0,2}$/u;

/**
 * A PDF's text as an extraction prints it page by page (pdftotext; a document viewer's
 * transcript): blocks between blank lines, lines broken at the column's width, no type sizes.
 * A line that stops short of the column ends its paragraph; a block runs on over a blank line or
 * a page only from a full line that ends no sentence. A heading is a line of a heading's shape
 * (`plainHeading`) that starts a block and stops short. The first page's short lines above its
 * first paragraph are the title page's, each a line of its own for the title block to read; a
 * line numbered after the one that opened the block before it starts a block (a note, an item).
 */
export function readPdfPages(pages: PageLine[][]): RawMemo {
  const lines = pages.flat().filter((l) => l.text.trim() !== '');
  const widths = lines.map((l) => displayWidth(l.text.trim())).sort((a, b) => a - b);
  const column = widths[Math.floor((widths.length - 1) * 0.9)] ?? Infinity;
  const stopsShort = justifiedStop(widths, column);
  const full = (text: string) => displayWidth(text) >= column * 0.8 && !stopsShort(text);
  const blocks: RawBlock[] = [];
  // Each block's lines, joined at the end.
  const parts = new Map<RawBlock, string[]>();
  let open: RawBlock | undefined;
  let previous = '';
  let opener: number | undefined;
  // The title page: the first page's lines above the first block holding body text (a full line or a sentence).
  const first = pages[0] ?? [];
  const runs: PageLine[][] = [[]];
  for (const l of first) (l.text.trim() === '' ? runs.push([]) : runs.at(-1)!.push(l));
  const body = runs.findIndex((r) => r.some((l) => full(l.text.trim()) || SENTENCE_END.test(l.text.trim())));
  const titlePage = new Set(runs.slice(0, body < 0 ? 0 : body).flat());
  // Whether a blank line or a page's start is just before the line.
  let afterBlank = true;
  // A notice (its first line opens with a warning sign) runs to the end of its block: the box it was printed in.
  let notice = false;
  // A block runs on over a blank line or a page only from a full line that ends no sentence.
  const pause = () => {
    if (open && (notice || !(full(previous) && !SENTENCE_END.test(previous)))) open = undefined;
    afterBlank = true;
    notice = false;
  };
  const last = lines.at(-1);
  for (const page of pages) {
    pause();
    for (const l of page) {
      const text = l.text.trim();
      if (text === '') {
        pause();
        continue;
      }
      if (titlePage.has(l)) {
        blocks.push({ kind: 'text', text, line: l.line });
        open = undefined;
        previous = text;
        afterBlank = false;
        continue;
      }
      const number = numberOf(text);
      // A numbered line after a block opened by the number before it is the next of a run (notes, items).
      const inRun = number !== undefined && opener !== undefined && number === opener + 1;
      const runsOn = NUMBERED_NAME.test(text) && full(text) && !SENTENCE_END.test(text);
      // A heading opens a block the extraction set apart (a blank line before it), or stands right under one.
      const headingShape = !inRun && l !== last && plainHeading(text) && (!full(text) || runsOn);
      const heading = headingShape && (afterBlank || (open === undefined && blocks.at(-1)?.kind === 'heading'));
      const startsHere = open === undefined || (!notice && heading) || !full(previous) || (SENTENCE_END.test(previous) && (headingShape || number !== undefined)) || inRun;
      afterBlank = false;
      if (open && (notice || !startsHere)) {
        parts.get(open)!.push(text);
        // A numbered name ("Initiative 1: …") runs on to its sentence's end.
        if (open.kind === 'heading' && SENTENCE_END.test(text)) open = undefined;
        previous = text;
        continue;
      }
      open = { kind: heading ? 'heading' : 'text', text, line: l.line };
      blocks.push(open);
      parts.set(open, [text]);
      notice = NOTICE.test(text);
      opener = heading ? undefined : number;
      if (heading && !runsOn) open = undefined;
      previous = text;
    }
  }
  // The numbered run that ends the text (its notes) is set in its own type: whether it spaces
  // Latin from Japanese is judged on its own lines, the body's on the body's.
  let notes = blocks.length;
  while (notes > 0 && blocks[notes - 1]!.kind === 'text' && numberOf(blocks[notes - 1]!.text) !== undefined) notes--;
  while (notes < blocks.length && numberOf(blocks[notes]!.text) !== 1) notes++;
  const spaced = (from: number, to: number) => spacesMixedText(blocks.slice(from, to).flatMap((b) => parts.get(b) ?? []));
  const bodySpaced = spaced(0, notes);
  const notesSpaced = spaced(notes, blocks.length);
  blocks.forEach((b, i) => {
    const own = parts.get(b);
    if (own && own.length > 1) b.text = own.slice(1).reduce((t, line) => joinLines(t, line, i < notes ? bodySpaced : notesSpaced), own[0]!);
  });
  return { blocks, footnotes: [], dropped: [] };
}
