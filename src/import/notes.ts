// Notes where a document keeps them as plain text: after an end mark (「（了）」, 「以上」, "End"),
// under a heading of their own (注, 脚注, Notes…), or as the run of numbered paragraphs that ends
// the document — numbered `1 text`, `1. text`, `(1) text`, `[1] text`, `※1 text`, `*1 text`,
// `注1 text`. They become footnotes, and the references in the text that name them become
// references. Shared by every reader; a reader that finds notes its own way (Word's footnotes,
// a PDF's page foot, a page's linked notes) has already taken them off the blocks.
import { asciiDigits, END_MARK, REF_MARK, refMark, type Dropped, type RawBlock, type RawFootnote, type RawMemo } from './text.ts';

/**
 * A note's own number at its start, in each numbering a document may use — the one place these
 * patterns are written (every reader that reads notes as text asks `noteOf`): `1 text`,
 * `1. text`, `1) text`, `(1) text`, `[1] text`, `※1 text`, `*1 text`, `注1 text`, in half- or
 * full-width digits.
 */
export type NoteStyle = 'number' | 'closing' | 'paren' | 'bracket' | 'kome' | 'star' | 'chu';
const NOTE: Array<[NoteStyle, RegExp]> = [
  ['bracket', /^[[［]\s*([0-9０-９]{1,3})\s*[\]］]\s*(\S[\s\S]*)$/u],
  ['paren', /^[(（]\s*([0-9０-９]{1,3})\s*[)）]\s*(\S[\s\S]*)$/u],
  ['kome', /^※\s*([0-9０-９]{1,3})[\s.．:：)）]*(\S[\s\S]*)$/u],
  ['star', /^[*＊]\s*([0-9０-９]{1,3})[\s.．:：)）]*(\S[\s\S]*)$/u],
  ['chu', /^[(（]?注\s*([0-9０-９]{1,3})[)）]?[\s.．:：]*(\S[\s\S]*)$/u],
  ['number', /^([0-9０-９]{1,3})(?:[.．:：]\s*|\s+)(\S[\s\S]*)$/u],
  ['closing', /^([0-9０-９]{1,3})[)）]\s*(\S[\s\S]*)$/u],
];

export interface Note {
  style: NoteStyle;
  label: string;
  text: string;
}

/** The note a line or paragraph opens with: its numbering, its number (as "1"), its text. */
export function noteOf(text: string): Note | undefined {
  const line = text.trim();
  for (const [style, re] of NOTE) {
    const m = re.exec(line);
    if (m) return { style, label: String(Number(asciiDigits(m[1]!))), text: m[2]!.trim() };
  }
  return undefined;
}

/** A reference's own text, as a link or a raised number shows it: "1", "[1]", "(1)". */
export const REF_TEXT = /^[[(]?\s*(\d{1,3})\s*[\])]?$/;

/** The end of a run of note lines numbered 1, 2, 3 … of one numbering, from line `from` (from itself if none). */
export function noteRun(lines: Array<{ text: string }>, from: number): number {
  const first = from < lines.length ? noteOf(lines[from]!.text) : undefined;
  if (!first || first.label !== '1') return from;
  let i = from + 1;
  for (let next = 2; i < lines.length; i++, next++) {
    const n = noteOf(lines[i]!.text);
    if (!n || n.style !== first.style || n.label !== String(next)) break;
  }
  return i;
}

/**
 * Notes at the end of a page without an end mark: the last run numbered from 1 that ends the
 * stretch, or is followed only by a few short lines (a profile's name, a line about its author).
 */
export function trailingNotes(lines: Array<{ text: string }>, start: number, end: number): { from: number; to: number } | undefined {
  for (let i = end - 1; i > start; i--) {
    const n = noteOf(lines[i]!.text);
    if (!n || n.label !== '1') continue;
    const to = noteRun(lines, i);
    if (to > end) return undefined;
    const rest = lines.slice(to, end);
    if (rest.length <= 3 && rest.every((l) => l.text.length < 60)) return { from: i, to };
    return undefined;
  }
  return undefined;
}

