// Text extracted from a PDF → the memo's blocks and footnotes. The extraction breaks lines
// inside sentences, starts each page with a space, prints footnotes at the foot of their page
// (after a line of blanks) and may repeat a URL line: this undoes exactly that.
import { displayWidth } from '../model/text.ts';
import { END_MARK, ITEM, MAX_HEADING_EM, NUMBERED_NAME, NUMBERED_PART, POINT, endsParagraph, joinLines, type RawBlock, type RawFootnote, type RawMemo } from './text.ts';

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
