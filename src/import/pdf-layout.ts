// A PDF's lines in reading order → the memo's blocks. Pure: type size and weight make headings
// (their level by size), a raised small number is a note reference and starts its note at the
// page's foot, list items come from their markers or their indent, and lines broken inside a
// sentence join.
import { bodySize, pageLines, readingOrder, type PdfPage } from './pdf-lines.ts';
import { AUTOSPACING_WRITERS, joinAfter, wordBreaks, type Line } from './pdf-line-text.ts';
import { dropMargins, dropRuby } from './pdf-drop-lines.ts';
import { END_MARK, joinLines, spacesMixedText, type Dropped, type RawBlock, type RawFootnote, type RawMemo } from './text.ts';

/** A list item's marker: a bullet, or a dash with a space after it (a dash against the text is the text's own: "—“生成 AI”—"). */
/** A bullet alone on its line: a bulleted item whose words are a numbered list's (LibreOffice prints "•" over "(1) …"). */
const LONE_BULLET = /^[•・●○◦▪▫■□◆◇‣⁃∙]$/u;
const BULLET = /^(?:[•・●○◦▪▫■□◆◇‣⁃∙\uf0b7\uf0a7\uf076\uf0d8*](?:\s+|(?=\S))|[–—-]\s+)/u;
/** A bullet before a heading's words: the marker of the point it was set as. */
const HEADING_MARKER = /^[•●○◦▪■\uf0b7\uf0a7]\s*/u;
const SENTENCE_END = /[。．.!?！？」』）)]$/u;
/** A Latin sentence's stop at a line's end, with the quotes and brackets that close after it. */
const LATIN_STOP = /[\p{Script=Latin}0-9)”’"'][.!?]["'”’)\]]*$/u;

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
/** A sentence's end with more text after it on the line: a paragraph with a bold lead-in, never a heading. */
const SENTENCE_INSIDE = /[。！？](?=.)|[a-z]{2,}[.!?]\s+\S/u;
const isHeadingStyle = (l: Line, body: number) => !l.noteStart && (l.size > body * 1.1 || (l.bold && l.size >= body * 0.95)) && !/[。、，,;；]$/u.test(l.text) && l.text.length < 120;

/** The width a word of a line takes, estimated from the line's width per character. */
const wordWidth = (line: Line, word: string) => (word.length * (line.end - line.x)) / Math.max(1, line.text.length);

/**
 * The room a space and a word of a line take, estimated from the line's width as a sans-serif's
 * letters share it (Helvetica's advances, in thousandths of an em: "We" takes twice what "il" does).
 */
function spacedWordWidth(line: Line, word: string): number {
  return setWidth(line, ` ${word}`);
}

/** The room `next`'s first word takes after `before`: as drawn (where the page tells) after the space `before` draws, else estimated. */
function firstWordRoom(before: Line, next: Line): number {
  return next.firstWord !== undefined ? next.firstWord + (before.space ?? next.size * 0.25) : spacedWordWidth(next, /^\S+/u.exec(next.text)?.[0] ?? '');
}

/** How wide `text` would be set in a line's type: the line's width, shared as Helvetica's advances share it. */
const setWidth = (line: Line, text: string) => ((line.end - line.x) * units(text)) / Math.max(1, units(line.text));
const units = (text: string) => [...text].reduce((sum, c) => sum + advance(c), 0);
const ADVANCE = Object.fromEntries(
  [
    [' ,.:;!ijlft\'', [278, 278, 278, 278, 278, 278, 222, 222, 222, 278, 278, 191]],
    ['abdeghnopqu0123456789?', 556],
    ['cksvxyzJ', 500],
    ['mM', 833],
    ['wCDHNRU', 722],
    ['ABEKPSVXY', 667],
    ['FTZ', 611],
    ['GOQ', 778],
    ['L', 556],
    ['W', 944],
    ['r()-“”"', [333, 333, 333, 333, 333, 333, 355]],
    ['’‘I', [222, 222, 278]],
  ].flatMap(([chars, width]) => [...(chars as string)].map((c, i): [string, number] => [c, Array.isArray(width) ? width[i]! : (width as number)])),
);
/**
 * How wide the text a line opens with would be set, that a writer cannot part at a line's end: a
 * Latin word, or a Japanese character with the brackets and stops that may not part from it
 * ("（DCS）", "る。"). Its size's em a Japanese character, Helvetica's advances a Latin letter.
 */
function unitWidth(line: Line): number {
  const text = line.text;
  // (Letters set apart one by one, "1 9 8 8", are one word.)
  const unit = /^[（(「『［[【〔“‘]*(?:(?:[\p{Script=Latin}0-9] ){2,}[\p{Script=Latin}0-9]|[\p{Script=Latin}0-9][^\s（(「『［[【〔\u3000-\u303f\u3040-\u30ff\u4e00-\u9fff]*|\S)[）)」』］\]】〕”’、。，．ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ]*/u.exec(text)?.[0] ?? '';
  // As wide as the line sets its letters (a wider face, letters spaced apart), at least as its size's em sets them.
  return Math.max((units(unit) * line.size) / 1000, setWidth(line, unit));
}
const advance = (c: string) => ADVANCE[c] ?? (/[\u2e80-\u9fff\uff00-\uffef]/u.test(c) ? 1000 : 556);

/**
 * A line that opens an item of a numbered list, its number and the space after it: "1. …", "2) …",
 * "１．…", "(3) …", "（4）…", "⑤ …", "（ウ）…", and in Japanese text, which sets no space after it,
 * "1.テキスト", "１．EBPMの…", "4）学習…" (not "1.5", not "1.The").
 */
const NUMBERED_ITEM = /^(?:([0-9]{1,2}|[０-９]{1,2})(?:[.)．）]\s+(?=\S)|[.．)）](?=[^\s0-9０-９.．]))|[(（]([0-9]{1,2}|[０-９]{1,2})[)）]\s*(?=\S)|([\u2460-\u2473])\s*(?=\S)|[(（]([アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン])[)）]\s*(?=\S))/u;

