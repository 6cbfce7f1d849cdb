// A PDF's links: its link annotations are boxes on a page with an address; the words a box covers
// are found in the page's runs, and each link goes to the block whose text holds those words.
import type { PdfPage, PdfRun } from './pdf-lines.ts';
import type { Link, RawBlock } from './text.ts';

/** Letters set with spaces between words: a boundary inside one is moved to the nearer word's edge. */
const SPACED = /[A-Za-z0-9\u00c0-\u024f]/u;

// Helvetica's advance widths (its AFM, per 1000 em) for the printable ASCII characters: a
// proportional face's letters keep much these proportions to each other, so a run's characters
// are placed by them (wide characters: a full em; others: an average letter).
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
const advance = (c: string) => {
  const code = c.codePointAt(0)!;
  return code >= 32 && code <= 126 ? HELVETICA[code - 32]! : WIDE.test(c) ? 1000 : 556;
};

/** The part of a run a box covers: its characters placed by their proportions over its width, cut at word edges. */
function covered(run: PdfRun, [x1, , x2]: [number, number, number, number]): string {
  const chars = [...run.text];
  const n = chars.length;
  if (n === 0 || run.width <= 0) return '';
  // Where each character starts and ends, across the run's width.
  const edges = [0];
  for (const c of chars) edges.push(edges.at(-1)! + advance(c));
  const scale = run.width / edges.at(-1)!;
  // A character is covered when its middle is in the box.
  const mid = (i: number) => run.x + ((edges[i]! + edges[i + 1]!) / 2) * scale;
  let start = 0;
  while (start < n && mid(start) < Math.min(x1, x2)) start++;
  let end = n;
  while (end > start && mid(end - 1) > Math.max(x1, x2)) end--;
  const inWord = (i: number) => i > 0 && i < n && SPACED.test(chars[i - 1]!) && SPACED.test(chars[i]!);
  const edge = (i: number) => {
    if (!inWord(i)) return i;
    let back = i;
    let ahead = i;
    while (inWord(back)) back--;
    while (inWord(ahead)) ahead++;
    return i - back <= ahead - i ? back : ahead;
  };
  return chars.slice(edge(start), edge(end)).join('');
}

type Box = NonNullable<PdfPage['links']>[number];

const middle = (b: Box) => (b.rect[1] + b.rect[3]) / 2;
const tall = (b: Box) => Math.abs(b.rect[3] - b.rect[1]);
const left = (b: Box) => Math.min(b.rect[0], b.rect[2]);
const right = (b: Box) => Math.max(b.rect[0], b.rect[2]);

/** The words a box covers on its page (runs that touch are one word: a ligature drawn apart, "arti" "fi" "cial"). */
function boxText(page: PdfPage, { rect }: Box): string {
  const [x1, y1, x2, y2] = rect;
  const runs = page.runs
    .filter((r) => r.y >= Math.min(y1, y2) - r.size * 0.1 && r.y <= Math.max(y1, y2) && r.x < Math.max(x1, x2) && r.x + r.width > Math.min(x1, x2))
    .sort((a, b) => a.x - b.x);
  let text = '';
  runs.forEach((r, i) => {
    const piece = covered(r, rect);
    const before = runs[i - 1];
    const gap = before ? r.x - (before.x + before.width) : 0;
    if (piece) text += `${text && gap > r.size * 0.15 ? ' ' : ''}${piece}`;
  });
  return text.replace(/\s+/gu, ' ').trim();
}

/**
 * The words under each link, in the order of the pages and, on a page, from the top: a link broken
 * over lines is a box on each (LibreOffice lists them bottom up, some twice), joined when the next
 * box of its address starts a line right below the last (after the one that ends further right:
 * two links to one address may share a line), or opens the next page.
 */
