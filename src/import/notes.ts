// Notes where a document keeps them as plain text: after an end mark (「（了）」, 「以上」, "End"),
// under a heading of their own (注, 脚注, Notes…), or as the run of numbered paragraphs that ends
// the document — numbered `1 text`, `1. text`, `(1) text`, `[1] text`, `※1 text`, `*1 text`,
// `注1 text`. They become footnotes, and the references in the text that name them become
// references. Shared by every reader; a reader that finds notes its own way (Word's footnotes,
// a PDF's page foot, a page's linked notes) has already taken them off the blocks.
import { END_MARK, REF_MARK, refMark, type Dropped, type RawBlock, type RawFootnote, type RawMemo } from './text.ts';

type Style = 'number' | 'paren' | 'bracket' | 'kome' | 'star' | 'chu';

const NOTE: Array<[Style, RegExp]> = [
  ['number', /^([0-9]{1,3})(?:[.．:：]\s*|\s+)(\S[\s\S]*)$/u],
  ['paren', /^[（(]([0-9]{1,3})[)）]\s*(\S[\s\S]*)$/u],
  ['bracket', /^[[［]([0-9]{1,3})[\]］]\s*(\S[\s\S]*)$/u],
  ['kome', /^※\s*([0-9]{1,3})[.．:：]?\s*(\S[\s\S]*)$/u],
  ['star', /^[*＊]\s*([0-9]{1,3})[.．:：]?\s*(\S[\s\S]*)$/u],
  ['chu', /^[（(]?注\s*([0-9]{1,3})[)）]?[.．:：]?\s*(\S[\s\S]*)$/u],
];

/** A reference in running text to note `label`, in the style its notes are numbered. */
function reference(style: Style, label: string): RegExp | undefined {
  switch (style) {
    case 'paren':
      return new RegExp(`(?<=\\S)[（(]${label}[)）]`, 'gu');
    case 'bracket':
      return new RegExp(`(?<=\\S)[[［]${label}[\\]］]`, 'gu');
    case 'kome':
      return new RegExp(`(?<=\\S)※\\s?${label}(?![0-9])`, 'gu');
    case 'star':
      return new RegExp(`(?<=\\S)[*＊]${label}(?![0-9])`, 'gu');
    case 'chu':
      return new RegExp(`(?<=\\S)[（(]?注\\s?${label}[)）]?(?![0-9])`, 'gu');
    default:
      // "。1" is read where the memo source is written (replaceFootnoteMarks).
      return undefined;
  }
}

/** A heading of the notes: 注, 脚注, 注記, 注釈, 出典, Notes, Endnotes, Footnotes. */
const NOTES_HEADING = /^(?:注|脚注|注記|注釈|原注|出典|Notes?|Endnotes|Footnotes)\s*[:：]?$/iu;

function parseNote(text: string): { style: Style; label: string; text: string } | undefined {
  for (const [style, re] of NOTE) {
    const m = re.exec(text.trim());
    if (m) return { style, label: m[1]!, text: m[2]!.trim() };
  }
  return undefined;
}

/** Notes numbered 1, 2, 3… in one style from the region's start; continuation paragraphs join the note before. */
function readNotes(region: RawBlock[], numberLists: boolean): { notes: RawFootnote[]; style: Style; used: number } | undefined {
  const notes: RawFootnote[] = [];
  let style: Style | undefined;
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
function referred(blocks: RawBlock[], style: Style): boolean {
  const text = blocks.map((b) => b.text).join('\n');
  if (new RegExp(REF_MARK.source, 'u').test(text)) return true;
  const re = reference(style, '1');
  return re ? re.test(text) : /[。．」』）)][1](?:\s|$|[^0-9])|(?<=[A-Za-z])\.1(?:\s|$)/u.test(text);
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
  const labels = taken.notes.map((n) => n.label);
  const link = (text: string) => labels.reduce((t, label) => {
    const re = reference(taken.style, label);
    return re ? t.replace(re, refMark(label)) : t;
  }, text);
  const kept = blocks.flatMap((b, i) => (skip.has(i) ? [] : [{ ...b, text: link(b.text), ...(b.rows ? { rows: b.rows.map((r) => r.map(link)) } : {}) }]));
  return { ...raw, blocks: kept, footnotes: [...raw.footnotes, ...taken.notes], dropped: [...raw.dropped, ...dropped] };
}
