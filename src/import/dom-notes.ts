// A document's notes in its DOM: found by the links that point at them, or (a web page) by their
// place, under a notes heading or in an element marked as notes; and an element's running text,
// where a reference to a note reads as its mark.
import { noteOf, REF_TEXT } from './notes.ts';
import { markupWords, NOTES_HEADING } from './site.ts';
import { OUTSIDE_ADDRESS, refMark, type Link } from './text.ts';
import { BLOCK, elements, HEADING, LIST, SITE, squash, type Element_, type Node_ } from './dom-nodes.ts';

const BACKLINK = /^[↩↑^︎\s]+$|^\^$/u;

export interface Notes {
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
export function placedNotes(root: Element_, notes: Notes): void {
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
export function findNotes(root: Element_, lookup: (id: string) => Element_ | null): Notes {
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

/**
 * An element's text as running text: note references as marks, backlinks and images left out.
 * `links`: the links it holds (the words they are on, where they lead) are added to it, in order.
 */
export function inlineText(el: Node_, notes: Notes, skipLists = false, links?: Link[]): string {
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
    const from = parts.length;
    Array.from(e.childNodes).forEach(visit);
    if (block) parts.push('\n');
    const href = e.tagName === 'A' ? (e.getAttribute('href') ?? '').trim() : '';
    if (links && OUTSIDE_ADDRESS.test(href)) {
      const text = squash(parts.slice(from).join(''));
      // Words only (a note's mark is a reference of its own); a bare address is linked as it is written.
      if (text && !/[\uE000\uE001]|:\/\//u.test(text)) links.push({ text, href });
    }
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
