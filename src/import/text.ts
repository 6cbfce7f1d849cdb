// Shared by the importers: the units read from a published memo, and how broken lines rejoin.
import type { MemoMeta } from '../model/types.ts';

/** A field of the title page a line of the title block goes to. */
export type TitleField = 'title' | 'subtitle' | 'authors' | 'series' | 'date' | 'publisher' | 'program';

/** A unit of the memo's body, before its structure is known. */
export interface RawBlock {
  kind: 'heading' | 'bullet' | 'dash' | 'text' | 'table';
  /** The block's text (a table's: its cells in reading order). */
  text: string;
  /** 1-based line of the input where the block starts (0 where the input has no lines: a page's DOM). */
  line: number;
  /** A heading's level where the input says it (Markdown, HTML, Word, a PDF's type sizes): 1 is the largest. */
  level?: number;
  /** A list item's nesting where the input says it: 0 for a top-level item. */
  depth?: number;
  /** A table's rows of cells, its header row first. */
  rows?: string[][];
  /** What the input's style says the line is (a Word style, an HTML class): a title block's line. */
  hint?: TitleField;
  /** The lines a reader joined into this block (a PDF's), where it joined several. */
  lines?: string[];
  /** It opens with a sign the input draws but holds no text for (an emoji a PDF draws without its font). */
  signLost?: boolean;
  /** A line of the title page by its layout (a PDF's centred lines above the body): never the body's start. */
  titlePage?: boolean;
  /** The links the input gives in the block (a web page's, a Word file's), in their order: written as Markdown links. */
  links?: Link[];
}

/** An address a link of a document leads to that means the same wherever the memo is: http(s) or mailto (not a page's own relative ones, nor a script). */
export const OUTSIDE_ADDRESS = /^(https?:\/\/|mailto:)\S/iu;

/** A link of the input: the words it is on, and where it leads (an http(s) or mailto address). */
export interface Link {
  text: string;
  href: string;
  /** Where in its block's text the words start, where the reader knows (a PDF's); else they are the first place they stand as words. */
  at?: number;
}

/** Something the importer left out, and why. */
export interface Dropped {
  line: number;
  text: string;
  why: string;
  /** The PDF page it was on. */
  page?: number;
}

export interface RawFootnote {
  label: string;
  text: string;
  line: number;
}

export interface RawMemo {
  blocks: RawBlock[];
  footnotes: RawFootnote[];
  /** What the importer left out, with why, for the report. */
  dropped: Dropped[];
  /** Title page facts the input itself gives (a `#` title, front matter, document properties). */
  meta?: Partial<MemoMeta>;
}

/**
 * A footnote reference whose place the input states (a Markdown `[^1]`, a link to a note, a
 * raised number in a PDF): kept in the text as a private-use mark until it is written.
 */
export const refMark = (label: string): string => `\uE000${label}\uE001`;
export const REF_MARK = /\uE000([^\uE001]*)\uE001/gu;


/** A footnote number right after a sentence's end (。」） or a Latin full stop), and the spaces after it. */
const FOOTNOTE_MARK = /([。．」』）)]|(?<=[A-Za-z])\.)([0-9]{1,2})(?:\s+|$)/gu;

/**
 * Replaces each mark of a known footnote in `text` by `mark(end, label)`, `end` being the
 * sentence end it follows: how the importer writes references and how it counts sentences.
 */
export function replaceFootnoteMarks(text: string, labels: Set<string>, mark: (end: string, label: string) => string): string {
  return text.replace(FOOTNOTE_MARK, (all, end: string, label: string) => (labels.has(label) ? mark(end, label) : all));
}

