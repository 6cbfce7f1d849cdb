// A saved web page → the memo's blocks. Readability finds the article; its headings, lists,
// notes and tables are read from the page's own DOM (Readability rewrites levels: h1 → h2),
// and every text of the page outside the article is listed as site text.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { MemoMeta } from '../model/types.ts';
import { readDom } from './dom.ts';
import { SITE, squash, type Document_, type Element_ } from './dom-nodes.ts';
import { siteElement, titleHint } from './dom-site.ts';
import { classifyTitleLine } from './title-block.ts';
import { END_MARK, type Dropped, type RawBlock, type RawMemo } from './text.ts';
import { chromeOf } from './web-page.ts';
import { linkRefs, noteOf, noteRun, trailingNotes, type NoteStyle } from './notes.ts';
import { NOTES_HEADING, VIEWER_PAGE } from './site.ts';
import { readPdfPages } from './pdf-text.ts';

const TEXT_BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, td, th, blockquote, pre, dd, dt';

/** Does the text read as HTML: a doctype or an <html>, <body> or <article> element near its start. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|meta)[\s>]/iu.test(text);
}

function commonAncestor(nodes: Element_[]): Element_ | undefined {
  if (nodes.length === 0) return undefined;
  let candidate: Element_ | null = nodes[0]!;
  while (candidate && !nodes.every((n) => candidate!.contains(n))) candidate = candidate.parentNode as Element_ | null;
  return candidate ?? undefined;
}

/** The element of the page that holds the article Readability finds. */
function articleRoot(document: Document_, html: string): { root: Element_; declared: boolean; title?: string; byline?: string } {
  const { document: copy } = parseHTML(html);
  const article = new Readability(copy as never, { keepClasses: true, charThreshold: 100 }).parse();
  if (!article?.content) return { root: document.body, declared: false };
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  const texts = new Set(Array.from(content.querySelectorAll(TEXT_BLOCKS)).map((e) => squash(e.textContent ?? '')).filter((t) => t.length > 0));
  const found = Array.from(document.body.querySelectorAll(TEXT_BLOCKS)).filter((e) => texts.has(squash(e.textContent ?? '')) && !e.closest('nav, header, footer, aside'));
  let root = commonAncestor(found) ?? document.body;
  // The page's own <article> (or <main>), holding most of that text, is the article: the page says so.
  const declared = Array.from(root.querySelectorAll('article, main')).filter((a) => found.filter((e) => a.contains(e)).length >= found.length * 0.8);
  const own = declared.at(-1) ?? (/^(ARTICLE|MAIN)$/.test(root.tagName) ? root : undefined);
  if (own) root = own;
  return { root, declared: own !== undefined, ...(article.title ? { title: article.title } : {}), ...(article.byline ? { byline: article.byline } : {}) };
}

function pageMeta(document: Document_, found: { title?: string; byline?: string }): Partial<MemoMeta> {
  const content = (selector: string) => (Array.from(document.querySelectorAll(selector))[0]?.getAttribute('content') ?? '').trim();
  const authors = Array.from(document.querySelectorAll('meta[name="author"], meta[name="citation_author"]'))
    .flatMap((m) => (m.getAttribute('content') ?? '').split(/\s*[,;、；]\s*/u))
    .map((a) => a.trim())
    .filter(Boolean);
  const lang = (Array.from(document.querySelectorAll('html'))[0]?.getAttribute('lang') ?? '').split('-')[0];
  let title = content('meta[name="citation_title"]') || content('meta[property="og:title"]') || found.title || document.title;
  // A page's title with the site's name appended ("７. 医療 | DocShare", "Title – Blog"): the part its heading says.
  const parts = squash(title ?? '').split(/\s*[|｜]\s*|\s+[-–—:]\s+/u);
  const heading = Array.from(document.querySelectorAll('h1')).map((h) => squash(h.textContent ?? '')).find((h) => parts.length > 1 && parts.includes(h));
  if (heading) title = heading;
  const published = /^(\d{4}-\d{2}-\d{2})/.exec(content('meta[property="article:published_time"]') || content('meta[name="citation_publication_date"]') || content('meta[name="date"]'))?.[1];
  return {
    ...(title ? { title: squash(title) } : {}),
    ...(authors.length ? { authors } : found.byline ? { authors: [squash(found.byline)] } : {}),
    ...(lang ? { language: lang } : {}),
    ...(published ? { date: published } : {}),
  };
}