/** Katakana in the order Japanese documents count with them ("（ア）", "（イ）", …: Word's aiueo numbering). */
const AIUEO = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン';

/**
 * The numbers an item's text goes without, as a Word or HTML list's item does: "1. ", "2) ",
 * "３．" with a space after them. Any other (“（1）”, "①", "1.テキスト") stays the item's text: it
 * is what the text cites ("（３）の要件") as often as a list's number.
 */
const DROPPED_NUMBER = /^([0-9]{1,2}|[０-９]{1,2})[.)．]\s+(?=\S)/u;

/**
 * What opens a sentence that cites a number rather than an item that the number opens: a
 * particle or a word that counts ("（１）で述べた", "①の場合", "(1)式に", "第2項"), an arrow
 * ("①→②"), or a word in small letters ("(1) and (2) imply").
 */
const CITES = /^(?:[のでにをはがとやへもか、。，．,.→・]|より|から|まで|[式項号条章節]|\p{Ll})/u;

/** A numbered item's number ("1", "12") and how it is set ("#.", "(#)", "①"): a list keeps one form. */
function itemNumber(text: string): { n: string; form: string } | undefined {
  const match = NUMBERED_ITEM.exec(text);
  if (!match || CITES.test(text.slice(match[0].length))) return undefined;
  // (A number with no space after it numbers Japanese text only: "1.EBPM（証拠に…", not "1.The".)
  if (match[1] && !/\s$/u.test(match[0]) && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return undefined;
  const n = match[4] ? String(AIUEO.indexOf(match[4]) + 1) : (match[1] ?? match[2] ?? match[3])!.normalize('NFKC');
  const form = match[3] ? '①' : match[4] ? '(ア)' : match[0].trim().normalize('NFKC').replace(/[0-9]+/u, '#');
  return { n, form };
}

/**
 * The lines that open the items of a numbered list, its numbers the PDF's text: a line opening
 * with "1." (or "1)", "１．") and lines after it opening with "2.", "3.", … in turn, set as far in
 * (a number of more digits set out by them: Chromium sets its numbers flush right), each under a
 * line that ended (`ended`: with room left, or at a sentence's stop) — two at least, before the
 * list ends. A number that opens a line alone ("2024." at a line's start, a paragraph numbered
 * once) opens none.
 */
function numberedItems(lines: Line[], isHeading: (l: Line) => boolean, indentOf: (l: Line) => number, ended: (before: Line, l: Line) => 'room' | 'stop' | undefined): Set<Line> {
  const number = (l: Line) => itemNumber(l.text)?.n;
  const form = (l: Line) => itemNumber(l.text)?.form;
  // Where the number's last digit ends, in digits' widths from the line's start (about half an em each).
  const numberEnd = (l: Line) => indentOf(l) + number(l)!.length * l.size * 0.55;
  // How the line before ends: with room left (a block ended there), or a sentence's stop only.
  const before = (i: number): 'room' | 'stop' | undefined => (i === 0 || isHeading(lines[i - 1]!) ? 'room' : ended(lines[i - 1]!, lines[i]!));
  const aligned = (l: Line, first: Line) => Math.abs(indentOf(l) - indentOf(first)) < l.size * 0.5 || Math.abs(numberEnd(l) - numberEnd(first)) < l.size * 0.5;
  const found = new Set<Line>();
  const opens = (l: Line) => found.has(l) || BULLET.test(l.text);
  const setInUnderItem = (i: number): boolean => {
    const first = lines[i]!;
    const under = lines[i - 1];
    if (!under || indentOf(first) <= indentOf(under) + first.size * 0.5) return false;
    if (opens(under)) return before(i) === 'room';
    for (let j = i - 2; j >= 0 && lines[j]!.page === under.page; j--) {
      if (opens(lines[j]!)) return indentOf(lines[j]!) < indentOf(under) + first.size * 0.5;
      if (Math.abs(indentOf(lines[j]!) - indentOf(under)) >= first.size * 0.5 || isHeading(lines[j]!)) return false;
    }
    return false;
  };
  lines.forEach((first, i) => {
    if (found.has(first) || number(first) !== '1' || isHeading(first) || !before(i)) return;
    // The lines numbered 2, 3, … that may open items, until the list ends: a heading, another
    // "1.", or a line of no number at the list's indent (or out from it) under a line that ended
    // with room (the paragraph after the list).
    const candidates = new Map<number, Array<{ line: Line; room: boolean }>>();
    let next = 2;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!;
      const how = before(j);
      if (isHeading(l)) break;
      const n = form(l) === form(first) ? number(l) : undefined;
      if (n === undefined || !aligned(l, first)) {
        // (An item's bulleted sub-list, its bullets set as far out as the numbers or further, is no paragraph after the list.)
        if (how === 'room' && indentOf(l) < indentOf(first) + l.size * 0.5 && l.page === lines[j - 1]!.page && !BULLET.test(l.text) && !LONE_BULLET.test(l.text)) break;
        continue;
      }
      if (n === '1' && how) break;
      const k = Number(n);
      if (!how || k < 2 || k > next) continue;
      if (k === next) next++;
      candidates.set(k, [...(candidates.get(k) ?? []), { line: l, room: how === 'room' }]);
    }
    // Item k: the last of its lines under a line that ended with room, else its first under a
    // stop — not a line of an item's text that opens with a number after a sentence ("…two parts.
    // 1. A summary… 2. The raw data") or a sentence wrapped onto the number ("…in its section" /
    // "2. The Department").
    const run = [first];
    for (let k = 2; candidates.has(k); k++) {
      const options = candidates.get(k)!.filter(({ line }) => lines.indexOf(line) > lines.indexOf(run.at(-1)!));
      const pick = options.filter((c) => c.room).at(-1) ?? options[0];
      if (!pick) break;
      run.push(pick.line);
    }
    // (A list of one set in under an item is that item's sub-list, its own item too: under a
    // one-line item that ended with room — "1. Institutional barriers" / "1. Use special zones…" —
    // or under an item's last line, set in from it, which ended ("…通知できるようにします。" /
    // "1.カナダや…": a line of the item's own text would be set as far in as its others).)
    const nested = run.length === 1 && before(i) !== undefined && setInUnderItem(i);
    if (run.length >= 2 || nested) for (const l of run) found.add(l);
  });
  return found;
}

