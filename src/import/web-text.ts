// Text copied from a web page where a memo was reposted → the memo's blocks and footnotes.
// A paragraph is a line; bullet markers are lost (each point is a paragraph of its own);
// headings are short lines. Around the memo, the site: before it, navigation, the blog's name,
// greetings; above the body, the memo's title block (title, authors, date, series) amid follow
// and share lines; after it, an end mark (（了）, 以上, End), the notes (`1 …`, `1. …`, `(1) …`,
// `[1] …`, `※1 …`, `*1 …`, `注1 …`), then profile, counters, comment form, related posts.
import { displayWidth } from '../model/text.ts';
import { isBreadcrumb, NOTES_HEADING, siteLine, VIEWER_PAGE } from './site.ts';
import { readPdfPages, plainHeading, type PageLine } from './pdf-text.ts';
import { linkRefs, noteOf, noteRun, plainRefs, trailingNotes, type NoteStyle } from './notes.ts';
import { classifyTitleLine, namesOf, type TitleField } from './title-block.ts';
import { END_MARK, type Dropped, type RawBlock, type RawFootnote, type RawMemo } from './text.ts';

interface Line {
  text: string;
  line: number;
}

/** What a site line is: a rule's name, or breadcrumbs. */
export const chromeOf = (text: string): string | undefined => siteLine(text) ?? (isBreadcrumb(text) ? 'breadcrumbs' : undefined);
/** Site lines that end the title block when read upwards (others, a page puts between a post's title and its body). */
const ABOVE_TITLE = new Set(['cookie banner', 'navigation', 'sign-in line', 'breadcrumbs', 'greeting or thanks', 'related posts', 'profile', 'comment form', 'copyright line', 'support line']);
/** A paragraph of body text: sentences, not a caption or a button. */
const isParagraph = (l: Line) => l.text.length >= 60 && /[。．.!?！？」）)]$/u.test(l.text);
/** Site lines a page may put inside an article, between its paragraphs. */
const MID_ARTICLE = new Set(['share line', 'like counter', 'bookmark counter', 'buttons', 'copied notice', 'document toolbar', 'loading notice', 'page counter', 'advertisement or banner', 'follow line', 'support line']);
/** What the lines under a site line are. */
const UNDER: Record<string, string> = { 'related posts': 'a related post', 'comment counter': 'a comment', profile: 'a profile' };
/** Site lines a blog puts between a post's title block and its body. */
const UNDER_TITLE = new Set(['share line', 'follow line', 'buttons']);
/** A line of a title block by its shape: a date (with a time of posting), a series, a byline. */
const titleLine = (text: string) => classifyTitleLine(text) !== undefined || classifyTitleLine(DATE_TIME.exec(text)?.[1] ?? '')?.field === 'date';
/** "チームみらい フォロー", "Elisa Chen, Julia Lindpaintner Follow": an account's name and its follow button. */
const FOLLOWED = /^(\S.*?)\s*((?:\+\s*)?(?:フォロー(?:する)?|Follow))$/iu;
const BARE_FOLLOW = /^(?:\+?\s*フォロー(?:する)?|\+?\s*Follow)$/iu;
/** A paragraph this long is the memo's, never the site's. */
const LONG = 100;

