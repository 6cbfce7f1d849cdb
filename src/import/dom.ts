// A document's DOM → the memo's blocks: what the HTML, Word and Markdown readers share.
// Headings keep their level, list items their nesting; a link to a note (a number pointing at
// an element that links back) is a footnote reference, and the note it points at a footnote.
import type { TitleField } from './title-block.ts';
import { noteOf, REF_TEXT } from './notes.ts';
import { isBreadcrumb, markupWords, NOTES_HEADING, SITE_ROLES, siteKind, siteLine } from './site.ts';
import { REF_MARK, refMark, type Dropped, type RawBlock, type RawFootnote, type RawMemo } from './text.ts';

// linkedom's DOM types are the standard ones; only what is used here is named.
type Node_ = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<Node_>; parentNode: Node_ | null };
export type Element_ = Node_ & {
  tagName: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<Element_>;
  querySelector?(selector: string): Element_ | null;
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
  /** The headings over notes found by their place ("注", "Notes"). */
  headings: Set<Element_>;
}

/** A note's id: "fn1", "footnote-2", "note3", "endnote_4", "注1". */
const NOTE_ID = /^(?:fn|footnote|note|endnote|en|注)[-_:]?(\d{1,3})$/iu;
/** A note's own number at its start ("1 ", "1. ", "[1] ", "(1) ", "※1 ", "注1 "): notes.ts reads it. */
const noteNumber = (text: string): string | undefined => noteOf(text)?.label;
const NOTE_WORDS = new Set(['footnote', 'footnotes', 'endnote', 'endnotes', 'notes', 'fn', 'fns', 'references']);

/**
 * Notes known by their place rather than by links: the list (or the numbered paragraphs) under a
 * heading "注", "脚注", "Notes", "References"; an element whose class, id or role says notes
 * (`section.footnotes`, `aside.notes`, `role=doc-endnotes`); list items with a note's id (`li#fn1`).
 */