/** A counter word after a number: "2つの", "3年", "40％" — a number of the text, not a note's. */
const COUNTER = '[0-9０-９つ年月日人%％回点割倍億万千位期番号件社国かカヶヵ項章条名歳度時分秒.．,，:：/]';
/** A number after a sentence's end ("。1", "word.1"), or a raised number an extraction lowered onto its word ("guide1 is"). */
const PLAIN_REF = new RegExp(`([。．」』）)]|(?<=[A-Za-z])\\.|(?<=[a-z’”])|(?<=[\\p{Script=Han}\\p{Script=Katakana}](?=[0-9]{1,2}[ \\t\\u3000])))([0-9]{1,2})(?!${COUNTER}|[A-Za-z])`, 'gu');
/** A reference to a note in the text, in each numbering: the end it follows, and its number. */
export const REFS: Record<NoteStyle, RegExp> = {
  number: PLAIN_REF,
  closing: PLAIN_REF,
  paren: /()[(（]([0-9]{1,2})[)）]/gu,
  bracket: /()[[［]([0-9]{1,3})[\]］]/gu,
  kome: /()※([0-9]{1,2})(?![0-9])/gu,
  star: /()[＊*]([0-9]{1,2})(?![0-9])/gu,
  chu: /()[(（]?注\s?([0-9]{1,2})[)）]?/gu,
};

/** Is the offset inside a web address ("…/mext_kyoiku01-…pdf"): its digits are no reference. */
export function inAddress(text: string, at: number): boolean {
  return [...text.matchAll(/(?:https?:\/\/|www\.)\S+/gu)].some((m) => at >= m.index! && at < m.index! + m[0].length);
}

/** The notes a text references as numbers after sentences: the numbers, outside web addresses. */
export function plainRefs(text: string): Array<{ label: number; at: number }> {
  return [...text.matchAll(PLAIN_REF)].filter((m) => !inAddress(text, m.index!)).map((m) => ({ label: Number(m[2]), at: m.index! }));
}

/**
 * The references to known notes in the body's texts, as marks: in the notes' own numbering
 * ("[1]", "※1", "(注1)"), and as a number after a sentence ("。1") for a note not referenced so.
 * 'marked': the references a reader marked already (links, raised numbers) stand as they are.
 */
export function linkRefs(texts: string[], labels: Set<string>, style: NoteStyle | 'marked' | undefined): string[] {
  if (!style || labels.size === 0) return texts;
  const marked = style === 'marked' ? texts : texts.map((t) => markRefs(t, labels, style));
  if (style === 'number' || style === 'closing') return marked;
  const referenced = new Set(marked.flatMap((t) => [...t.matchAll(REF_MARK)].map((m) => m[1]!)));
  const rest = new Set([...labels].filter((l) => !referenced.has(l)));
  return rest.size ? marked.map((t) => markRefs(t, rest, 'number')) : marked;
}

/** The references to known notes in a text, as marks: "。1", "[1]", "※1", "(注1)". */
export function markRefs(text: string, labels: Set<string>, style: NoteStyle): string {
  if (labels.size === 0) return text;
  return text.replace(REFS[style], (all, end: string, label: string, at: number) => {
    // A numbered enumeration "(1)" opens a clause; a note's reference follows the word it notes.
    if (style === 'paren' && (at === 0 || /[\s、，,]/u.test(text[at - 1]!))) return all;
    if (inAddress(text, at)) return all;
    return labels.has(String(Number(label))) ? `${end}${refMark(String(Number(label)))}` : all;
  });
}

/** A heading of the notes: 注, 脚注, 注記, 注釈, 出典, Notes, Endnotes, Footnotes. */
const NOTES_HEADING = /^(?:注|脚注|注記|注釈|原注|出典|Notes?|Endnotes|Footnotes)\s*[:：]?$/iu;

/** A note in a numbering a document's own notes use (a paragraph opening "1)" is an item, not a note). */
function parseNote(text: string): Note | undefined {
  const note = noteOf(text);
  return note && note.style !== 'closing' ? note : undefined;
}

/** Notes numbered 1, 2, 3… in one style from the region's start; continuation paragraphs join the note before. */
function readNotes(region: RawBlock[], numberLists: boolean): { notes: RawFootnote[]; style: NoteStyle; used: number } | undefined {
  const notes: RawFootnote[] = [];
  let style: NoteStyle | undefined;
  let used = 0;
  for (const block of region) {
    if (block.kind === 'heading' || block.kind === 'table') break;
    const parsed = parseNote(block.text);
    const next = String(notes.length + 1);
    if (parsed && parsed.label === next && (style === undefined || style === parsed.style)) {
      style = parsed.style;
      notes.push({ label: parsed.label, text: parsed.text, line: block.line });
    } else if (numberLists && block.kind === 'bullet' && (block.depth ?? 0) === 0 && (style === undefined || style === 'number') && !parsed) {
      // An ordered list whose numbers the reader did not keep (Word's and HTML's lists).
      style = 'number';
      notes.push({ label: next, text: block.text, line: block.line });
    } else if (notes.length > 0 && !parsed && block.kind !== 'bullet') {
      notes.at(-1)!.text += ` ${block.text}`;
    } else break;
    used++;
  }
  return style && notes.length > 0 ? { notes, style, used } : undefined;
}

