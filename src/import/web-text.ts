// Text copied from a web page where a memo was reposted → the memo's blocks and footnotes.
// A paragraph is a line; bullet markers are lost (each point is a paragraph of its own);
// headings are short lines. Around the memo, the site: before it, navigation, the blog's name,
// greetings; above the body, the memo's title block (title, authors, date, series) amid follow
// and share lines; after it, an end mark (（了）, 以上, End), the notes (`1 …`, `1. …`, `(1) …`,
// `[1] …`, `※1 …`, `*1 …`, `注1 …`), then profile, counters, comment form, related posts.
// The page's lines are web-page.ts's, the title block web-title.ts's, the end and notes web-notes.ts's.
import { VIEWER_PAGE } from './site.ts';
import { readPdfPages, type PageLine } from './pdf-text.ts';
import { linkRefs } from './notes.ts';
import { END_MARK, type Dropped, type RawBlock, type RawMemo } from './text.ts';
import { chromeOf, isHeading, looksLikeWebText, webPage, type Line, type WebPage } from './web-page.ts';
import { titleBlock, titleLine } from './web-title.ts';
import { memoEnd, notesOf } from './web-notes.ts';

/** A paragraph of body text: sentences, not a caption or a button. */
const isParagraph = (l: Line) => l.text.length >= 60 && /[。．.!?！？」）)]$/u.test(l.text);
/** Site lines a page may put inside an article, between its paragraphs. */
const MID_ARTICLE = new Set(['share line', 'like counter', 'bookmark counter', 'buttons', 'copied notice', 'document toolbar', 'loading notice', 'page counter', 'advertisement or banner', 'follow line', 'support line']);
/** What the lines under a site line are. */
const UNDER: Record<string, string> = { 'related posts': 'a related post', 'comment counter': 'a comment', profile: 'a profile' };
/** Site lines a blog puts between a post's title block and its body. */
const UNDER_TITLE = new Set(['share line', 'follow line', 'buttons']);
/** A paragraph this long is the memo's, never the site's. */
const LONG = 100;

/** A heading of a table of contents. */
const CONTENTS = /^(?:目次|もくじ|目 次|Contents|Table of contents)$/iu;
/** A figure's or a table's caption ("図 1　目指す社会", "Table 2: …"): not a heading. */
const CAPTION = /^(?:図|表|Figure|Fig\.|Table|Chart)\s*[0-9０-９]+/iu;

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