export function pdfLinks(pages: PdfPage[]): Array<Link & { parts: string[] }> {
  type Chain = { href: string; parts: string[]; last: Box; page: number };
  const chains: Chain[] = [];
  for (const page of pages) {
    const all = page.links ?? [];
    const boxes = all
      .filter((l, i) => !all.slice(0, i).some((o) => o.url === l.url && o.rect.every((v, k) => Math.abs(v - l.rect[k]!) < 1)))
      .sort((a, b) => middle(b) - middle(a) || left(a) - left(b));
    const lowest = (n: number) => Math.min(...(pages.find((p) => p.number === n)?.links ?? []).map(middle));
    boxes.forEach((box, i) => {
      const text = boxText(page, box);
      if (!text || !/[\p{L}\p{N}]/u.test(text)) return;
      const above = chains.filter(
        (c) =>
          c.href === box.url &&
          ((c.page === page.number && middle(c.last) - middle(box) > tall(c.last) * 0.5 && middle(c.last) - middle(box) < tall(c.last) * 2.2 && left(box) <= left(c.last) + 1) ||
            (c.page === page.number - 1 && i === 0 && middle(c.last) === lowest(c.page))),
      );
      const chain = above.sort((a, b) => right(b.last) - right(a.last))[0];
      if (chain) {
        chain.parts.push(text);
        chain.last = box;
        chain.page = page.number;
      } else chains.push({ href: box.url, parts: [text], last: box, page: page.number });
    });
  }
  return chains.map(({ href, parts }) => ({ text: parts.join(' '), href, parts }));
}

/**
 * Gives each link to the block whose text holds its words, in order (from the block the last one
 * went to; then from the start: a page of two columns lists its boxes across them). A link whose
 * words no block holds as they are (a box that covers part of a word), or holds more than once
 * when they are a few letters, is left out: its words stay text.
 */
/** A link's words without the stop or comma a box may take in at either end (the sentence's, not the link's). */
const edges = (text: string) => text.replace(/\s+/gu, ' ').replace(/^[\s.,;:!?、。]+|[\s.,;:、。]+$/gu, '');

export function attachLinks(blocks: RawBlock[], links: Array<Link & { parts: string[] }>): void {
  let cursor = 0;
  const found = new Map<RawBlock, Array<Link & { at: number }>>();
  /** The first block from `from` to `to` holding one of `texts` where no link of it is yet. */
  const search = (texts: string[], from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const block = blocks[i]!;
      if (block.kind === 'heading' || block.kind === 'table') continue;
      const taken = found.get(block) ?? [];
      for (const text of texts) {
        let at = block.text.indexOf(text);
        while (at >= 0 && taken.some((l) => at < l.at + l.text.length && l.at < at + text.length)) at = block.text.indexOf(text, at + 1);
        // A few letters found more than once ("AI") may be any of them: left out rather than put on the wrong ones.
        if (at >= 0 && text.length < 12 && block.text.indexOf(text, at + 1) >= 0) continue;
        if (at >= 0) return { i, text, at };
      }
    }
    return undefined;
  };
  const attach = (texts: string[], href: string): boolean => {
    const hit = search(texts, cursor, blocks.length) ?? search(texts, 0, cursor);
    if (!hit) return false;
    cursor = hit.i;
    const block = blocks[hit.i]!;
    found.set(block, [...(found.get(block) ?? []), { text: hit.text, href, at: hit.at }]);
    return true;
  };
  for (const link of links) {
    // Broken over lines: the parts with a space between them, or none (Japanese); not found so,
    // the parts are links of their own (two links to one address, the second starting a line).
    const whole = [...new Set([link.parts.join(' '), link.parts.join('')].map(edges))].filter((t) => t && !t.includes('://'));
    if (attach(whole, link.href) || link.parts.length === 1) continue;
    for (const part of link.parts.map(edges)) if (part && !part.includes('://')) attach([part], link.href);
  }
  for (const [block, links] of found) block.links = links.sort((a, b) => a.at - b.at).map(({ text, href }) => ({ text, href }));
}