/** Does the text before the notes refer to note 1 in the notes' style? */
function referred(blocks: RawBlock[], style: NoteStyle): boolean {
  const text = blocks.map((b) => b.text).join('\n');
  if (new RegExp(REF_MARK.source, 'u').test(text)) return true;
  return style === 'number' ? plainRefs(text).some((r) => r.label === 1) : markRefs(text, new Set(['1']), style) !== text;
}

/**
 * A number after a sentence's end with a space or the line's end after it ("。1 ") is linked
 * where the memo source is written; one glued to what follows ("。2過去に"), or lowered onto
 * its word ("guide1 is"), is linked here.
 */
function markGluedRefs(text: string, labels: Set<string>): string {
  return text.replace(REFS.number, (all, end: string, label: string, at: number) => {
    const after = text[at + all.length] ?? '';
    if ((end !== '' && /^\s?$/u.test(after)) || inAddress(text, at) || !labels.has(String(Number(label)))) return all;
    return `${end}${refMark(String(Number(label)))}`;
  });
}

export function takeNotes(raw: RawMemo): RawMemo {
  const blocks = raw.blocks;
  const dropped: Dropped[] = [];
  // The end mark closes the memo's body: what follows it is notes or the end.
  let end = blocks.findIndex((b) => b.kind !== 'table' && END_MARK.test(b.text.trim()));
  if (end >= 0) dropped.push({ line: blocks[end]!.line, text: blocks[end]!.text, why: 'end mark' });
  let region: { from: number; to: number; heading?: number } | undefined;
  if (end >= 0) region = { from: end + 1, to: blocks.length };
  else {
    const heading = blocks.findLastIndex((b) => b.kind === 'heading' && NOTES_HEADING.test(b.text.trim()));
    if (heading >= 0) {
      const next = blocks.findIndex((b, i) => i > heading && b.kind === 'heading');
      region = { from: heading + 1, to: next < 0 ? blocks.length : next, heading };
    } else {
      // The run of numbered paragraphs that ends the document.
      let from = blocks.length;
      while (from > 0 && blocks[from - 1]!.kind !== 'heading' && blocks[from - 1]!.kind !== 'table' && (parseNote(blocks[from - 1]!.text) || blocks[from - 1]!.kind === 'text')) from--;
      while (from < blocks.length && !parseNote(blocks[from]!.text)) from++;
      if (from < blocks.length) region = { from, to: blocks.length };
    }
  }
  if (!region) return end >= 0 ? { ...raw, blocks: blocks.filter((_, i) => i !== end), dropped: [...raw.dropped, ...dropped] } : raw;
  const read = readNotes(blocks.slice(region.from, region.to), region.heading !== undefined || end >= 0);
  const before = blocks.slice(0, region.heading ?? (end >= 0 ? end : region.from));
  const taken = read && !read.notes.some((n) => raw.footnotes.some((f) => f.label === n.label)) && (end >= 0 || referred(before, read.style)) ? read : undefined;
  if (!taken) {
    if (end < 0) return raw;
    return { ...raw, blocks: blocks.filter((_, i) => i !== end), dropped: [...raw.dropped, ...dropped] };
  }
  if (region.heading !== undefined) dropped.push({ line: blocks[region.heading]!.line, text: blocks[region.heading]!.text, why: 'the notes’ heading (the notes are footnotes)' });
  const skip = new Set<number>([...(end >= 0 ? [end] : []), ...(region.heading !== undefined ? [region.heading] : [])]);
  for (let i = region.from; i < region.from + taken.used; i++) skip.add(i);
  const labels = new Set(taken.notes.map((n) => n.label));
  // References the reader marked (links, raised numbers) stand; else the notes' numbering finds them.
  const marked = before.some((b) => new RegExp(REF_MARK.source, 'u').test(b.text));
  const link = (text: string) => (taken.style !== 'number' ? markRefs(text, labels, taken.style) : marked ? text : markGluedRefs(text, labels));
  const kept = blocks.flatMap((b, i) => (skip.has(i) ? [] : [{ ...b, text: link(b.text), ...(b.rows ? { rows: b.rows.map((r) => r.map(link)) } : {}) }]));
  return { ...raw, blocks: kept, footnotes: [...raw.footnotes, ...taken.notes], dropped: [...raw.dropped, ...dropped] };
}