/** Depths of list items: the rank of their indent from the column's edge among all items' indents. */
function itemDepths(lines: Line[], isHeading: (l: Line) => boolean, indentOf: (l: Line) => number, numbered: Set<Line> = new Set()) {
  const indents: number[] = [];
  const add = (indent: number) => {
    if (indents.some((i) => Math.abs(i - indent) < 4)) return;
    indents.push(indent);
    indents.sort((x, y) => x - y);
  };
  for (const l of lines) if (!isHeading(l) && (BULLET.test(l.text) || numbered.has(l))) add(indentOf(l));
  return { add, depthOf: (indent: number) => Math.max(0, indents.findIndex((i) => Math.abs(i - indent) < 4)) };
}

/**
 * A Latin stop inside a bracket the line opened and has not closed ("…政策機構 (U.S." / "Science
 * and Technology Policy Institute)…"): an abbreviation's, not the sentence's end.
 */
const stopInBracket = (text: string) => /\.$/u.test(text) && (text.match(/[(（]/gu)?.length ?? 0) > (text.match(/[)）]/gu)?.length ?? 0);
/** Does the line end a sentence (a note mark after it aside)? */
const endsSentence = (l: Line) => {
  const text = l.text.replace(/\uE000[^\uE001]*\uE001$/u, '');
  return SENTENCE_END.test(text) && !stopInBracket(text);
};
/** Japanese text and full-width forms, which a writer breaks between any two characters. */
const UNSPACED = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;
/** Does the line end with a sentence's stop (or a colon), a bracket or quote after it aside? A bracket alone closes a phrase, not the sentence. */
const closesSentence = (l: Line) => {
  const text = l.text.replace(/\uE000[^\uE001]*\uE001$/u, '');
  return /[。．.!?！？:：][」』）)〕］\]"'”’]*$/u.test(text) && !stopInBracket(text);
};

/** A note's first line: a raised number opens it, or small type "1. …" after the body's last line. */
function noteStart(line: Line, body: number, inNotes: boolean, previous: Line | undefined): RawFootnote | undefined {
  if (line.noteStart) return { label: line.noteStart, text: line.text, line: line.page };
  const small = line.size < body * 0.9 ? /^([0-9]{1,3})[.)]?\s+(\S.*)$/u.exec(line.text) : null;
  if (!small || !(inNotes || !previous || previous.size >= body * 0.9)) return undefined;
  return { label: small[1]!, text: small[2]!, line: line.page };
}

type OpenBlock = RawBlock & { style?: string; lastY: number; lastPage: number; glyphless?: boolean; firstIndent?: number };

/**
 * The geometry of the page's columns that tells a line's end: where each column's lines end at
 * the most, and whether a line runs on into the next (it reaches its column's edge inside a
 * sentence) or goes on (it does so where the script breaks anywhere).
 */