/** A heading of a table of contents. */
const CONTENTS = /^(?:目次|もくじ|目 次|Contents|Table of contents)$/iu;
/** A figure's or a table's caption ("図 1　目指す社会", "Table 2: …"): not a heading. */
const CAPTION = /^(?:図|表|Figure|Fig\.|Table|Chart)\s*[0-9０-９]+/iu;
/** A heading: the shape of one where the text has no type sizes (pdf-text.ts). */
const isHeading = plainHeading;
/** A posting time after a date ("2020年12月1日 10:00"). */
const DATE_TIME = /^(.*\S)\s+([0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)$/u;

/**
 * A document viewer's text copied from its page: the site's lines around pages marked "1 / 6",
 * whose lines a PDF broke. The site's lines are dropped; the pages are read as the PDF's text
 * (`readPdfPages`), the title the page names above the viewer looked for on the first page.
 */
function viewerText(input: string): (RawMemo & { transcript: true }) | undefined {
  const raw = input.split(/\r?\n/);
  const marks = raw.flatMap((l, i) => (VIEWER_PAGE.test(l.trim()) ? [i] : []));
  if (marks.length < 2) return undefined;
  let end = marks.at(-1)! + 1;
  while (end < raw.length && (raw[end]!.trim() === '' || chromeOf(raw[end]!.trim()) === undefined)) end++;
  const pages = raw.slice(marks[0]! + 1, end).filter((l) => !VIEWER_PAGE.test(l.trim())).join('\n');
  if (looksLikeWebText(pages) !== false) return undefined;
  const dropped: Dropped[] = [];
  const pageLines: PageLine[][] = [];
  raw.forEach((l, i) => {
    const text = l.trim();
    const mark = VIEWER_PAGE.test(text);
    if (mark && i >= marks[0]! && i < end) pageLines.push([]);
    else if (i > marks[0]! && i < end) return void pageLines.at(-1)!.push({ text, line: i + 1 });
    if (text === '') return;
    const kind = mark ? 'page marker' : chromeOf(text);
    dropped.push({ line: i + 1, text, why: kind ? `${kind} (site text)` : `${i < marks[0]! ? 'before' : 'after'} the memo (site text)` });
  });
  const read = readPdfPages(pageLines);
  // The viewer names the document above it: the line of the first page it names is the title.
  const firstPage = new Set(pageLines[0]!.map((l) => l.text));
  const named = dropped.find((d) => d.line <= marks[0]! && firstPage.has(d.text));
  if (named) named.why = "the document's title as the viewer's page names it (site text)";
  return { ...read, dropped: [...dropped, ...read.dropped].sort((a, b) => a.line - b.line), ...(named ? { meta: { title: named.text } } : {}), transcript: true };
}

/** Text copied from a page; `transcript`: the memo is a document viewer's transcript of a PDF. */
/** The page's lines as read for one memo: each line's kind of site text, and what is dropped, with why. */
interface WebPage {
  lines: Line[];
  chrome: Array<string | undefined>;
  dropped: Dropped[];
  drop(l: Line, why: string): void;
  /** Drops line `i` as site text, named by its kind where it has one. */
  site(i: number, where: 'before' | 'after'): void;
}

/** Where the notes are: lines `from` to `to`; `numbered: false` when a browser copied them without their numbers. */
type NoteLines = { from: number; to: number; numbered?: false };

export function readWebText(input: string): RawMemo & { transcript?: boolean } {
  const viewer = viewerText(input);
  if (viewer) return viewer;
  const page = webPage(input);
  const { lines, dropped } = page;
  const best = memoStretch(page);
  const start = memoStart(page, best);
  const { notes, bodyEnd, after } = memoEnd(page, start, best.to);
  dropAfterMemo(page, after);
  const hints = titleBlock(page, start);
  const { footnotes, style } = notesOf(page, notes);
  const labels = new Set(footnotes.map((f) => f.label));
  const titleLines: RawBlock[] = [...hints.fields.keys()]
    .sort((a, b) => a - b)
    .map((i) => ({ kind: 'text', text: hints.texts.get(i) ?? lines[i]!.text, line: lines[i]!.line, hint: hints.fields.get(i)! }));
  let body = bodyBlocks(page, start, bodyEnd);
  contentsAsText(body);
  body = levelsByNumber(body);
  const linked = linkRefs(body.map((b) => b.text), labels, style);
  body = body.map((b, k) => ({ ...b, text: linked[k]! }));
  dropped.sort((a, b) => a.line - b.line);
  return { blocks: [...titleLines, ...body], footnotes, dropped };
}

/** The page's non-empty lines, each with the kind of site text it is (if it is). */
function webPage(input: string): WebPage {
  const dropped: Dropped[] = [];
  const lines: Line[] = input
    .split(/\r?\n/)
    .map((text, i) => ({ text: text.trim(), line: i + 1 }))
    .filter((l) => l.text !== '');
  const chrome = lines.map((l) => chromeOf(l.text));
  const drop = (l: Line, why: string) => dropped.push({ line: l.line, text: l.text, why });
  const site = (i: number, where: 'before' | 'after') => drop(lines[i]!, chrome[i] ? `${chrome[i]} (site text)` : `${where} the memo (site text)`);
  return { lines, chrome, dropped, drop, site };
}

/** The stretch of lines between site lines that holds the memo (lines `from` to `to`). */
function memoStretch({ lines, chrome }: WebPage): { from: number; to: number; size: number } {
  // Site lines cut the page into stretches; the memo is the longest one, and starts at its first
  // heading followed by body text. (A thanks line above the memo is thus never taken for its end.)
  let from = 0;
  let best = { from: 0, to: lines.length, size: -1 };
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !chrome[i]) continue;
    const size = lines.slice(from, i).reduce((n, l) => n + l.text.length, 0);
    if (size > best.size) best = { from, to: i, size };
    from = i + 1;
  }
  // A share bar, an ad or a page counter inside the article cuts the memo: a stretch of long
  // paragraphs after such a line is the memo's too (up to its end mark).
  while (best.to < lines.length && MID_ARTICLE.has(chrome[best.to]!) && !lines.slice(best.from, best.to).some((l) => END_MARK.test(l.text))) {
    let from = best.to;
    while (from < lines.length && MID_ARTICLE.has(chrome[from]!)) from++;
    let next = from;
    while (next < lines.length && !chrome[next]) next++;
    if (!lines.slice(from, next).some(isParagraph)) break;
    best = { ...best, to: next };
  }
  while (best.from > 0 && MID_ARTICLE.has(chrome[best.from - 1]!)) {
    let to = best.from - 1;
    while (to > 0 && MID_ARTICLE.has(chrome[to - 1]!)) to--;
    let prev = to;
    while (prev > 0 && !chrome[prev - 1]) prev--;
    if (!lines.slice(prev, to).some(isParagraph)) break;
    best = { ...best, from: prev };
  }
  return best;
}

