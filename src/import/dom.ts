// A document's DOM → the memo's blocks: what the HTML, Word and Markdown readers share.
// Headings keep their level, list items their nesting; a link to a note (a number pointing at
// an element that links back) is a footnote reference, and the note it points at a footnote.
import type { TitleField } from './title-block.ts';
import { REF_MARK, refMark, type Dropped, type RawBlock, type RawFootnote, type RawMemo } from './text.ts';

// linkedom's DOM types are the standard ones; only what is used here is named.
type Node_ = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<Node_>; parentNode: Node_ | null };
export type Element_ = Node_ & {
  tagName: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Element_>;
  closest(selector: string): Element_ | null;
  contains(other: Node_): boolean;
  id: string;
};
export type Document_ = { body: Element_; title: string; getElementById(id: string): Element_ | null; querySelectorAll(selector: string): ArrayLike<Element_> };

const WIDE = '\\u2e80-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u3000-\\u303f';
const WIDE_BREAK = new RegExp(`([${WIDE}])[ \\t]*\\n\\s*(?=[${WIDE}])`, 'gu');

/** Whitespace as a reader sees it: a line break between Japanese characters is no space. */
export function squash(text: string): string {
  return text.replace(WIDE_BREAK, '$1').replace(/\s+/gu, ' ').trim();
}

/** Elements that are the site around a document, never its text. */
export const SITE = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE', 'FORM', 'BUTTON', 'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'SVG', 'SELECT']);
const HEADING = /^H([1-6])$/;
const LIST = new Set(['UL', 'OL']);
const BLOCK = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'TABLE', 'TBODY', 'THEAD', 'TR', 'FIGURE', 'PRE', 'DL', 'DT', 'DD', 'HR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'FIGCAPTION', 'CENTER', 'ADDRESS']);
/** A title block's line as a reader marks it (a Word style read as a class): its role. */
const TITLE_HINT = /\bbd-(title|subtitle|authors|date|series|publisher|program)\b/;
const BACKLINK = /^[↩↑^︎\s]+$|^\^$/u;

/** The source line a reader noted on an element (`data-line`), else 0. */
const lineOf = (el: Element_): number => Number(el.getAttribute?.('data-line') ?? 0) || 0;
const elements = (node: Node_): Element_[] => Array.from(node.childNodes).filter((n): n is Element_ => n.nodeType === 1);
const hasBlockChild = (el: Element_) => elements(el).some((c) => BLOCK.has(c.tagName) || SITE.has(c.tagName));

interface Notes {
  /** Note reference anchors → label. */
  refs: Map<Element_, string>;
  /** The elements holding the notes. */
  targets: Map<Element_, string>;
}

/** Finds note references: a short number linking to an element of the document. */
function findNotes(root: Element_, lookup: (id: string) => Element_ | null): Notes {
  const refs = new Map<Element_, string>();
  const targets = new Map<Element_, string>();
  const labels = new Map<Element_, string>();
  for (const a of Array.from(root.querySelectorAll('a[href^="#"]'))) {
    const text = squash(a.textContent ?? '');
    const number = /^[[(]?\s*(\d{1,3})\s*[\])]?$/.exec(text);
    const cue = a.closest('sup') !== null || /noteref|footnote/i.test(`${a.getAttribute('role') ?? ''} ${a.getAttribute('class') ?? ''}`);
    if (!number || !cue) continue;
    const target = lookup(decodeURIComponent(a.getAttribute('href')!.slice(1)));
    if (!target || HEADING.test(target.tagName) || target.contains(a)) continue;
    let label = labels.get(target);
    if (!label) {
      label = number[1]!;
      labels.set(target, label);
      targets.set(target, label);
    }
    refs.set(a, label);
  }
  return { refs, targets };
}