/** An element's text with a space between its elements ("Blog" + "Home" → "Blog Home"). */
function spacedText(el: Element_): string {
  const parts: string[] = [];
  const visit = (node: { nodeType: number; textContent: string | null; childNodes: ArrayLike<unknown> }): void => {
    if (node.nodeType === 3) parts.push(node.textContent ?? '');
    else if (node.nodeType === 1) {
      parts.push(' ');
      Array.from(node.childNodes as ArrayLike<typeof node>).forEach(visit);
      parts.push(' ');
    }
  };
  visit(el);
  return squash(parts.join(''));
}

/** Texts of the page outside `root`: each text block once, as site text. */
function siteText(body: Element_, root: Element_, notes: Set<Element_>, declared: boolean): Dropped[] {
  if (root === body) return [];
  const why = declared ? `site text (not in the page's <${root.tagName.toLowerCase()}>)` : 'site text (outside the article found)';
  const dropped: Dropped[] = [];
  const visit = (el: Element_): void => {
    if (el === root || notes.has(el)) return;
    if (el.contains(root) || [...notes].some((n) => el.contains(n))) {
      for (const child of Array.from(el.childNodes)) {
        if (child.nodeType === 1) visit(child as Element_);
        else if (child.nodeType === 3 && squash(child.textContent ?? '')) dropped.push({ line: 0, text: squash(child.textContent ?? ''), why });
      }
      return;
    }
    if (SITE.has(el.tagName) && /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(el.tagName)) return;
    const text = spacedText(el);
    // Where the article is only inferred, what the markup or the text says the element is names it.
    const kind = declared || text.length > 300 ? undefined : (chromeOf(text) ?? siteElement(el));
    if (text) dropped.push({ line: 0, text, why: kind ? `${kind} (site text)` : why });
  };
  visit(body);
  return dropped;
}

/** An element's text is short enough for a title block's line (a title, a byline, a date). */
const shortText = (el: Element_) => {
  const t = squash(el.textContent ?? '');
  return t.length > 0 && t.length <= 120;
};

/**
 * The title block above the article, outside what was found as its root: the page's title
 * heading (<h1>), the lines just above it (a series), and after it the byline, the date, a
 * subtitle — by their markup (`.author`, `[rel=author]`, `.byline`, `time`, `.date`…) or their
 * shape ("2020年12月", "By …"). Site elements there (a follow button, a share bar) stay the site's.
 */