function placedNotes(root: Element_, notes: Notes): void {
  const labels = new Set(notes.targets.values());
  const add = (el: Element_, label: string) => {
    if (notes.targets.has(el) || labels.has(label) || [...notes.targets.keys()].some((t) => t.contains(el) || el.contains(t))) return;
    notes.targets.set(el, label);
    labels.add(label);
  };
  const items = (container: Element_) => {
    const list = elements(container);
    const lis = list.filter((e) => LIST.has(e.tagName)).flatMap((l) => elements(l).filter((li) => li.tagName === 'LI').map((li, i) => ({ li, start: Number(l.getAttribute('start') ?? 1) + i })));
    if (lis.length) return lis.forEach(({ li, start }) => add(li, NOTE_ID.exec(li.id ?? '')?.[1] ?? noteNumber(li.textContent ?? '') ?? String(start)));
    for (const p of list) {
      const label = NOTE_ID.exec(p.id ?? '')?.[1] ?? noteNumber(p.textContent ?? '');
      if (label && !HEADING.test(p.tagName)) add(p, String(Number(label)));
    }
  };
  for (const h of Array.from(root.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
    if (!NOTES_HEADING.test(squash(h.textContent ?? ''))) continue;
    const parent = h.parentNode as Element_ | null;
    if (!parent) continue;
    const after = elements(parent).slice(elements(parent).indexOf(h) + 1);
    const next = after[0];
    if (!next) continue;
    const before = notes.targets.size;
    if (LIST.has(next.tagName)) elements(next).filter((li) => li.tagName === 'LI').forEach((li, i) => add(li, NOTE_ID.exec(li.id ?? '')?.[1] ?? String(Number(next.getAttribute('start') ?? 1) + i)));
    else {
      for (const p of after) {
        const label = HEADING.test(p.tagName) ? undefined : noteNumber(p.textContent ?? '');
        if (!label) break;
        add(p, label);
      }
    }
    if (notes.targets.size > before) notes.headings.add(h);
  }
  for (const el of Array.from(root.querySelectorAll('section, aside, div, ol'))) {
    const words = markupWords([el.getAttribute('class'), el.id, el.getAttribute('role')]);
    if (words.some((w) => NOTE_WORDS.has(w)) || /doc-endnotes|doc-footnotes/.test(el.getAttribute('role') ?? '')) {
      if (el.tagName === 'OL') elements(el).filter((li) => li.tagName === 'LI').forEach((li, i) => add(li, NOTE_ID.exec(li.id ?? '')?.[1] ?? String(i + 1)));
      else items(el);
    }
  }
  for (const li of Array.from(root.querySelectorAll('li[id]'))) {
    const id = NOTE_ID.exec(li.id);
    if (id) add(li, String(Number(id[1])));
  }
}

/** Finds note references: a short number linking to an element of the document. */
function findNotes(root: Element_, lookup: (id: string) => Element_ | null): Notes {
  const refs = new Map<Element_, string>();
  const targets = new Map<Element_, string>();
  const labels = new Map<Element_, string>();
  for (const a of Array.from(root.querySelectorAll('a[href^="#"]'))) {
    const text = squash(a.textContent ?? '');
    const number = REF_TEXT.exec(text);
    const href = decodeURIComponent(a.getAttribute('href')!.slice(1));
    // A raised or bracketed number, or one marked a note reference, or one linking to a note's id.
    const cue = a.closest('sup') !== null || /^[[(]/.test(text) || /noteref|footnote/i.test(`${a.getAttribute('role') ?? ''} ${a.getAttribute('class') ?? ''}`) || NOTE_ID.test(href);
    if (!number || !cue) continue;
    let target = lookup(href);
    // An empty anchor marks where the note is (LibreOffice's `<li><a id="fn1"></a>…`): the note is the item or paragraph holding it.
    if (target && squash(target.textContent ?? '') === '' && target.tagName === 'A') target = target.closest('li, p, dd, div') ?? target;
    if (!target || HEADING.test(target.tagName) || target.contains(a)) continue;
    let label = labels.get(target);
    if (!label) {
      label = number[1]!;
      labels.set(target, label);
      targets.set(target, label);
    }
    refs.set(a, label);
  }
  return { refs, targets, headings: new Set() };
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
    // A line break written (<br>, Word's manual break) parts what it stands between, in Japanese
    // too (「…となっている」 and 「出典：…」): a space, where a break in the page's source is none.
    if (e.tagName === 'BR') {
      parts.push('\u2028');
      return;
    }
    const label = notes.refs.get(e) ?? (e.tagName === 'SUP' ? (onlyRef(e, notes) ?? rawRef(e, notes)) : undefined);
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

/** `<sup>1</sup>`, `<sup>[1]</sup>`: the number of a note found by its place, raised without a link. */
function rawRef(sup: Element_, notes: Notes): string | undefined {
  const m = REF_TEXT.exec(squash(sup.textContent ?? ''));
  return m && [...notes.targets.values()].includes(String(Number(m[1]))) ? String(Number(m[1])) : undefined;
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
  /**
   * A web page: notes are also known by their place (under "Notes", in `.footnotes`); the site's
   * elements inside the article (share and follow buttons, counters, comments, related posts,
   * banners, profile and newsletter boxes) are dropped, known by their class, id, role or text;
   * a byline's and a date's class marks them as the title block's.
   */
  web?: boolean;
}

/** The title block's role a web page's markup gives an element: its byline, its date, its series. */
export function titleHint(el: Element_): TitleField | undefined {
  const words = markupWords([el.getAttribute('class'), el.id, el.getAttribute('itemprop'), el.getAttribute('rel')]);
  const has = (...w: string[]) => w.some((x) => words.includes(x));
  if (has('author', 'authors', 'byline', 'writer', 'contributor', 'contributors', 'creator')) return 'authors';
  if (el.tagName === 'TIME' || has('date', 'dateline', 'published', 'pubdate', 'timestamp', 'posted') || words.join(' ').includes('date published')) return 'date';
  if (has('subtitle', 'subheading', 'standfirst', 'dek', 'subhead')) return 'subtitle';
  if (has('series', 'kicker', 'eyebrow')) return 'series';
  return undefined;
}

/** What site element an element of a page is, by its role and its class and id words. */
export function siteElement(el: Element_): string | undefined {
  const role = SITE_ROLES[el.getAttribute('role') ?? ''];
  if (role) return role;
  const aria = el.getAttribute('aria-label') ?? '';
  if (/breadcrumb|パンくず/i.test(aria)) return 'breadcrumbs';
  if (HEADING.test(el.tagName)) return undefined;
  // An id made from the element's heading ("recommendations" for a section "Recommendations") names the memo's text, not the site.
  const heading = el.querySelector?.('h1, h2, h3, h4, h5, h6');
  const slug = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const id = heading && slug(squash(heading.textContent ?? '')).startsWith(slug(el.id ?? '')) ? '' : el.id;
  return siteKind(markupWords([el.getAttribute('class'), id]));
}

/** The date of a `<time>` element as shown, else its machine date ("3日前" → 2020-12-01). */
function timeText(el: Element_): string {
  const shown = squash(el.textContent ?? '');
  const machine = /^(\d{4}-\d{2}-\d{2})/.exec(el.getAttribute('datetime') ?? '')?.[1];
  return /\d{4}|\d{1,2}月/.test(shown) || !machine ? shown : machine;
}

/** Reads the blocks and footnotes under `root`; what is left out is listed as dropped. */
export function readDom(root: Element_, options: DomOptions = {}): RawMemo {
  const byId = (id: string) => Array.from(root.querySelectorAll('[id]')).find((e) => e.id === id) ?? null;
  const notes = findNotes(root, options.lookup ?? byId);
  if (options.web) placedNotes(root, notes);
  const reader = new DomReader(root, notes, options);
  reader.walk(root);
  const { blocks, dropped } = reader;
  const footnotes: RawFootnote[] = [...notes.targets].map(([target, label]) => {
    const text = inlineText(target, notes);
    // A note's own number at its start is its label, not its text.
    const own = noteOf(text);
    return { label, text: own?.label === label ? own.text : text, line: lineOf(target) };
  });
  if (options.web && footnotes.length) {
    // "[1]" in the text, where a note 1 is known, is its reference.
    const labels = new Set(footnotes.map((f) => f.label));
    for (const b of blocks) b.text = b.text.replace(/\s?[[［](\d{1,3})[\]］]/gu, (all, n: string) => (labels.has(String(Number(n))) ? refMark(String(Number(n))) : all));
  }
  return { blocks, footnotes, dropped };
}

/**
 * A table's cells on its grid: a cell spanning columns or rows (a merged cell in Word) takes its
 * place, and leaves the places it spans empty, so each cell stays under its own column heading.
 */
function grid(rows: Element_[][], notes: Notes): string[][] {
  const out: Array<Array<string | undefined>> = rows.map(() => []);
  const span = (cell: Element_, name: string, most: number) => Math.min(most, Math.max(1, Number.parseInt(cell.getAttribute(name) ?? '1', 10) || 1));
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (out[r]![c] !== undefined) c++;
      const across = span(cell, 'colspan', 100);
      const down = Math.min(span(cell, 'rowspan', 1000), rows.length - r);
      for (let dr = 0; dr < down; dr++) for (let dc = 0; dc < across; dc++) out[r + dr]![c + dc] = '';
      out[r]![c] = inlineText(cell, notes);
      c += across;
    }
  });
  return out.map((row) => Array.from(row, (cell) => cell ?? ''));
}

/** A walk of a document's elements in order: the blocks it reads, and what it leaves out (dropped), with why. */
class DomReader {
  readonly blocks: RawBlock[] = [];
  readonly dropped: Dropped[] = [];
  /** The length of the whole text: a site element never holds half of it. */
  private readonly total: number;

  constructor(
    private readonly root: Element_,
    private readonly notes: Notes,
    private readonly options: DomOptions,
  ) {
    this.total = squash(root.textContent ?? '').length;
  }

  private push(block: RawBlock): void {
    if (block.text.replace(REF_MARK, '').trim() !== '') this.blocks.push(block);
  }

  private list(el: Element_, depth: number): void {
    for (const li of elements(el)) {
      if (this.notes.targets.has(li)) continue;
      if (li.tagName !== 'LI') {
        this.walk(li);
        continue;
      }
      this.push({ kind: 'bullet', text: inlineText(li, this.notes, true), line: lineOf(li), depth });
      for (const nested of Array.from(li.querySelectorAll('ul, ol'))) if (nested.parentNode === li || nested.parentNode?.parentNode === li) this.list(nested, depth + 1);
    }
  }

  /**
   * A table of two columns or more is a table: its rows of cells, the first (a header row in the
   * document, or its first row) the header. One column is a column of paragraphs.
   */
  private table(el: Element_): void {
    const trs = Array.from(el.querySelectorAll('tr')).filter((tr) => tr.closest('table') === el);
    const rows = grid(trs.map((tr) => elements(tr).filter((c) => c.tagName === 'TD' || c.tagName === 'TH')), this.notes).filter((cells) => cells.some((c) => c.replace(REF_MARK, '').trim() !== ''));
    const columns = Math.max(0, ...rows.map((r) => r.length));
    if (columns < 2 || rows.length < 2) {
      for (const cells of rows) this.push({ kind: 'text', text: cells.filter(Boolean).join(' / '), line: 0 });
      return;
    }
    const square = rows.map((r) => [...r, ...Array<string>(columns - r.length).fill('')]);
    this.push({ kind: 'table', text: square.flat().filter(Boolean).join(' '), rows: square, line: lineOf(el) });
  }

  /** Whether `el` is the site's, not the memo's (dropped, with why): the notes' heading, a site element or label. */
  private siteText(el: Element_, holdsNotes: boolean): boolean {
    const { notes, options, dropped } = this;
    if (notes.headings.has(el)) {
      dropped.push({ line: lineOf(el), text: squash(el.textContent ?? ''), why: 'heading of the notes' });
      return true;
    }
    if (options.web && el !== this.root && !holdsNotes) {
      // A site element never holds half the article: the memo's text is never dropped as the site's.
      const kind = siteElement(el);
      const text = squash(el.textContent ?? '');
      if (kind && text.length < this.total / 2) {
        if (text) dropped.push({ line: lineOf(el), text, why: `${kind} (site text in the article)` });
        return true;
      }
    }
    if (!holdsNotes && SITE.has(el.tagName) && !(options.article && /^(HEADER|FOOTER)$/.test(el.tagName))) {
      const text = squash(el.textContent ?? '');
      if (text) dropped.push({ line: 0, text, why: `site text (<${el.tagName.toLowerCase()}>)` });
      return true;
    }
    // A page's own label over the document it shows ("文字起こし", "Transcript") is the site's.
    if (HEADING.test(el.tagName) && options.web && siteLine(squash(el.textContent ?? '')) !== undefined) {
      dropped.push({ line: lineOf(el), text: squash(el.textContent ?? ''), why: `${siteLine(squash(el.textContent ?? ''))} (site text in the article)` });
      return true;
    }
    return false;
  }

  walk(el: Element_): void {
    if (this.notes.targets.has(el)) return;
    // An element holding notes (an <aside> of notes) is read for them.
    const holdsNotes = [...this.notes.targets.keys()].some((t) => el.contains(t));
    if (this.siteText(el, holdsNotes)) return;
    if (holdsNotes && SITE.has(el.tagName)) {
      for (const child of elements(el)) this.walk(child);
      return;
    }
    const heading = HEADING.exec(el.tagName);
    if (heading) return this.push({ kind: 'heading', text: inlineText(el, this.notes), line: lineOf(el), level: Number(heading[1]) });
    if (LIST.has(el.tagName)) return this.list(el, 0);
    if (el.tagName === 'TABLE') return this.table(el);
    if (el.tagName === 'TR') return this.push({ kind: 'text', text: elements(el).map((c) => inlineText(c, this.notes)).filter(Boolean).join(' / '), line: 0 });
    if (el.tagName === 'IMG') {
      this.dropped.push({ line: 0, text: el.getAttribute('alt') ?? el.getAttribute('src') ?? '', why: 'image' });
      return;
    }
    if (!hasBlockChild(el)) return this.leaf(el);
    this.mixed(el);
  }

  /** An element of text alone: a paragraph, a title block's line (by its class or its shape), or site text. */
  private leaf(el: Element_): void {
    const { notes, options, dropped } = this;
    for (const img of Array.from(el.querySelectorAll('img'))) dropped.push({ line: 0, text: img.getAttribute('alt') ?? img.getAttribute('src') ?? '', why: 'image' });
    let hint = TITLE_HINT.exec(el.getAttribute('class') ?? '')?.[1] as TitleField | undefined;
    const text = inlineText(el, notes);
    if (options.web) {
      const line = squash(text.replace(REF_MARK, ''));
      const shape = siteLine(line) ?? (isBreadcrumb(line) ? 'breadcrumbs' : undefined);
      if (shape) {
        dropped.push({ line: lineOf(el), text: line, why: `${shape} (site text in the article)` });
        return;
      }
      const marked = el.querySelector?.('time, [rel="author"], [itemprop="author"], .author') ?? null;
      hint ??= line.length <= 100 ? (titleHint(el) ?? (marked && squash(marked.textContent ?? '') === line ? titleHint(marked) : undefined)) : undefined;
      // A byline with its date: the names, then the date.
      const time = hint === 'authors' ? el.querySelector?.('time') : null;
      if (time) {
        const date = squash(time.textContent ?? '');
        this.push({ kind: 'text', text: squash(line.replace(date, '').replace(/[\s·•|｜,、]+$/u, '')), line: lineOf(el), hint: 'authors' });
        return this.push({ kind: 'text', text: timeText(time), line: lineOf(el), hint: 'date' });
      }
      if (hint === 'date' && el.tagName === 'TIME') return this.push({ kind: 'text', text: timeText(el), line: lineOf(el), hint });
    }
    this.push({ kind: 'text', text, line: lineOf(el), ...(hint ? { hint } : {}) });
  }

  /** Mixed content: text beside blocks is a paragraph of its own. */
  private mixed(el: Element_): void {
    const { notes, options } = this;
    let loose: Node_[] = [];
    const flush = () => {
      const text = squash(loose.map((n) => (n.nodeType === 1 ? inlineText({ childNodes: [n] } as unknown as Node_, notes) : (n.textContent ?? ''))).join(''));
      // Beside a page's buttons, a toast ("copied") or a counter is the site's too.
      const kind = options.web ? (siteLine(text) ?? loose.map((n) => (n.nodeType === 1 ? siteElement(n as Element_) : undefined)).find(Boolean)) : undefined;
      if (text && kind) this.dropped.push({ line: 0, text, why: `${kind} (site text in the article)` });
      else if (text) this.push({ kind: 'text', text, line: 0 });
      loose = [];
    };
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === 1 && (BLOCK.has((child as Element_).tagName) || SITE.has((child as Element_).tagName))) {
        flush();
        this.walk(child as Element_);
      } else loose.push(child);
    }
    flush();
  }
}
