// Text extracted from a PDF → the memo's blocks and footnotes. The extraction breaks lines
// inside sentences, starts each page with a space, prints footnotes at the foot of their page
// (after a line of blanks) and may repeat a URL line: this undoes exactly that.
import { END_MARK, endsParagraph, joinLines, type RawBlock, type RawFootnote, type RawMemo } from './text.ts';

const FOOTNOTE_RULE = /^\s{10,}$/;
const PAGE_START = /^ \S/;
const FOOTNOTE_START = /^([0-9]{1,2})\s+(\S.*)$/;
const NUMBERED_PART = /^[0-9０-９]{1,2}[．.]\s*\S/u;
const NUMBERED_NAME = /^\S{1,12}?[0-9０-９]{1,2}\s*[：:]/u;
const MAX_HEADING = 30;

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
  let open: RawBlock | undefined;
  let previousRaw = '';
  for (const { text: raw, number } of lines) {
    const text = raw.replace(/^ /, '');
    const trimmed = text.trim();
    if (END_MARK.test(trimmed)) {
      dropped.push({ line: number, text: trimmed, why: 'end mark' });
      continue;
    }
    const startsBlock = open === undefined;
    if (trimmed.startsWith('・')) {
      open = { kind: 'bullet', text: trimmed.slice(1).trim(), line: number };
      blocks.push(open);
    } else if (/^-\s/.test(trimmed)) {
      open = { kind: 'dash', text: trimmed.slice(1).trim(), line: number };
      blocks.push(open);
    } else if (startsBlock && (NUMBERED_NAME.test(trimmed) || (trimmed.length <= MAX_HEADING && !/[。、，]$/u.test(trimmed)))) {
      const heading: RawBlock = { kind: 'heading', text: trimmed, line: number };
      blocks.push(heading);
      // A numbered name ("Initiative 1: …") runs on to the end of its sentence.
      open = NUMBERED_NAME.test(trimmed) && !endsParagraph(text) ? heading : undefined;
      previousRaw = text;
      continue;
    } else if (open) {
      open.text = joinLines(`${open.text}${/\s$/.test(previousRaw) ? ' ' : ''}`, trimmed);
    } else {
      open = { kind: 'text', text: trimmed, line: number };
      blocks.push(open);
    }
    if (open && NUMBERED_PART.test(open.text) && open.kind === 'text') open.kind = 'heading';
    if (endsParagraph(text)) open = undefined;
    previousRaw = text;
  }
  return blocks;
}

export function readPdfText(input: string): RawMemo {
  const dropped: RawMemo['dropped'] = [];
  const { body, notes } = separate(input, dropped);
  return { blocks: readBlocks(body, dropped), footnotes: readFootnotes(notes, dropped), dropped };
}