function titleAbove(document: Document_, root: Element_, times: Dropped[]): Array<{ el: Element_; block: RawBlock }> {
  const all = Array.from(document.body.querySelectorAll('*'));
  const rootAt = all.indexOf(root);
  const site = (e: Element_) => e.closest('nav, footer, aside, form, button') !== null || ancestors(e).some((a) => siteElement(a) !== undefined && !titleHint(a));
  // The last <h1> before the article, not a site's logo (a heading that is only a link home).
  const logo = (e: Element_) => Array.from(e.querySelectorAll('a')).some((a) => /^(?:\/|https?:\/\/[^/]+\/?)$/.test(a.getAttribute('href') ?? '') && squash(a.textContent ?? '') === squash(e.textContent ?? ''));
  const h1At = all.findLastIndex((e, i) => i < rootAt && e.tagName === 'H1' && !site(e) && !e.contains(root) && !logo(e));
  if (h1At < 0) return [];
  const h1 = all[h1At]!;
  const out: Array<{ el: Element_; block: RawBlock }> = [];
  const taken = (e: Element_) => out.some((o) => o.el.contains(e) || e.contains(o.el));
  const line = (e: Element_): RawBlock | undefined => {
    if (!shortText(e) || e.contains(root) || site(e) || e.querySelector?.('button') || e.tagName === 'BUTTON') return undefined;
    const text = squash(e.textContent ?? '');
    const hint = titleHint(e);
    if (hint) {
      const time = e.tagName === 'TIME' ? e : undefined;
      const shown = time && !/\d{4}|\d{1,2}月/.test(text) ? (/^(\d{4}-\d{2}-\d{2})/.exec(time.getAttribute('datetime') ?? '')?.[1] ?? text) : text;
      // "2020年12月1日 10:00": the date; the time of posting is the site's.
      const timed = /^(.*\S)\s+([0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)$/u.exec(shown);
      if (hint === 'date' && timed && classifyTitleLine(timed[1]!)?.field === 'date') {
        times.push({ line: 0, text: timed[2]!, why: 'time of posting (site text)' });
        return { kind: 'text', text: timed[1]!, line: 0, hint };
      }
      return { kind: 'text', text: shown, line: 0, hint };
    }
    const leaf = !Array.from(e.querySelectorAll('p, div, h1, h2, h3, h4, h5, h6, li, ul, ol, table, section')).length;
    return leaf && classifyTitleLine(text) && chromeOf(text) === undefined ? { kind: 'text', text, line: 0 } : undefined;
  };
  // A series line just above the title.
  const parent = h1.parentNode as Element_ | null;
  const siblings = parent ? Array.from(parent.childNodes).filter((n): n is Element_ => n.nodeType === 1) : [];
  for (const e of siblings.slice(Math.max(0, siblings.indexOf(h1) - 2), siblings.indexOf(h1))) {
    const b = line(e);
    if (b) out.push({ el: e, block: b });
  }
  out.push({ el: h1, block: { kind: 'heading', text: squash(h1.textContent ?? ''), line: 0, level: 1, hint: 'title' } });
  for (const e of all.slice(h1At + 1, rootAt)) {
    if (h1.contains(e) || taken(e)) continue;
    const b = line(e);
    if (b) out.push({ el: e, block: b });
  }
  return out;
}

function ancestors(el: Element_): Element_[] {
  const out: Element_[] = [];
  for (let p = el.parentNode as Element_ | null; p && p.nodeType === 1; p = p.parentNode as Element_ | null) out.push(p);
  return out;
}

/**
 * The end of a memo as a page shows it when its notes are not marked up: an end mark
 * (（了）, 以上, End) ends the body; numbered paragraphs after it (or at the end of the article)
 * are the notes; what follows them is the site's.
 */
function notesAsText(raw: RawMemo): RawMemo {
  const blocks = raw.blocks;
  const dropped: Dropped[] = [];
  const footnotes = [...raw.footnotes];
  const mark = blocks.findIndex((b) => b.kind === 'text' && END_MARK.test(b.text));
  let body = blocks;
  let style: NoteStyle | undefined;
  const take = (from: number, to: number) => {
    style = noteOf(blocks[from]!.text)!.style;
    for (const b of blocks.slice(from, to)) {
      const n = noteOf(b.text)!;
      footnotes.push({ label: n.label, text: n.text, line: b.line });
    }
  };
  const after = (from: number) => {
    for (const b of blocks.slice(from)) {
      const kind = chromeOf(b.text);
      dropped.push({ line: b.line, text: b.text, why: kind ? `${kind} (site text in the article)` : 'after the memo (site text)' });
    }
  };
  if (mark >= 0) {
    dropped.push({ line: blocks[mark]!.line, text: blocks[mark]!.text, why: 'end mark' });
    let i = mark + 1;
    if (i < blocks.length && NOTES_HEADING.test(blocks[i]!.text)) {
      if (raw.footnotes.length === 0 && noteRun(blocks, i + 1) > i + 1) dropped.push({ line: blocks[i]!.line, text: blocks[i]!.text, why: 'heading of the notes' });
      else i--;
      i++;
    }
    let run = raw.footnotes.length === 0 ? noteRun(blocks, i) : i;
    if (run > i) take(i, run);
    else if (raw.footnotes.length === 0 && blocks[i]?.kind === 'bullet') {
      // A list right after the end mark is the notes, numbered by the list.
      while (run < blocks.length && blocks[run]!.kind === 'bullet' && blocks[run]!.depth === blocks[i]!.depth) run++;
      blocks.slice(i, run).forEach((b, k) => footnotes.push({ label: String(k + 1), text: b.text, line: b.line }));
      style = 'number';
    }
    after(run);
    body = blocks.slice(0, mark);
  } else if (raw.footnotes.length === 0) {
    const notes = trailingNotes(blocks, 0, blocks.length);
    if (notes && blocks.slice(notes.from, notes.to).every((b) => b.kind === 'text' || b.kind === 'bullet')) {
      take(notes.from, notes.to);
      after(notes.to);
      body = blocks.slice(0, notes.from);
      if (body.length && NOTES_HEADING.test(body.at(-1)!.text)) dropped.push({ line: body.at(-1)!.line, text: body.pop()!.text, why: 'heading of the notes' });
    }
  }
  // References: in the notes' numbering, and as numbers after sentences for notes not referenced otherwise.
  const labels = new Set(footnotes.map((f) => f.label));
  const linked = linkRefs(body.map((b) => b.text), labels, style ?? 'marked');
  return { ...raw, blocks: body.map((b, k) => ({ ...b, text: linked[k]! })), footnotes, dropped: [...raw.dropped, ...dropped] };
}

/** An element's text with its line breaks (<br>, blocks) as new lines. */
function linesOf(el: Element_): string {
  const parts: string[] = [];
  const visit = (node: { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<unknown> }): void => {
    if (node.nodeType === 3) parts.push((node.textContent ?? '').replace(/\s*\n\s*/gu, ''));
    else if (node.nodeType === 1) {
      if (node.nodeName === 'BR') return void parts.push('\n');
      const block = /^(P|DIV|SECTION|LI|H[1-6]|PRE|BLOCKQUOTE)$/.test(node.nodeName);
      if (block) parts.push('\n');
      Array.from(node.childNodes as ArrayLike<typeof node>).forEach(visit);
      if (block) parts.push('\n\n');
    }
  };
  visit(el);
  return parts.join('').replace(/\n{3,}/gu, '\n\n').trim();
}


/**
 * A document viewer's transcript: the text a PDF gives, page by page under markers "1 / 6", its
 * lines broken where the PDF's were. Read as the PDF's text; the markers are the site's.
 */
function transcript(root: Element_): { container: Element_; raw: RawMemo } | undefined {
  const marks = Array.from(root.querySelectorAll('p, div, span')).filter((e) => VIEWER_PAGE.test(squash(e.textContent ?? '')) && !e.querySelector?.('p, div'));
  if (marks.length < 2) return undefined;
  const pages = marks.map((m) => m.parentNode as Element_);
  let container: Element_ | null = pages[0]!.parentNode as Element_ | null;
  while (container && !pages.every((p) => container!.contains(p))) container = container.parentNode as Element_ | null;
  if (!container) return undefined;
  const dropped: Dropped[] = marks.map((m) => ({ line: 0, text: squash(m.textContent ?? ''), why: 'page marker (site text)' }));
  // Each page's lines, a blank line between its paragraphs (<p>), as the extraction printed them.
  const lines = pages.map((page) =>
    Array.from(page.childNodes)
      .filter((n) => !marks.includes(n as Element_))
      .map((n) => (n.nodeType === 1 ? linesOf(n as Element_) : (n.textContent ?? '').trim()))
      .filter(Boolean)
      .join('\n\n')
      .split('\n')
      .map((text) => ({ text, line: 0 })),
  );
  const raw = readPdfPages(lines);
  // The container's own label over the pages ("文字起こし", "Transcript") is the site's.
  for (const h of Array.from(container.querySelectorAll('h1, h2, h3, h4, h5, h6')).filter((h) => !pages.some((p) => p.contains(h)))) dropped.push({ line: 0, text: squash(h.textContent ?? ''), why: 'document viewer (site text)' });
  return { container, raw: { ...raw, dropped: [...dropped, ...raw.dropped] } };
}

/** A web page's memo; `transcript`: the memo is a document viewer's transcript of a PDF. */
export function readHtml(html: string): RawMemo & { transcript?: boolean } {
  const { document } = parseHTML(html) as unknown as { document: Document_ };
  const found = articleRoot(document, html);
  const pages = transcript(found.root);
  if (pages) {
    // The page around the transcript: its title, uploader, toolbar — the site's; the transcript, the memo.
    const around = readDom(found.root, { article: true, web: true });
    const inside = new Set(Array.from(pages.container.querySelectorAll('*')).map((e) => squash(e.textContent ?? '')));
    const site = around.blocks.filter((b) => !inside.has(b.text)).map((b) => ({ line: 0, text: b.text, why: 'document viewer page (site text)' }));
    const outside = siteText(document.body, found.root, new Set(), found.declared);
    return { ...pages.raw, dropped: [...outside, ...site, ...around.dropped.filter((d) => !inside.has(d.text)), ...pages.raw.dropped], meta: { ...pageMeta(document, found), ...(pages.raw.meta ?? {}) }, transcript: true };
  }
  const notes = new Set<Element_>();
  const lookup = (id: string) => {
    const target = document.getElementById(id);
    if (target) notes.add(target);
    return target;
  };
  const raw = notesAsText(readDom(found.root, { lookup, article: found.root !== document.body, web: true }));
  const meta = pageMeta(document, found);
  // The title block above the article (a page header): its title heading, byline, date.
  const times: Dropped[] = [];
  const above = found.root === document.body || raw.blocks.some((b) => b.kind === 'heading' && b.level === 1) ? [] : titleAbove(document, found.root, times);
  for (const { el } of above) notes.add(el);
  if (above.length) raw.blocks.unshift(...above.map((a) => a.block));
  const outside = siteText(document.body, found.root, notes, found.declared);
  return { ...raw, dropped: [...outside, ...times, ...raw.dropped], meta };
}
