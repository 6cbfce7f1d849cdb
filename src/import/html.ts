// A saved web page → the memo's blocks. Readability finds the article; its headings, lists,
// notes and tables are read from the page's own DOM (Readability rewrites levels: h1 → h2),
// and every text of the page outside the article is listed as site text.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { MemoMeta } from '../types.ts';
import { SITE, readDom, squash, type Document_, type Element_ } from './dom.ts';
import type { Dropped, RawMemo } from './text.ts';

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
function articleRoot(document: Document_, html: string): { root: Element_; title?: string; byline?: string } {
  const { document: copy } = parseHTML(html);
  const article = new Readability(copy as never, { keepClasses: true, charThreshold: 100 }).parse();
  if (!article?.content) return { root: document.body };
  const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
  const texts = new Set(Array.from(content.querySelectorAll(TEXT_BLOCKS)).map((e) => squash(e.textContent ?? '')).filter((t) => t.length > 0));
  const found = Array.from(document.body.querySelectorAll(TEXT_BLOCKS)).filter((e) => texts.has(squash(e.textContent ?? '')) && !e.closest('nav, header, footer, aside'));
  return { root: commonAncestor(found) ?? document.body, ...(article.title ? { title: article.title } : {}), ...(article.byline ? { byline: article.byline } : {}) };
}

function pageMeta(document: Document_, found: { title?: string; byline?: string }): Partial<MemoMeta> {
  const content = (selector: string) => (Array.from(document.querySelectorAll(selector))[0]?.getAttribute('content') ?? '').trim();
  const authors = Array.from(document.querySelectorAll('meta[name="author"], meta[name="citation_author"]')).map((m) => (m.getAttribute('content') ?? '').trim()).filter(Boolean);
  const lang = (Array.from(document.querySelectorAll('html'))[0]?.getAttribute('lang') ?? '').split('-')[0];
  const title = content('meta[name="citation_title"]') || content('meta[property="og:title"]') || found.title || document.title;
  return {
    ...(title ? { title: squash(title) } : {}),
    ...(authors.length ? { authors } : found.byline ? { authors: [squash(found.byline)] } : {}),
    ...(lang ? { language: lang } : {}),
  };
}

/** Texts of the page outside `root`: each text block once, as site text. */
function siteText(body: Element_, root: Element_, notes: Set<Element_>): Dropped[] {
  if (root === body) return [];
  const dropped: Dropped[] = [];
  const visit = (el: Element_): void => {
    if (el === root || notes.has(el)) return;
    if (el.contains(root) || [...notes].some((n) => el.contains(n))) {
      for (const child of Array.from(el.childNodes)) {
        if (child.nodeType === 1) visit(child as Element_);
        else if (child.nodeType === 3 && squash(child.textContent ?? '')) dropped.push({ line: 0, text: squash(child.textContent ?? ''), why: 'site text (outside the article)' });
      }
      return;
    }
    if (SITE.has(el.tagName) && /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE)$/.test(el.tagName)) return;
    const text = squash(el.textContent ?? '');
    if (text) dropped.push({ line: 0, text, why: 'site text (outside the article)' });
  };
  visit(body);
  return dropped;
}

export function readHtml(html: string): RawMemo {
  const { document } = parseHTML(html) as unknown as { document: Document_ };
  const found = articleRoot(document, html);
  const notes = new Set<Element_>();
  const lookup = (id: string) => {
    const target = document.getElementById(id);
    if (target) notes.add(target);
    return target;
  };
  const raw = readDom(found.root, { lookup });
  const meta = pageMeta(document, found);
  // A title heading just outside the article (a page header) is the memo's title heading.
  const h1 = Array.from(document.body.querySelectorAll('h1')).find((h) => !found.root.contains(h));
  if (h1 && meta.title && squash(h1.textContent ?? '') === meta.title && !raw.blocks.some((b) => b.kind === 'heading' && b.level === 1)) {
    raw.blocks.unshift({ kind: 'heading', text: meta.title, line: 0, level: 1 });
  }
  const outside = siteText(document.body, found.root, notes).filter((d) => !(h1 && d.text === squash(h1.textContent ?? '')));
  return { ...raw, dropped: [...outside, ...raw.dropped], meta };
}