/** Where the memo starts within its stretch: its first heading followed by body text, with a lead or notice just above. */
function memoStart({ lines, chrome }: WebPage, best: { from: number; to: number }): number {
  let start = best.from + Math.max(0, lines.slice(best.from, best.to).findIndex((l, i, stretch) => isHeading(l.text) && !titleLine(l.text) && stretch[i + 1] !== undefined && !isHeading(stretch[i + 1]!.text) && !titleLine(stretch[i + 1]!.text)));
  // A share bar or a follow line just above: the bar under a post's title block. The memo starts
  // under it, after the title block's own lines there (a date, a series, a byline).
  if (best.from > 0 && UNDER_TITLE.has(chrome[best.from - 1]!)) {
    start = best.from;
    while (start < best.to - 1 && titleLine(lines[start]!.text)) start++;
  }
  if (start >= best.to) start = best.from;
  // A long paragraph just above is the memo's lead, not the site's.
  while (start > 0 && !chrome[start - 1] && lines[start - 1]!.text.length >= LONG) start--;
  // So is a notice just above it ("⚠️ this is a draft…", "💬 …"): under the title block, before the first heading.
  while (start > 0 && !chrome[start - 1] && /^\s*(?:\p{Extended_Pictographic}|[⚠ℹ])/u.test(lines[start - 1]!.text) && lines[start - 1]!.text.length <= 300) start--;

  return start;
}