function columnGeometry(lines: Line[], body: number): { columnEnd: Map<string, number>; justified: (l: Line) => boolean; runsOn: (l: Line) => boolean; goesOn: (l: Line, next: Line) => boolean; wrapsTo: (l: Line, next: Line) => boolean; roomAfter: (l: Line) => number; pitch: Map<number, number>; marksParagraphs: boolean; setsInFirstLines: boolean } {
  // Where each column's lines end at the most: a line ending well short of it ended its paragraph.
  const columnEnd = new Map<string, number>();
  for (const l of lines) columnEnd.set(`${l.page}/${l.left}`, Math.max(columnEnd.get(`${l.page}/${l.left}`) ?? 0, l.end));
  // A column set justified: two lines in five at least of its five or more reach its end.
  const reach = new Map<string, { lines: number; full: number }>();
  for (const l of lines) {
    const key = `${l.page}/${l.left}`;
    const count = reach.get(key) ?? { lines: 0, full: 0 };
    count.lines++;
    if (columnEnd.get(key)! - l.end < l.size * 0.1) count.full++;
    reach.set(key, count);
  }
  const justified = (l: Line) => {
    const { lines: all, full } = reach.get(`${l.page}/${l.left}`)!;
    return all >= 5 && full >= all * 0.4;
  };
  // The right edge a column's full lines reach: the middle of the line ends within three ems of the
  // farthest (a stop hung past the edge, or a Latin word run over it, reaches farther than the rest).
  // (A line across the page's columns, a title over them, starts where the left one does: it is measured apart.)
  const lefts = new Map<number, Set<number>>();
  for (const l of lines) lefts.set(l.page, (lefts.get(l.page) ?? new Set()).add(l.left));
  const column = new Map(lines.map((l) => [l, `${l.page}/${l.left}${[...lefts.get(l.page)!].some((x) => x > l.x + body && x < l.end - body) ? '/across' : ''}`]));
  const ends = new Map<string, number[]>();
  for (const l of lines) {
    const key = column.get(l)!;
    if (!ends.has(key)) ends.set(key, []);
    ends.get(key)!.push(l.end);
  }
  const columnEdge = new Map<string, number>();
  for (const [key, all] of ends) {
    const farthest = Math.max(...all);
    const near = all.filter((e) => e >= farthest - body * 3).sort((a, b) => a - b);
    columnEdge.set(key, near[Math.floor(near.length / 2)]!);
  }
  // A line that reaches its column's edge (but for the two characters a writer may not part from
  // the next line's start, "は、") and stops inside its sentence runs on in the next line that holds text.
  const runsOn = (l: Line) => l.end >= columnEdge.get(column.get(l)!)! - l.size * 2 && !closesSentence(l);
  // A writer breaks Japanese text at any character, so a full line there says the text goes on;
  // Latin text breaks only at a space, and a full line ending a list item without a stop is no
  // rarer than one inside a sentence ("…(e.g., Siri, Alexa)" / "Large-language models…").
  const goesOn = (l: Line, next: Line) => runsOn(l) && (UNSPACED.test(l.text.replace(/\uE000[^\uE001]*\uE001$/u, '').at(-1) ?? '') || UNSPACED.test(next.text[0] ?? ''));
  // A Latin line that stops short of its column's edge only because the next line's first word
  // would not have fitted after it ("…to help identify" / "opportunities for…") runs on too.
  const wrapsTo = (l: Line, next: Line) => {
    const word = /^[\p{L}\p{N}][^\s]*/u.exec(next.text)?.[0];
    if (!word || closesSentence(l) || UNSPACED.test(l.text.at(-1) ?? '') || UNSPACED.test(word)) return false;
    const wordWidth = ((next.end - next.x) * [...word].length) / Math.max(1, [...next.text].length);
    return l.end + l.size * 0.3 + wordWidth > columnEdge.get(column.get(l)!)!;
  };
  // The spacing of a paragraph's lines, for each type size: the middle of the distances from a line
  // that runs on inside its sentence to the next line of its column (none known from fewer than three).
  const spacings = new Map<number, number[]>();
  lines.forEach((l, i) => {
    const next = lines[i + 1];
    if (!next || next.page !== l.page || column.get(next) !== column.get(l) || next.y >= l.y || Math.abs(next.size - l.size) >= 0.5 || !runsOn(l) || l.y - next.y >= l.size * 1.9) return;
    spacings.set(l.size, [...(spacings.get(l.size) ?? []), l.y - next.y - (next.rise ?? 0)]);
  });
  const pitch = new Map([...spacings].filter(([, all]) => all.length >= 3).map(([size, all]) => [size, all.sort((a, b) => a - b)[Math.floor(all.length / 2)]!]));
  // Whether the document marks where a paragraph starts — farther below than its lines are spaced,
  // or set in — as it does after most lines that surely end one (a sentence's stop well short of
  // the column, with room for the next line's first word), in the body's type.
  let marked = 0;
  let setIn = 0;
  let stops = 0;
  lines.forEach((l, i) => {
    const next = lines[i + 1];
    const spacing = pitch.get(l.size);
    if (!next || spacing === undefined || next.page !== l.page || column.get(next) !== column.get(l) || next.y >= l.y || l.size !== next.size || l.bold || next.bold || l.y - next.y > l.size * 3) return;
    if (!closesSentence(l) || ITEM_START.test(next.text) || columnEnd.get(`${l.page}/${l.left}`)! - l.end < spacedWordWidth(next, /^\S+/u.exec(next.text)?.[0] ?? '') + l.size * 2) return;
    stops++;
    if (l.y - next.y - (next.rise ?? 0) > spacing + l.size * 0.25 || next.x - l.x > l.size * 0.5) marked++;
    if (next.x - l.x > l.size * 0.5) setIn++;
  });
  // The room a line leaves before its column's edge (its full lines' edge, not a title's across the columns).
  const roomAfter = (l: Line) => columnEdge.get(column.get(l)!)! - l.end;
  return { columnEnd, justified, runsOn, goesOn, wrapsTo, roomAfter, pitch, marksParagraphs: stops >= 3 && marked >= stops * 0.75, setsInFirstLines: stops >= 3 && setIn >= stops * 0.5 };
}

/** A line that opens with a list's marker or number: an item, whatever the paragraphs around it do. */
const ITEM_START = /^(?:[-–•・●▪◦*]\s|[0-9０-９]{1,2}[.)．]\s|\(?[a-z0-9]\)\s)/u;

/** The blocks as the reader gives them: a text block joined from several lines keeps them (a title page's short lines may each say a fact). */
function closed({ kind, text, line, level, depth, lines: joined, signLost, titlePage: onTitlePage }: OpenBlock): RawBlock {
  return { kind, text, line, ...(level ? { level } : {}), ...(depth !== undefined ? { depth } : {}), ...(kind === 'text' && joined && joined.length > 1 ? { lines: joined } : {}), ...(signLost ? { signLost } : {}), ...(onTitlePage ? { titlePage: true } : {}) };
}

/** Lines in reading order → headings, list items, paragraphs and notes. */
/**
 * Whether a web address at the end of a text goes on in the next line: a link of the page has the
 * address with the next line's first characters after it ("…/2019/10/10/co" / "mpeting-with-…").
 */
