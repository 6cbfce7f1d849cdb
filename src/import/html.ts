// A saved web page → the memo's blocks. Readability finds the article; its headings, lists,
// notes and tables are read from the page's own DOM (Readability rewrites levels: h1 → h2),
// and every text of the page outside the article is listed as site text.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { MemoMeta } from '../model/types.ts';
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
  const title = content('meta[name="citation_title"]') || content('meta[property="og:title"]') || found.title || document.title;
  return {
    ...(title ? { title: squash(title) } : {}),
    ...(authors.length ? { authors } : found.byline ? { authors: [squash(found.byline)] } : {}),
    ...(lang ? { language: lang } : {}),
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
    if (text) dropped.push({ line: 0, text, why });
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
  const raw = readDom(found.root, { lookup, article: found.root !== document.body });
  const meta = pageMeta(document, found);
  // A title heading just outside the article (a page header) is the memo's title heading.
  const h1 = Array.from(document.body.querySelectorAll('h1')).find((h) => !found.root.contains(h));
  if (h1 && meta.title && squash(h1.textContent ?? '') === meta.title && !raw.blocks.some((b) => b.kind === 'heading' && b.level === 1)) {
    raw.blocks.unshift({ kind: 'heading', text: meta.title, line: 0, level: 1 });
  }
  const outside = siteText(document.body, found.root, notes, found.declared).filter((d) => !(h1 && d.text === squash(h1.textContent ?? '')));
  return { ...raw, dropped: [...outside, ...raw.dropped], meta };
}
