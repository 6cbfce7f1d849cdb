// Where a memo copied from a web page ends, and its notes: after an end mark, under a notes
// heading, or ending the memo; numbered, or (a browser copies a numbered list without its
// numbers) known by their links back, or counted from the references in the text above them.
import { NOTES_HEADING } from './site.ts';
import { noteOf, noteRun, plainRefs, trailingNotes, type NoteStyle } from './notes.ts';
import { END_MARK, type RawFootnote } from './text.ts';
import { chromeOf, type Line, type WebPage } from './web-page.ts';

/** Where the notes are: lines `from` to `to`; `numbered: false` when a browser copied them without their numbers. */
export type NoteLines = { from: number; to: number; numbered?: false };

/** Where the memo's body ends, its notes (if any), and where the page after the memo starts. */
export function memoEnd({ lines, drop }: WebPage, start: number, to: number): { notes: NoteLines | undefined; bodyEnd: number; after: number } {
  // Where the body ends: an end mark, else the notes at the end of the stretch, else the stretch's end.
  const mark = lines.findIndex((l, i) => i >= start && i < to && END_MARK.test(l.text));
  let notes: { from: number; to: number; numbered?: false } | undefined;
  let bodyEnd: number;
  let after: number;
  if (mark >= 0) {
    bodyEnd = mark;
    drop(lines[mark]!, 'end mark');
    let i = mark + 1;
    const heading = i < lines.length && NOTES_HEADING.test(lines[i]!.text) ? i++ : -1;
    const run = noteRun(lines, i);
    // Notes a browser copied from a numbered list lose their numbers: as many lines as the text's references.
    const count = run > i ? 0 : referenceCount(lines.slice(start, mark));
    if (run > i) {
      if (heading >= 0) drop(lines[heading]!, 'heading of the notes');
      notes = { from: i, to: run };
    } else if (count > 0 && i + count <= lines.length && !lines.slice(i, i + count).some((l) => isNoteless(l.text))) {
      if (heading >= 0) drop(lines[heading]!, 'heading of the notes');
      notes = { from: i, to: i + count, numbered: false };
    } else if (heading >= 0) i = heading;
    after = notes ? notes.to : i;
  } else {
    notes = backlinkedNotes(lines, start, to) ?? trailingNotes(lines, start, to) ?? unnumberedNotes(lines, start, to) ?? countedNotes(lines, start, to);
    bodyEnd = notes ? notes.from : to;
    after = notes ? notes.to : to;
    if (notes && notes.from > start && NOTES_HEADING.test(lines[notes.from - 1]!.text)) {
      bodyEnd = notes.from - 1;
      drop(lines[bodyEnd]!, 'heading of the notes');
    }
  }
  return { notes, bodyEnd, after };
}

/** The notes' lines as footnotes (numbered 1, 2, 3… where a browser dropped their numbers), and their numbering style. */
export function notesOf({ lines, drop }: WebPage, notes: NoteLines | undefined): { footnotes: RawFootnote[]; style: NoteStyle | undefined } {
  const numbered = notes !== undefined && !('numbered' in notes);
  const footnotes: RawFootnote[] = notes
    ? lines.slice(notes.from, notes.to).map((l, k) => {
        const n = numbered ? noteOf(l.text)! : { label: String(k + 1), text: l.text };
        // A note's link back to its reference ("↩︎") is the page's, not the note's.
        const back = BACKLINK.exec(n.text);
        if (back) drop({ line: l.line, text: back[0].trim() }, 'link back to the reference (site text)');
        return { label: n.label, text: back ? n.text.slice(0, back.index) : n.text, line: l.line };
      })
    : [];
  const style = notes ? (numbered ? noteOf(lines[notes.from]!.text)!.style : 'number') : undefined;
  return { footnotes, style };
}

/** A note's link back to where it is referenced, at its end: "↩︎", "↩", "↑", "^". */
const BACKLINK = /\s*(?:↩\uFE0E?|↩\uFE0F?|↑|\^)$/u;

/**
 * Notes a browser copied from a numbered list without their numbers, each ending with its link
 * back ("…website.↩︎"): the run of such lines nearest the end of the memo, numbered 1, 2, 3….
 */
function backlinkedNotes(lines: Line[], start: number, end: number): { from: number; to: number; numbered: false } | undefined {
  const last = lines.findLastIndex((l, i) => i > start && i < end && BACKLINK.test(l.text) && l.text.length > 2);
  if (last < 0) return undefined;
  let first = last;
  while (first - 1 > start && BACKLINK.test(lines[first - 1]!.text)) first--;
  return { from: first, to: last + 1, numbered: false };
}

/**
 * Notes a browser copied from a numbered list, without their numbers: the lines under a notes
 * heading ("Notes", "注") at the end of the memo, as many as the body's references (1 … n).
 */
function unnumberedNotes(lines: Line[], start: number, end: number): { from: number; to: number; numbered: false } | undefined {
  let heading = -1;
  for (let i = end - 1; i > start; i--) if (NOTES_HEADING.test(lines[i]!.text)) { heading = i; break; }
  if (heading < 0) return undefined;
  const count = referenceCount(lines.slice(start, heading));
  if (count === 0 || heading + count >= end || lines.slice(heading + 1, heading + 1 + count).some((l) => isNoteless(l.text))) return undefined;
  return { from: heading + 1, to: heading + 1 + count, numbered: false };
}

/**
 * Notes a browser copied from a numbered list with neither numbers nor a heading (a rule above
 * them, their links back hidden): the last lines of the memo, as many as the notes the text above
 * references, 1 … n in that order, each line a note's (a sentence or a short "同上", "Ibid.").
 */
function countedNotes(lines: Line[], start: number, end: number): { from: number; to: number; numbered: false } | undefined {
  for (let count = 1; count <= 20 && end - count > start + 1; count++) {
    const from = end - count;
    if (referenceCount(lines.slice(start, from)) !== count) continue;
    if (!inOrder(lines.slice(start, from), count)) return undefined;
    const notes = lines.slice(from, end);
    if (notes.some((l) => isNoteless(l.text) || plainRefs(l.text).length > 0)) return undefined;
    return { from, to: end, numbered: false };
  }
  return undefined;
}

/** Do the references 1 … n first appear in that order? */
function inOrder(lines: Line[], count: number): boolean {
  const text = lines.map((l) => l.text).join('\n');
  let at = -1;
  for (let n = 1; n <= count; n++) {
    const first = plainRefs(text).find((r) => r.label === n)?.at ?? -1;
    if (first < at) return false;
    at = first;
  }
  return true;
}

/** How many notes the lines reference as numbers after sentences: 1 … n, each present. */
function referenceCount(lines: Line[]): number {
  const refs = new Set(lines.flatMap((l) => plainRefs(l.text).map((r) => r.label)));
  let count = 0;
  while (refs.has(count + 1)) count++;
  return count;
}

const isNoteless = (text: string) => chromeOf(text) !== undefined || NOTES_HEADING.test(text);