const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;
// A line of spaced writing never ends with an opening quote nor starts with a closing one: a
// straight quote at either edge stands beside a space.
// (A note's reference after the word counts as the word: "…design guide¹" / "is an activity".)
const LATIN_END = /[A-Za-z0-9,.;:!?)\]”’"'%&](?:\uE000[^\uE001]*\uE001)*$/u;
const LATIN_START = /^[A-Za-z0-9(“‘["']/;
/** A dash written with spaces round it ("a — b"): a break beside it stands for its space. */
const SPACED_DASH_END = /[^\s]\s[—–]$/u;
const SPACED_DASH_START = /^[—–]\s/u;
const JA_END = /[\u3041-\u30ff\u4e00-\u9fff]$/u;
const JA_START = /^[\u3041-\u30ff\u4e00-\u9fff]/u;

/** Japanese letters (kana, kanji) and Latin letters or digits, as they meet in mixed text. */
const JA = '\\u3041-\\u30ff\\u4e00-\\u9fff';
const JA_LATIN_SPACED = new RegExp(`[${JA}] [A-Za-z0-9]|[A-Za-z0-9] [${JA}]`, 'gu');
const JA_LATIN_TOUCHING = new RegExp(`[${JA}][A-Za-z0-9]|[A-Za-z0-9][${JA}]`, 'gu');

/**
 * Whether a text spaces Latin words and numbers from the Japanese around them ("2017 年に ASI
 * は"), judged by where they meet inside its lines: most of the time, and at least three times.
 */
export function spacesMixedText(lines: string[]): boolean {
  let spaced = 0;
  let touching = 0;
  for (const line of lines) {
    spaced += line.match(JA_LATIN_SPACED)?.length ?? 0;
    touching += line.match(JA_LATIN_TOUCHING)?.length ?? 0;
  }
  return spaced >= 3 && spaced > 2 * touching;
}

/**
 * Rejoins a line broken inside a sentence: no space between Japanese characters, one space
 * between Latin words, and the space the extraction left where half- and full-width text meet.
 * `mixedSpace`: the text spaces Latin from Japanese (`spacesMixedText`), so a break where they
 * meet stands for a space too — a PDF keeps no trace of a space at a line's end.
 */
export function joinLines(previous: string, next: string, mixedSpace = false): string {
  const a = previous.replace(/\s+$/, '');
  const b = next.trim();
  if (a === '') return b;
  if (b === '') return a;
  // A space the extraction left at the end of the line stays, except between two Japanese
  // characters (the memo's style spaces half-width text from full-width text, never kana from kana).
  const hadSpace = a.length < previous.length && !(WIDE.test(a.at(-1)!) && WIDE.test(b[0]!));
  const latin = (LATIN_END.test(a) || SPACED_DASH_END.test(a)) && (LATIN_START.test(b) || SPACED_DASH_START.test(b));
  const mixed = mixedSpace && ((JA_END.test(a) && /^[A-Za-z0-9]/.test(b)) || (/[A-Za-z0-9]$/.test(a) && JA_START.test(b)));
  return `${a}${hadSpace || latin || mixed ? ' ' : ''}${b}`;
}

/** Full-width digits as half-width (only for reading numbers, never in the memo's text). */
export function asciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** "評 価" → "評価": a title spaced out letter by letter. */
export function unspace(text: string): string {
  return /^(\S\s)+\S$/u.test(text) && [...text.replace(/\s/g, '')].every((c) => WIDE.test(c)) ? text.replace(/\s/g, '') : text;
}

/**
 * Does a line end a paragraph? The extraction marks it: a sentence terminator (maybe with a
 * footnote number) followed by a space. A line that merely ends at 。 runs on.
 */
export function endsParagraph(rawLine: string, fullLine = Infinity): boolean {
  if (/[。．！？)）」』][0-9]{0,2}\s+$/u.test(rawLine)) return true;
  // Latin text also breaks lines at spaces after a sentence: there, only a line that stops
  // short of the page's width ends its paragraph.
  return /[A-Za-z0-9)"”’][.!?][0-9]{0,2}\s+$/u.test(rawLine) && rawLine.trim().length < fullLine * 0.85;
}

/** A closing mark such as （了） or 以上 on a line of its own: not part of the memo's text. */
export const END_MARK = /^(?:[（(]\s*(?:了|終|完|以上|End|end)\s*[)）]|以上|[-—–]\s*(?:End|end)\s*[-—–])$/u;

/** "Initiative 1: …", "イニシアチブ１：…": a name, a number and a colon open an initiative. */
export const NUMBERED_NAME = /^\S{1,16}?\s?[0-9０-９]{1,2}\s*[：:]/u;
/** "1． …", "2. …": a numbered part of the assessment. */
export const NUMBERED_PART = /^[0-9０-９]{1,2}[．.]\s*\S/u;
/** Point markers: "・" and its Latin kin mark points; "- " and "– " mark items. */
export const POINT = /^[・•●▪◦]\s*/u;
export const ITEM = /^[-–]\s+/u;
/** Longest heading, in em (a Japanese character is 1 em, a Latin letter about 0.6). */
export const MAX_HEADING_EM = 30;
