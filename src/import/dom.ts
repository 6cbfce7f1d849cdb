// A document's DOM → the memo's blocks: what the HTML, Word and Markdown readers share.
// Headings keep their level, list items their nesting; a link to a note (a number pointing at
// an element that links back) is a footnote reference, and the note it points at a footnote.
import type { TitleField } from './title-block.ts';
import { noteOf } from './notes.ts';
import { isBreadcrumb, siteLine } from './site.ts';
import { REF_MARK, refMark, type Dropped, type Link, type RawBlock, type RawFootnote, type RawMemo } from './text.ts';
import { BLOCK, elements, HEADING, LIST, lineOf, SITE, squash, type Element_, type Node_ } from './dom-nodes.ts';
import { findNotes, inlineText, placedNotes, type Notes } from './dom-notes.ts';
import { siteElement, timeText, titleHint } from './dom-site.ts';

/** A title block's line as a reader marks it (a Word style read as a class): its role. */
const TITLE_HINT = /\bbd-(title|subtitle|authors|date|series|publisher|program)\b/;
const hasBlockChild = (el: Element_) => elements(el).some((c) => BLOCK.has(c.tagName) || SITE.has(c.tagName));

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
      const links: Link[] = [];
      this.push({ kind: 'bullet', text: inlineText(li, this.notes, true, links), line: lineOf(li), depth, ...(links.length ? { links } : {}) });
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
    const links: Link[] = [];
    const text = inlineText(el, notes, false, links);
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
    this.push({ kind: 'text', text, line: lineOf(el), ...(hint ? { hint } : {}), ...(links.length ? { links } : {}) });
  }

  /** Mixed content: text beside blocks is a paragraph of its own. */
  private mixed(el: Element_): void {
    const { notes, options } = this;
    let loose: Node_[] = [];
    const flush = () => {
      const links: Link[] = [];
      const text = squash(loose.map((n) => (n.nodeType === 1 ? inlineText({ childNodes: [n] } as unknown as Node_, notes, false, links) : (n.textContent ?? ''))).join(''));
      // Beside a page's buttons, a toast ("copied") or a counter is the site's too.
      const kind = options.web ? (siteLine(text) ?? loose.map((n) => (n.nodeType === 1 ? siteElement(n as Element_) : undefined)).find(Boolean)) : undefined;
      if (text && kind) this.dropped.push({ line: 0, text, why: `${kind} (site text in the article)` });
      else if (text) this.push({ kind: 'text', text, line: 0, ...(links.length ? { links } : {}) });
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