/** An element's text as running text: note references as marks, backlinks and images left out. */
function inlineText(el: Node_, notes: Notes, skipLists = false): string {
  const parts: string[] = [];
  const visit = (node: Node_): void => {
    if (node.nodeType === 3) {
      parts.push(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const e = node as Element_;
    if (SITE.has(e.tagName) || (skipLists && LIST.has(e.tagName))) return;
    if (e.tagName === 'BR') {
      parts.push('\n');
      return;
    }
    const label = notes.refs.get(e) ?? (e.tagName === 'SUP' ? onlyRef(e, notes) : undefined);
    if (label !== undefined) {
      parts.push(refMark(label));
      return;
    }
    if (e.tagName === 'A' && BACKLINK.test(e.textContent ?? '') && (e.getAttribute('href') ?? '').startsWith('#')) return;
    const block = BLOCK.has(e.tagName);
    if (block) parts.push('\n');
    Array.from(e.childNodes).forEach(visit);
    if (block) parts.push('\n');
  };
  Array.from(el.childNodes).forEach(visit);
  // A mark takes the spaces before it (the reference follows the word it notes).
  return squash(parts.join('')).replace(/\s+(?=\uE000)/gu, '');
}

function onlyRef(sup: Element_, notes: Notes): string | undefined {
  const kids = elements(sup);
  return kids.length === 1 && squash(sup.textContent ?? '') === squash(kids[0]!.textContent ?? '') ? notes.refs.get(kids[0]!) : undefined;
}

export interface DomOptions {
  /** Where to look up a note's target by id (default: under the root). */
  lookup?: (id: string) => Element_ | null;
  /** The root is an article: its <header> and <footer> are its own (its title, its byline), not the site's. */
  article?: boolean;
}

/** Reads the blocks and footnotes under `root`; what is left out is listed as dropped. */
export function readDom(root: Element_, options: DomOptions = {}): RawMemo {
  const byId = (id: string) => Array.from(root.querySelectorAll('[id]')).find((e) => e.id === id) ?? null;
  const notes = findNotes(root, options.lookup ?? byId);
  const blocks: RawBlock[] = [];
  const dropped: Dropped[] = [];
  const push = (block: RawBlock) => {
    if (block.text.replace(REF_MARK, '').trim() !== '') blocks.push(block);
  };
  const list = (el: Element_, depth: number): void => {
    for (const li of elements(el)) {
      if (notes.targets.has(li)) continue;
      if (li.tagName !== 'LI') {
        walk(li);
        continue;
      }
      push({ kind: 'bullet', text: inlineText(li, notes, true), line: lineOf(li), depth });
      for (const nested of Array.from(li.querySelectorAll('ul, ol'))) if (nested.parentNode === li || nested.parentNode?.parentNode === li) list(nested, depth + 1);
    }
  };
  /**
   * A table of two columns or more is a table: its rows of cells, the first (a header row in the
   * document, or its first row) the header. One column is a column of paragraphs.
   */
  const table = (el: Element_): void => {
    const rows = Array.from(el.querySelectorAll('tr'))
      .filter((tr) => tr.closest('table') === el)
      .map((tr) => elements(tr).filter((c) => c.tagName === 'TD' || c.tagName === 'TH').map((c) => inlineText(c, notes)))
      .filter((cells) => cells.some((c) => c.replace(REF_MARK, '').trim() !== ''));
    const columns = Math.max(0, ...rows.map((r) => r.length));
    if (columns < 2 || rows.length < 2) {
      for (const cells of rows) push({ kind: 'text', text: cells.filter(Boolean).join(' / '), line: 0 });
      return;
    }
    const square = rows.map((r) => [...r, ...Array<string>(columns - r.length).fill('')]);
    push({ kind: 'table', text: square.flat().filter(Boolean).join(' '), rows: square, line: lineOf(el) });
  };
  const walk = (el: Element_): void => {
    if (notes.targets.has(el)) return;
    if (SITE.has(el.tagName) && !(options.article && /^(HEADER|FOOTER)$/.test(el.tagName))) {
      const text = squash(el.textContent ?? '');
      if (text) dropped.push({ line: 0, text, why: `site text (<${el.tagName.toLowerCase()}>)` });
      return;
    }
    const heading = HEADING.exec(el.tagName);
    if (heading) return push({ kind: 'heading', text: inlineText(el, notes), line: lineOf(el), level: Number(heading[1]) });
    if (LIST.has(el.tagName)) return list(el, 0);
    if (el.tagName === 'TABLE') return table(el);
    if (el.tagName === 'TR') return push({ kind: 'text', text: elements(el).map((c) => inlineText(c, notes)).filter(Boolean).join(' / '), line: 0 });
    if (el.tagName === 'IMG') {
      dropped.push({ line: 0, text: el.getAttribute('alt') ?? el.getAttribute('src') ?? '', why: 'image' });
      return;
    }
    if (!hasBlockChild(el)) {
      for (const img of Array.from(el.querySelectorAll('img'))) dropped.push({ line: 0, text: img.getAttribute('alt') ?? img.getAttribute('src') ?? '', why: 'image' });
      const hint = TITLE_HINT.exec(el.getAttribute('class') ?? '')?.[1] as TitleField | undefined;
      return push({ kind: 'text', text: inlineText(el, notes), line: lineOf(el), ...(hint ? { hint } : {}) });
    }
    // Mixed content: text beside blocks is a paragraph of its own.
    let loose: Node_[] = [];
    const flush = () => {
      const text = squash(loose.map((n) => (n.nodeType === 1 ? inlineText({ childNodes: [n] } as unknown as Node_, notes) : (n.textContent ?? ''))).join(''));
      if (text) push({ kind: 'text', text, line: 0 });
      loose = [];
    };
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === 1 && (BLOCK.has((child as Element_).tagName) || SITE.has((child as Element_).tagName))) {
        flush();
        walk(child as Element_);
      } else loose.push(child);
    }
    flush();
  };
  walk(root);
  const footnotes: RawFootnote[] = [...notes.targets].map(([target, label]) => ({ label, text: inlineText(target, notes), line: lineOf(target) }));
  return { blocks, footnotes, dropped };
}