/** Where the memo's body ends, its notes (if any), and where the page after the memo starts. */
function memoEnd({ lines, drop }: WebPage, start: number, to: number): { notes: NoteLines | undefined; bodyEnd: number; after: number } {
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

/** Every line after the memo is the site's: a profile, comments, related posts, or site text. */
function dropAfterMemo({ lines, chrome, drop, site }: WebPage, after: number): void {
  let under: string | undefined;
  for (let i = after; i < lines.length; i++) {
    // The few lines above a follow line are the account's profile (its name, a line about it);
    // the lines under a comment counter are comments, under "related posts" their titles. Told by
    // where they are, not by their own shape: counted as inferred (they could be the memo's).
    const next = chrome.findIndex((c, k) => k > i && c !== undefined);
    if (chrome[i]) under = UNDER[chrome[i]!];
    if (!chrome[i] && next > 0 && next - i <= 3 && chrome[next] === 'follow line' && lines[i]!.text.length <= LONG) drop(lines[i]!, 'after the memo, a profile (site text)');
    else if (!chrome[i] && under) drop(lines[i]!, `after the memo, ${under} (site text)`);
    else site(i, 'after');
  }

}

/**
 * The title block: the title, authors, date and series just above the body, amid follow and
 * share lines (the account a follow line follows is the blog's, not the memo's); every other line
 * above the body is dropped as the site's. Returns each line's field, and its text where that is
 * only a part of the line.
 */
function titleBlock({ lines, chrome, dropped, drop, site }: WebPage, start: number): { fields: Map<number, TitleField>; texts: Map<number, string> } {
  const hints = new Map<number, TitleField>();
  const texts = new Map<number, string>();
  let titled = 0;
  // Breadcrumbs end with the page's own title ("Home › Policy › Back to basics…"): where a line
  // of the title block says it, that line is the title, a line above it the series (a kicker),
  // one under it the subtitle.
  const crumbAt = chrome.findLastIndex((c, i) => i < start && c === 'breadcrumbs');
  const crumbTitle = crumbAt >= 0 ? lines[crumbAt]!.text.split(/\s*[>›»＞]\s*/u).at(-1) : undefined;
  const named = crumbTitle !== undefined && lines.slice(crumbAt + 1, start).some((l) => l.text === crumbTitle);
  const plainMost = named ? 3 : 1;
  for (let i = start - 1; i >= 0; i--) {
    const text = lines[i]!.text;
    const kind = chrome[i];
    if (kind && !ABOVE_TITLE.has(kind)) {
      // The account a post's follow button follows, right under its title, is its author where no byline says otherwise.
      const followed = kind === 'follow line' ? FOLLOWED.exec(text) : null;
      const underTitle = i > 0 && !chrome[i - 1] && isHeading(lines[i - 1]!.text) && !titleLine(lines[i - 1]!.text) && !namesOf(lines[i - 1]!.text);
      if (followed && underTitle && titled === 0 && ![...hints.values()].includes('authors') && (namesOf(followed[1]!) !== undefined || followed[1]!.length <= 40)) {
        hints.set(i, 'authors');
        texts.set(i, followed[1]!);
        dropped.push({ line: lines[i]!.line, text: followed[2]!, why: 'follow button (site text)' });
        continue;
      }
      site(i, 'before');
      if (kind === 'follow line' && BARE_FOLLOW.test(text) && i > 0 && !chrome[i - 1] && lines[i - 1]!.text.length <= 40 && !/[。．.!?！？]$/u.test(lines[i - 1]!.text)) {
        i--;
        drop(lines[i]!, 'profile (the account a follow line follows) (site text)');
      }
      continue;
    }
    if (kind) break;
    const timed = DATE_TIME.exec(text);
    if (timed && classifyTitleLine(timed[1]!)?.field === 'date') {
      hints.set(i, 'date');
      texts.set(i, timed[1]!);
      dropped.push({ line: lines[i]!.line, text: timed[2]!, why: 'time of posting (site text)' });
      continue;
    }
    const shape = classifyTitleLine(text);
    // Above the title, only a series line or a date is the memo's (a name there is the blog's).
    if (titled === plainMost && !(shape && (shape.field === 'series' || shape.field === 'date'))) break;
    if (shape) {
      hints.set(i, shape.field);
      continue;
    }
    if (namesOf(text) && text.length <= 60 && titled === 0) {
      hints.set(i, 'authors');
      continue;
    }
    if (!isHeading(text) || titled === plainMost) break;
    titled++;
    hints.set(i, 'subtitle');
  }
  // The topmost plain line of the block is the title; one under it, the subtitle.
  const plain = [...hints].filter(([, f]) => f === 'subtitle').map(([i]) => i).sort((a, b) => a - b);
  const crumbed = named ? plain.find((i) => lines[i]!.text === crumbTitle) : undefined;
  if (crumbed !== undefined) for (const i of plain) hints.set(i, i < crumbed ? 'series' : i === crumbed ? 'title' : 'subtitle');
  else if (plain.length > 0) hints.set(plain[0]!, 'title');
  for (let i = 0; i < start; i++) if (!hints.has(i) && !dropped.some((d) => d.line === lines[i]!.line)) site(i, 'before');

  return { fields: hints, texts };
}

/** The notes' lines as footnotes (numbered 1, 2, 3… where a browser dropped their numbers), and their numbering style. */
function notesOf({ lines, drop }: WebPage, notes: NoteLines | undefined): { footnotes: RawFootnote[]; style: NoteStyle | undefined } {
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

/** The body's lines as blocks: headings, paragraphs, tables (cells between tabs); site text inside it dropped. */
function bodyBlocks({ lines, chrome, drop }: WebPage, start: number, bodyEnd: number): RawBlock[] {
  const body: RawBlock[] = [];
  for (let i = start; i < bodyEnd; i++) {
    const l = lines[i]!;
    if (END_MARK.test(l.text)) {
      drop(l, 'end mark');
      continue;
    }
    if (chrome[i]) {
      drop(l, `${chrome[i]} (site text in the memo)`);
      continue;
    }
    // A table's rows, as a browser copies them: cells between tabs, as many in each row.
    const cells = (t: string) => t.split('\t').map((c) => c.trim());
    if (cells(l.text).length >= 2) {
      const width = cells(l.text).length;
      let to = i;
      while (to < bodyEnd && !chrome[to] && cells(lines[to]!.text).length === width) to++;
      if (to - i >= 2) {
        const rows = lines.slice(i, to).map((r) => cells(r.text));
        body.push({ kind: 'table', text: rows.flat().filter(Boolean).join(' '), rows, line: l.line });
        i = to - 1;
        continue;
      }
    }
    // A line over a bare address is a caption or a source's credit ("出典：…" and its link), not a heading.
    const credit = i + 1 < bodyEnd && /^\S{0,2}https?:\/\/\S+$/u.test(lines[i + 1]!.text);
    body.push({ kind: isHeading(l.text) && !credit && !CAPTION.test(l.text) ? 'heading' : 'text', text: l.text, line: l.line });
  }
  return body;
}

/**
 * A table of contents ("目次", "Contents") copied from a page: the lines under it that name the
 * headings that follow are its entries, not headings (the contents are left out with them).
 */
function contentsAsText(body: RawBlock[]): void {
  const contentsAt = body.findIndex((b) => CONTENTS.test(b.text));
  if (contentsAt >= 0) {
    const squeeze = (t: string) => t.replace(/[\s\u3000]+/gu, '');
    // The entries run until the document starts: its first heading named again. (An excerpt's
    // contents may name more headings than it holds: some must follow, not all.)
    const first = body[contentsAt + 1];
    let end = contentsAt + 1;
    while (end < body.length && body[end]!.kind === 'heading' && (end === contentsAt + 1 || squeeze(body[end]!.text) !== squeeze(first!.text))) end++;
    const later = new Set(body.slice(end).filter((b) => b.kind === 'heading').map((b) => squeeze(b.text)));
    const named = body.slice(contentsAt + 1, end).filter((b) => later.has(squeeze(b.text))).length;
    if (end < body.length && named >= Math.min(3, end - contentsAt - 1) && named > 0) {
      for (let i = contentsAt; i < end; i++) body[i] = { ...body[i]!, kind: 'text' };
    }
  }
}

/** Headings numbered in levels ("1.", "1.1.", "1.1.1."): their numbers say their levels. */
function levelsByNumber(body: RawBlock[]): RawBlock[] {
  const depth = (t: string) => /^((?:[0-9０-９]{1,2}[.．]){1,4})(?![0-9０-９])/u.exec(t)?.[1]!.replace(/[^.．]/gu, '').length;
  const levelled = body.filter((b) => b.kind === 'heading' && depth(b.text) !== undefined);
  if (levelled.filter((b) => depth(b.text) === 1).length >= 2 && levelled.some((b) => depth(b.text) === 2)) {
    return body.map((b) => (b.kind === 'heading' && depth(b.text) !== undefined ? { ...b, level: depth(b.text)! + 1 } : b));
  }
  return body;
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

/**
 * Text copied from a web page, not extracted from a PDF: its paragraphs end where their
 * sentences end. Site lines (buttons, counters) and short lines (headings, names, dates) say
 * nothing either way; of the lines of 40 characters or more, fewer than a third run on
 * (undefined: fewer than five such lines, too few to tell).
 * (For the format's guess in import.ts, which counts lines of over 20 characters, site lines too.)
 */
export function looksLikeWebText(input: string): boolean | undefined {
  if (/^\s?(・|- )/mu.test(input)) return false;
  // Site lines of three kinds or more (a sign-in line, a share bar, a copyright line…) are a page's:
  // no PDF prints them (its page numbers "1 / 4" aside).
  // (A document viewer's text, its pages marked "1 / 4", is a PDF's text inside a page: its lines tell.)
  const all = input.split(/\r?\n/).map((l) => l.trim());
  const kinds = new Set(all.map((l) => chromeOf(l)).filter((k) => k !== undefined && !/counter/.test(k)));
  if (kinds.size >= 3) return true;
  const long = input
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length >= 40 && chromeOf(l) === undefined);
  // Too few lines to tell (a PDF's narrow column): undefined.
  if (long.length < 5) return undefined;
  // A PDF breaks its lines where the column ends: a line that runs on is as wide as the column (the
  // widest lines). A page's paragraph or list item that ends without a full stop ("…を支援します")
  // is as long as its text, shorter or longer.
  const widths = long.map((l) => displayWidth(l)).sort((a, b) => a - b);
  const column = widths[Math.floor((widths.length - 1) * 0.9)]!;
  const broken = long.filter((l) => !/[。．.!?！？）)」』][0-9]{0,2}$/u.test(l) && !/https?:\/\/\S+$/u.test(l) && displayWidth(l) >= column * 0.8).length;
  return broken / long.length < 1 / 3;
}