function addressGoesOn(text: string, next: string, urls: string[]): boolean {
  const address = /https?:\/\/[^\s<>"（）「」『』、。]+$/u.exec(text)?.[0];
  const start = /^[^\s<>"（）「」『』、。]+/u.exec(next.trim())?.[0];
  if (!address || !start) return false;
  return urls.some((url) => url.startsWith(address) && url.length > address.length && url.slice(address.length).startsWith(start.slice(0, url.length - address.length)));
}

function flow(lines: Line[], body: number, dropped: Dropped[], mixedSpace = false, opensLost: (l: Line) => boolean = () => false, titlePage: Set<Line> = new Set(), indentOf: (l: Line) => number = (l) => l.x - l.left, urls: string[] = []): Flow {
  // A web address broken at a line's end goes on in the next line, whatever the writer's wrap says.
  const joinAddress = (text: string, next: string) => (addressGoesOn(text, next, urls) ? `${text.trimEnd()}${next.trim()}` : undefined);
  const levels = headingLevels(lines, body);
  const { columnEnd, justified, runsOn, goesOn, wrapsTo, roomAfter, pitch, marksParagraphs, setsInFirstLines } = columnGeometry(lines, body);
  // (A line ends before the next where it ends a sentence or a clause's lead, "…include:", or
  // leaves room for the next line's first word — the number, as drawn, after a space. In a column
  // set ragged, whose edge is known only as far as its longest line reaches, by an em more.)
  const endsBefore = (before: Line, l: Line): 'room' | 'stop' | undefined => {
    if (columnEnd.get(`${before.page}/${before.left}`)! - before.end > firstWordRoom(before, l) + (justified(before) ? 0 : l.size)) return 'room';
    // (A Japanese sentence may end without its stop, as a point's does: "…と考えます".)
    return endsSentence(before) || /(?:[:：]|ます|ました|ません|です|でした|ください)$/u.test(before.text) ? 'stop' : undefined;
  };
  const numbered = numberedItems(lines, (l) => levels.has(styleKey(l)), indentOf, endsBefore);
  const items = itemDepths(lines, (l) => levels.has(styleKey(l)), indentOf, numbered);
  // A line that opens a list item: by its bullet, or its number in a numbered list.
  const opensItem = (l: Line) => BULLET.test(l.text) || numbered.has(l);
  // How often each line's words stand as a line of their own in the document.
  const repeated = new Map<string, number>();
  for (const l of lines) repeated.set(l.text, (repeated.get(l.text) ?? 0) + 1);
  const blocks: OpenBlock[] = [];
  const footnotes: RawFootnote[] = [];
  let open: OpenBlock | undefined;
  let note: RawFootnote | undefined;
  let notesPage = 0;
  let noteSize = 0;
  let previous: Line | undefined;
  const start = (block: RawBlock, line: Line, extra: Partial<OpenBlock> = {}) => {
    open = { ...block, ...extra, lastY: line.y, lastPage: line.page, lines: [line.text], ...(opensLost(line) ? { signLost: true } : {}), ...(titlePage.has(line) ? { titlePage: true } : {}) };
    blocks.push(open);
  };
  // A bold line at the body's size that a paragraph's next line follows at the paragraph's own
  // spacing is a paragraph's bold lead-in, not a heading: its words go on, still bold, into a line
  // that then goes on in the body's weight ("Designing to actively protect human" /
  // "vulnerabilities. Human tendencies…"), or they end a Latin sentence ("Surfacing potential
  // harms to groups." / "Carefully thinking through…") — and they fill the line (a term of a list
  // of definitions, or a heading over a bold lead-in, ends short of its column).
  const leadIns = new Set(lines.filter((l, i) => {
    const next = lines[i + 1];
    if (!l.bold || l.size >= body * 1.1 || !next || next.page !== l.page || next.left !== l.left || Math.abs(next.size - l.size) >= 0.5 || next.y >= l.y || l.y - next.y >= l.size * 1.9) return false;
    // (Either way the lead-in fills its line: no room left for the next line's first word. A short
    // bold line is a heading, whatever follows it.)
    const word = /^\S+/u.exec(next.text)?.[0] ?? '';
    const full = columnEnd.get(`${l.page}/${l.left}`)! - l.end < wordWidth(next, word) + l.size;
    return full && (next.boldLead ? !SENTENCE_END.test(l.text) : !next.bold && /\p{Ll}{2}\.$/u.test(l.text));
  }));
  let last: Line | undefined; // the line before, notes' too: how it ends tells how the next joins it
  for (const [at, line] of lines.entries()) {
    // (A bullet alone over a numbered list's item is that item's marker too: the number opens it.)
    if (LONE_BULLET.test(line.text) && lines[at + 1] !== undefined && numbered.has(lines[at + 1]!)) continue;
    const before = last;
    last = line;
    if (END_MARK.test(line.text)) {
      dropped.push({ line: line.page, page: line.page, text: line.text, why: 'end mark' });
      continue;
    }
    // Notes run to the page's end in their type; the body's open paragraph goes on after them, on
    // the next page — or in the next column, where a page in columns sets each column's notes at
    // its foot (LibreOffice): there a line in the body's type ends the note, and a line in the
    // note's type after the next column's text goes on in it.
    const opened = noteStart(line, body, note !== undefined || notesPage === line.page, previous);
    if (opened) {
      footnotes.push((note = opened));
      notesPage = line.page;
      noteSize = line.size;
      continue;
    }
    const inNoteType = line.page === notesPage && Math.abs(line.size - noteSize) < 0.3 && !levels.has(styleKey(line));
    if ((note || (noteSize < body * 0.9 && line.size < body * 0.9)) && inNoteType) {
      note ??= footnotes.at(-1)!;
      note.text = joinAddress(note.text, line.text) ?? (/^https?:\/\//.test(line.text) ? `${note.text} ${line.text}` : joinAfter(note.text, before, line.text, mixedSpace));
      continue;
    }
    note = undefined;
    const gap = open ? open.lastY - line.y : 0;
    // (A raised note number may set its line lower by as much as it stands above it.)
    const sameFlow = open !== undefined && open.lastPage === line.page && gap > 0 && gap < line.size * 1.9 + (line.rise ?? 0);
    // A heading's line that fills its column goes on in the next, however wide its line spacing (LibreOffice's headings).
    const filled = previous !== undefined && previous.end >= columnEnd.get(`${previous.page}/${previous.left}`)! - line.size * 2;
    const wrapped = open !== undefined && open.lastPage === line.page && gap > 0 && gap < line.size * 3 && filled;
    // A heading's next line goes on in its style; a line that starts one holds no sentence's end before more text.
    // (Not from a line that ends two thirds of its column short, unless centred: a short heading
    // under another is a heading of its own in the same type — a Word document's headings.)
    const edge = previous === undefined ? 0 : columnEnd.get(`${previous.page}/${previous.left}`)!;
    const centredLine = previous !== undefined && Math.abs(previous.x - previous.left - (edge - previous.end)) < line.size * 2 && previous.x - previous.left > line.size;
    const shortHeading = previous !== undefined && previous.end - previous.left < (edge - previous.left) / 3 && !centredLine;
    // (Nor from a line that ends short of its column with room for the next line's first word — by
    // a fifth more than it seems to take: a face may be wider — or, in Japanese text, which breaks
    // anywhere, for its first character: "…届けます" / "現状認識・課題分析" — where the next line
    // stands farther below than a line's spacing, or ends a heading that already wrapped: a line
    // right under a heading's one line is its manual break, "How 18F is navigating AI:" / "our practices today".)
    // (Or where the next line is a heading the document repeats: "現状認識・課題分析" under each section.)
    const spacedBelow = gap - (line.rise ?? 0) > (pitch.get(line.size) ?? line.size * 1.5) + line.size * 0.2;
    const endedHeading =
      previous !== undefined && !centredLine && (spacedBelow || (open?.lines?.length ?? 0) >= 2 || (repeated.get(line.text) ?? 0) >= 2) && roomAfter(previous) > unitWidth(line) * (UNSPACED.test(line.text[0] ?? '') ? 1 : 1.2) + line.size * 0.25;
    const continues = open?.kind === 'heading' && open.style === styleKey(line) && (sameFlow || wrapped) && !shortHeading && !endedHeading && !opensItem(line);
    const style = leadIns.has(line) ? undefined : continues || !SENTENCE_INSIDE.test(line.text) ? levels.get(styleKey(line)) : undefined;
    const short = previous !== undefined && previous.end < columnEnd.get(`${previous.page}/${previous.left}`)! - line.size * 1.5;
    // (Or, in Latin text, short with room for the next line's first word, which opens a sentence: an
    // item's last line without a stop, the next paragraph under it.)
    const word = /^\p{Lu}[\p{Script=Latin}'’-]*/u.exec(line.text)?.[0];
    const room = previous !== undefined && word !== undefined && /[\p{Script=Latin}0-9]$/u.test(previous.text) && columnEnd.get(`${previous.page}/${previous.left}`)! - previous.end > wordWidth(line, word) + line.size * 1.5;
    // In a paragraph of Latin text, a line ending a sentence short of its column only because the
    // next line's first word would not have fitted after it goes on into that line, where the
    // document marks its paragraphs' starts and the next line bears no such mark: it stands no
    // farther below than the paragraph's lines are spaced, and is not set in. Either mark ends a
    // paragraph at a full line's stop too, in any document.
    const inText = open?.kind === 'text' && previous !== undefined;
    const paragraph = inText && line.page === previous!.page && line.left === previous!.left && line.y < previous!.y;
    const spacing = pitch.get(line.size);
    const apart = paragraph && spacing !== undefined && gap - (line.rise ?? 0) > spacing + line.size * 0.25;
    // (Not under a paragraph's first line: the next lines of a paragraph set with a hanging indent are set in from it.)
    // (Under a paragraph of one line, where the document sets in its paragraphs' first lines: a line
    // set in as far, both opening a paragraph, or set in from a flush one — the first paragraph after a heading.)
    // (Over a page or a column too: the indent is measured from where the columns start.)
    const setIn =
      inText &&
      (open!.lines!.length > 1
        ? indentOf(line) - indentOf(previous!) > line.size * 0.5 && indentOf(line) - indentOf(previous!) < line.size * 4
        : marksParagraphs &&
          ((Math.abs(indentOf(line) - indentOf(previous!)) < line.size * 0.3 && indentOf(line) > line.size * 0.5 && indentOf(line) < line.size * 4) ||
            (setsInFirstLines && indentOf(line) - indentOf(previous!) > line.size * 0.5 && indentOf(line) - indentOf(previous!) < line.size * 4)));
    // (The word as drawn, where the page tells, after a space as the line before spaces its words.)
    const wouldFit = previous !== undefined && columnEnd.get(`${previous.page}/${previous.left}`)! - previous.end > firstWordRoom(previous, line);
    const heldOver = paragraph && marksParagraphs && spacing !== undefined && !ITEM_START.test(line.text) && LATIN_STOP.test(previous!.text.replace(/\uE000[^\uE001]*\uE001$/u, '')) && !wouldFit && !apart && !setIn;
    // (A line that ends in a closing bracket, not a stop, over one that opens in a small letter is mid-sentence: "technology (技術)" / "modernization forward".)
    const bracketOnly = previous !== undefined && /^\p{Ll}/u.test(line.text) && !LATIN_STOP.test(previous.text.replace(/\uE000[^\uE001]*\uE001$/u, '')) && /[)）]$/u.test(previous.text);
    const endedShort = (short && ((endsSentence(previous!) && !bracketOnly) || room) && !goesOn(previous!, line) && !heldOver) || (inText && closesSentence(previous!) && (apart || setIn));
    // A paragraph runs on over a page only from a full last line (a title page's last line does not).
    const overPage = open !== undefined && open.lastPage !== line.page && !short;
    // Over a page or into the next column, a sentence that runs on goes on in a line of the same
    // type set where the block's lines are (not at a marker's hanging indent); a block of one line
    // shows no such place.
    const broke = previous !== undefined && (line.page !== previous.page || line.left !== previous.left || line.y >= previous.y);
    const inPlace = open !== undefined && (open.lines!.length === 1 || Math.abs(indentOf(line) - indentOf(previous!)) < line.size * 0.5);
    // (An item whose marker the PDF does not hold shows no place of its own: its text must say it goes on.)
    const runOver = broke && inPlace && (open?.glyphless ? goesOn(previous!, line) : runsOn(previous!) || wrapsTo(previous!, line)) && Math.abs(line.size - previous!.size) < 0.5;
    // (From where the column starts on every page: a page of list items alone starts at none of its lines.)
    const indent = indentOf(line);
    if (style) {
      if (continues) {
        open!.text = joinLines(open!.text, line.text, mixedSpace);
        open!.lines!.push(line.text);
      }
      // A heading set as a list's point (a bold item the memo's sections are) keeps no marker.
      else start({ kind: 'heading', text: line.text.replace(HEADING_MARKER, ''), line: line.page, level: style }, line, { style: styleKey(line) });
    } else if (leadIns.has(line) && !opensItem(line)) {
      // A bold lead-in opens its paragraph.
      start({ kind: 'text', text: line.text, line: line.page }, line);
    } else if (titlePage.has(line)) {
      // A centred line of the title page says one fact: its own block, never a list item.
      start({ kind: 'text', text: line.text, line: line.page }, line);
    } else if (opensItem(line)) {
      start({ kind: 'bullet', text: line.text.replace(numbered.has(line) ? DROPPED_NUMBER : BULLET, ''), line: line.page, depth: items.depthOf(indent) }, line);
    } else if (
      open &&
      // The line under a bold lead-in goes on in its paragraph, however short the lead-in's line.
      ((previous && leadIns.has(previous) && open.kind === 'text' && open.lines!.length === 1) ||
        (open.kind !== 'heading' && !open.titlePage && !endedShort && !(open.glyphless && previous && endsSentence(previous) && !goesOn(previous, line)) && (sameFlow || overPage || runOver)))
    ) {
      // (A line of the title page is a fact of its own: the body's first line never runs on from it — a date set right above the text.)
      // (An item without a marker ends with its sentence: the next line cannot tell otherwise.)
      open.text = joinAddress(open.text, line.text) ?? (before?.wrap ? joinAfter(open.text, before, line.text, mixedSpace) : joinLatinHyphen(open.text, line.text, mixedSpace));
      open.lines!.push(line.text);
      // A block opened by a line set in whose next line goes back out is a paragraph with its first
      // line set in (a Word file's half inch), not a list item without its marker.
      if (open.glyphless && open.kind === 'bullet' && open.lines!.length === 2 && indent < (open.firstIndent ?? 0) - line.size * 0.5) {
        open.kind = 'text';
        delete open.depth;
        open.glyphless = false;
      }
    } else if (indent > line.size * 1.2) {
      // An indented line that starts a block is a list item whose marker the PDF does not hold as text.
      items.add(indent);
      start({ kind: 'bullet', text: line.text, line: line.page, depth: items.depthOf(indent) }, line, { glyphless: true, firstIndent: indent });
    } else {
      start({ kind: 'text', text: line.text, line: line.page }, line);
    }
    open!.lastY = line.y;
    open!.lastPage = line.page;
    previous = line;
  }
  return { blocks: blocks.map(closed), footnotes };
}

/** A Latin word hyphenated at the line's end ("average-" + "speed") keeps its hyphen, without a space. */
function joinLatinHyphen(previous: string, next: string, mixedSpace: boolean): string {
  return /[A-Za-z]-$/.test(previous) && /^[a-z]/.test(next) ? `${previous}${next}` : joinLines(previous, next, mixedSpace);
}

const NUMBERED_NOTE = /^([0-9]{1,3})[.)．]\s*(\S.*)$/u;
/** A note's link back to its reference, as a web page printed ("↩︎"): no text of the note. */
const BACK_LINK = /\s*[↩↑][\ufe0e\ufe0f]?$/u;

/**
 * Notes printed as an ordinary numbered list that ends the document, in the body's type
 * (LibreOffice printing a web page's notes: "1. …↩︎"): the run of lines from a "1." to the end,
 * numbered 1, 2, 3… in order, its other lines going on the note before — taken as notes where the
 * body refers to note 1 by a raised number.
 */
function trailingNotes(lines: Line[], body: number, mixedSpace: boolean, urls: string[] = []): { from: number; notes: RawFootnote[] } {
  const none = { from: lines.length, notes: [] };
  for (let from = lines.length - 1; from >= 0; from--) {
    if (NUMBERED_NOTE.exec(lines[from]!.text)?.[1] !== '1') continue;
    const notes: RawFootnote[] = [];
    let ok = true;
    for (const line of lines.slice(from)) {
      const m = NUMBERED_NOTE.exec(line.text);
      if (line.size > body * 1.1 || line.size < body * 0.9 || line.noteStart) ok = false;
      else if (m && m[1] === String(notes.length + 1)) notes.push({ label: m[1], text: m[2]!, line: line.page });
      else {
        const note = notes.at(-1)!;
        note.text = addressGoesOn(note.text, line.text, urls)
          ? `${note.text.trimEnd()}${line.text.trim()}`
          : /^https?:\/\//.test(line.text) || /[/-]$/.test(note.text)
            ? `${note.text}${/[/-]$/.test(note.text) ? '' : ' '}${line.text}`
            : joinLines(note.text, line.text, mixedSpace);
      }
      if (!ok) break;
    }
    const before = lines.slice(0, from).map((l) => l.text).join('\n');
    if (!ok || !before.includes(`\uE0001\uE001`)) return none;
    return { from, notes: notes.map((n) => ({ ...n, text: n.text.replace(BACK_LINK, '') })) };
  }
  return none;
}

/**
 * The title page a writer centres (pandoc's LibreOffice title, subtitle, authors, date): the lines
 * that open the document centred on the page and clear of the body's left edge, each a short
 * line, not a sentence; a heading in the type of the body's headings (a centred "要旨") ends it.
 */
function titlePage(lines: Line[], pages: PdfPage[], body: number): Set<Line> {
  const edges = new Map<number, number>();
  for (const l of lines) edges.set(Math.round(l.left), (edges.get(Math.round(l.left)) ?? 0) + 1);
  const bodyLeft = [...edges].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  // Centred on the page, or in its column (a page in columns: the column's right edge is where its longest line ends).
  const right = new Map<string, number>();
  for (const l of lines) right.set(`${l.page}/${Math.round(l.left)}`, Math.max(right.get(`${l.page}/${Math.round(l.left)}`) ?? 0, l.end));
  // (Its margins alike to within an em, or a quarter of them: a paragraph's first line set in by an em that reaches the column's edge is no centred line.)
  const inColumn = (l: Line) => {
    const [before, after] = [l.x - l.left, (right.get(`${l.page}/${Math.round(l.left)}`) ?? 0) - l.end];
    return before > 3 && Math.abs(before - after) < Math.max(3, Math.min(l.size, (before + after) / 4));
  };
  const centred = (l: Line) => ((l.x - bodyLeft > l.size && Math.abs(l.x + l.end - pages[l.page - 1]!.width) < l.size) || inColumn(l)) && l.text.length <= 80 && !endsSentence(l) && !SENTENCE_INSIDE.test(l.text);
  const bodyHeadings = new Set(lines.filter((l) => isHeadingStyle(l, body) && !centred(l)).map(styleKey));
  const taken = new Set<Line>();
  for (const l of lines) {
    if (!centred(l) || taken.size >= 12 || (isHeadingStyle(l, body) && bodyHeadings.has(styleKey(l)))) break;
    taken.add(l);
  }
  return taken;
}

/**
 * The distance that moves most of the places the left column's lines start at onto places the
 * right column's start at (each place counted once, to half a point; at least three of them, and
 * more than any other distance does), or none.
 */
function sharedIndents(left: number[], right: number[]): number | undefined {
  const places = (xs: number[]) => [...new Map(xs.map((x) => [Math.round(x * 2) / 2, x])).values()];
  const [a, b] = [places(left), places(right)];
  if (a.length < 3 || b.length < 3) return undefined;
  const matches = (d: number) => a.filter((x) => b.some((y) => Math.abs(y - x - d) <= 0.6)).length;
  const tried = [...new Set(a.flatMap((x) => b.map((y) => Math.round((y - x) * 2) / 2)))].map((d) => ({ d, n: matches(d) })).sort((p, q) => q.n - p.n);
  const [best, next] = tried;
  if (!best || best.n < 3 || (next && next.n === best.n && Math.abs(best.d - next.d) > 1)) return undefined;
  // The distance itself: the middle of the matched places' own distances (not the half points').
  const exact = a.flatMap((x) => b.filter((y) => Math.abs(y - x - best.d) <= 0.6).map((y) => y - x)).sort((p, q) => p - q);
  return exact[Math.floor(exact.length / 2)];
}

export function layoutPdf(pages: PdfPage[], writer = ''): RawMemo {
  const dropped: Dropped[] = [];
  const body = bodySize(pages);
  const autospace = AUTOSPACING_WRITERS.test(writer);
  const byPage = pages.map((p) => pageLines(p, body, autospace));
  const kept = dropMargins(dropRuby(byPage, dropped), pages.map((p) => p.height), dropped);
  const ordered = wordBreaks(kept.flatMap((lines, i) => readingOrder(lines, pages[i]!.width)));
  // Where the text spaces Latin from Japanese inside its lines, a line break where they meet is a space too.
  const mixedSpace = spacesMixedText(ordered.map((l) => l.text));
  const urls = pages.flatMap((p) => (p.links ?? []).map((l) => l.url));
  const trailing = trailingNotes(ordered, body, mixedSpace, urls);
  // A line whose first item opens with a glyph of no text (an emoji without its font): the block it starts says so.
  const opensLost = (l: Line) => pages[l.page - 1]!.runs.some((r) => r.signLost && Math.abs(r.x - l.x) < 0.5 && Math.abs(r.y - l.y) < l.size * 0.4);
  // A line's indent, from where its side's columns start on every page (a column holding list items alone starts at none of its lines).
  const side = (l: Line) => (l.left >= pages[l.page - 1]!.width / 2 ? 1 : 0);
  const origins = [Infinity, Infinity];
  for (const l of ordered) origins[side(l)] = Math.min(origins[side(l)]!, l.left);
  // Columns share their indents (a paragraph's, each list level's): where the right side's lines
  // start at the left side's places moved by one distance, its origin is the left's moved by as
  // much — its lines may all be set in (items only), none at its edge.
  const shift = sharedIndents(ordered.filter((l) => side(l) === 0).map((l) => l.x), ordered.filter((l) => side(l) === 1).map((l) => l.x));
  if (shift !== undefined && origins[0]! < Infinity) origins[1] = origins[0]! + shift;
  const indentOf = (l: Line) => l.x - origins[side(l)]!;
  const { blocks, footnotes: pageNotes } = flow(ordered.slice(0, trailing.from), body, dropped, mixedSpace, opensLost, titlePage(ordered, pages, body), indentOf, urls);
  const footnotes = [...pageNotes, ...trailing.notes];
  // A raised number that names no note is the text's own digit.
  const labels = new Set(footnotes.map((f) => f.label));
  for (const b of blocks) b.text = b.text.replace(/\uE000([^\uE001]*)\uE001/gu, (all, label: string) => (labels.has(label) ? all : label));
  return { blocks, footnotes, dropped };
}
