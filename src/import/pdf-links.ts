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

/** What a box covers of a run, and the letters of the run just before and after it (what tells one "personas" from another). */
interface Covered {
  text: string;
  before: string;
  after: string;
}

/** The part of a run a box covers: its characters placed by their proportions over its width, cut at word edges. */
function covered(run: PdfRun, [x1, , x2]: [number, number, number, number]): Covered {
  const chars = [...run.text];
  const n = chars.length;
  if (n === 0 || run.width <= 0) return { text: '', before: '', after: '' };
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
  const [from, to] = [edge(start), edge(end)];
  return { text: chars.slice(from, to).join(''), before: chars.slice(Math.max(0, from - 12), from).join(''), after: chars.slice(to, to + 12).join('') };
}

type Box = NonNullable<PdfPage['links']>[number];

const middle = (b: Box) => (b.rect[1] + b.rect[3]) / 2;
const tall = (b: Box) => Math.abs(b.rect[3] - b.rect[1]);
const left = (b: Box) => Math.min(b.rect[0], b.rect[2]);
const right = (b: Box) => Math.max(b.rect[0], b.rect[2]);

/** The words a box covers on its page (runs that touch are one word: a ligature drawn apart, "arti" "fi" "cial"), and the letters around them. */
function boxText(page: PdfPage, { rect }: Box): Covered {
  const [x1, y1, x2, y2] = rect;
  const runs = page.runs
    .filter((r) => r.y >= Math.min(y1, y2) - r.size * 0.1 && r.y <= Math.max(y1, y2) && r.x < Math.max(x1, x2) && r.x + r.width > Math.min(x1, x2))
    .sort((a, b) => a.x - b.x);
  let text = '';
  let before = '';
  let after = '';
  const pieces = runs.map((r) => covered(r, rect));
  runs.forEach((r, i) => {
    const piece = pieces[i]!;
    const previous = runs[i - 1];
    const gap = previous ? r.x - (previous.x + previous.width) : 0;
    if (!piece.text) return;
    if (!text) before = piece.before;
    after = piece.after;
    text += `${text && gap > r.size * 0.15 ? ' ' : ''}${piece.text}`;
  });
  // A link drawn as runs of its own (Chromium's): the letters around it are its neighbours' on the line.
  const first = runs.find((_, i) => pieces[i]!.text);
  const last = runs.findLast((_, i) => pieces[i]!.text);
  if (first && !before) before = neighbour(page, first, -1);
  if (last && !after) after = neighbour(page, last, 1);
  return { text: text.replace(/\s+/gu, ' ').trim(), before, after };
}

/** The last (side -1) or first (side 1) letters of the run beside `run` on its line, with the space between them. */
function neighbour(page: PdfPage, run: PdfRun, side: -1 | 1): string {
  const line = page.runs.filter((r) => r !== run && Math.abs(r.y - run.y) < run.size * 0.3 && (side < 0 ? r.x + r.width <= run.x + 0.5 : r.x >= run.x + run.width - 0.5));
  const next = line.sort((a, b) => (side < 0 ? b.x + b.width - (a.x + a.width) : a.x - b.x))[0];
  if (!next) return '';
  const gap = side < 0 ? run.x - (next.x + next.width) : next.x - (run.x + run.width);
  const space = gap > run.size * 0.15 ? ' ' : '';
  return side < 0 ? `${next.text.slice(-12)}${space}` : `${space}${next.text.slice(0, 12)}`;
}

/**
 * The words under each link, in the order of the pages and, on a page, from the top: a link broken
 * over lines is a box on each (LibreOffice lists them bottom up, some twice), joined when the next
 * box of its address starts a line right below the last (after the one that ends further right:
 * two links to one address may share a line), or opens the next page.
 */
export function pdfLinks(pages: PdfPage[]): PdfLink[] {
  type Chain = { href: string; parts: string[]; last: Box; page: number; before: string; after: string };
  const chains: Chain[] = [];
  // The chains a box may go on: those of this page and the last box of the page before (a link
  // goes on over a page), so that many links cost no more than few, page by page.
  let open: Chain[] = [];
  let lowestBefore = -Infinity;
  for (const page of pages) {
    const all = page.links ?? [];
    const boxes = all
      .filter((l, i) => !all.slice(0, i).some((o) => o.url === l.url && o.rect.every((v, k) => Math.abs(v - l.rect[k]!) < 1)))
      .sort((a, b) => middle(b) - middle(a) || left(a) - left(b));
    open = open.filter((c) => c.page === page.number - 1 && middle(c.last) === lowestBefore);
    boxes.forEach((box, i) => {
      const { text, before, after } = boxText(page, box);
      if (!text || !/[\p{L}\p{N}]/u.test(text)) return;
      const above = open.filter(
        (c) =>
          c.href === box.url &&
          ((c.page === page.number && middle(c.last) - middle(box) > tall(c.last) * 0.5 && middle(c.last) - middle(box) < tall(c.last) * 2.2 && left(box) <= left(c.last) + 1) ||
            (c.page === page.number - 1 && i === 0)),
      );
      const chain = above.sort((a, b) => right(b.last) - right(a.last))[0];
      if (chain) {
        chain.parts.push(text);
        chain.last = box;
        chain.page = page.number;
        chain.after = after;
      } else {
        const started = { href: box.url, parts: [text], last: box, page: page.number, before, after };
        chains.push(started);
        open.push(started);
      }
    });
    // (Boxes that went on from the page before now end on this page: open holds them too.)
    lowestBefore = boxes.length ? middle(boxes.at(-1)!) : -Infinity;
    // Only this page's chains stay open (within it, a box is looked for among them).
    open = open.filter((c) => c.page === page.number);
  }
  return chains.map(({ href, parts, before, after }) => ({ text: parts.join(' '), href, parts, before, after }));
}

/** A link read from a PDF: its words (in the parts of its lines), and the letters of its line before and after them. */
export interface PdfLink extends Link {
  parts: string[];
  before: string;
  after: string;
}

/**
 * Gives each link to the block whose text holds its words, in order (from the block the last one
 * went to; then before it: a page of two columns lists its boxes across them). A link whose
 * words no block holds as they are (a box that covers part of a word), or holds more than once
 * when they are a few letters, is left out: its words stay text.
 */
/** How many blocks after (and before) the last link's the next one is looked for in. */
const NEAR = 200;

/** A link's words without the stop or comma a box may take in at either end (the sentence's, not the link's). */
const edges = (text: string) => text.replace(/\s+/gu, ' ').replace(/^[\s.,;:!?、。]+|[\s.,;:、。]+$/gu, '');

export function attachLinks(blocks: RawBlock[], links: PdfLink[]): void {
  let cursor = 0;
  const found = new Map<RawBlock, Array<Link & { at: number }>>();
  /** Where in `text` the words are, told by the letters the line has just before or after them, when only one place has those. */
  const placed = (text: string, words: string, { before, after }: Pick<PdfLink, 'before' | 'after'>): number | undefined => {
    const once = (probe: string) => (probe && text.indexOf(probe) >= 0 && text.indexOf(probe, text.indexOf(probe) + 1) < 0 ? text.indexOf(probe) : -1);
    const ahead = before.slice(-6);
    if (once(ahead + words) >= 0) return once(ahead + words) + ahead.length;
    const behind = after.slice(0, 6);
    if (once(words + behind) >= 0) return once(words + behind);
    return undefined;
  };
  /** Whether the words at `at` in `text` have the letters the line has just before or after them. */
  const fits = (text: string, at: number, words: string, { before, after }: Pick<PdfLink, 'before' | 'after'>): boolean => {
    const ahead = before.replace(/\s+/gu, ' ').slice(-6);
    const behind = after.replace(/\s+/gu, ' ').slice(0, 6);
    return (!!ahead.trim() && text.slice(Math.max(0, at - ahead.length), at) === ahead) || (!!behind.trim() && text.slice(at + words.length, at + words.length + behind.length) === behind);
  };
  /**
   * The first block from `from` to `to` holding one of `texts` where no link of it is yet;
   * `strict`: only where the letters around them are the line's (the same words elsewhere are another place).
   */
  const search = (texts: string[], from: number, to: number, context?: Pick<PdfLink, 'before' | 'after'>, strict = false) => {
    for (let i = from; i < to; i++) {
      const block = blocks[i]!;
      if (block.kind === 'heading' || block.kind === 'table') continue;
      const taken = found.get(block) ?? [];
      for (const text of texts) {
        let at = block.text.indexOf(text);
        while (at >= 0 && taken.some((l) => at < l.at + l.text.length && l.at < at + text.length)) at = block.text.indexOf(text, at + 1);
        // A few letters found more than once ("AI") may be any of them: the one with the letters
        // around it the line has, else left out rather than put on the wrong ones.
        if (at >= 0 && text.length < 12 && block.text.indexOf(text, at + 1) >= 0) {
          const near = context && placed(block.text, text, context);
          if (near === undefined || taken.some((l) => near < l.at + l.text.length && l.at < near + text.length)) continue;
          at = near;
        }
        if (at >= 0 && strict && !(context && fits(block.text, at, text, context))) {
          // Another place in this block may be the one.
          const near = context && placed(block.text, text, context);
          if (near === undefined || taken.some((l) => near < l.at + l.text.length && l.at < near + text.length)) continue;
          at = near;
        }
        if (at >= 0) return { i, text, at };
      }
    }
    return undefined;
  };
  const attach = (texts: string[], href: string, context?: Pick<PdfLink, 'before' | 'after'>): boolean => {
    // Near the last one (a few pages' worth of blocks either way): a document of thousands of links
    // and blocks is read in time linear in its length, not their product.
    const near = (strict: boolean) => search(texts, cursor, Math.min(blocks.length, cursor + NEAR), context, strict) ?? search(texts, Math.max(0, cursor - NEAR), cursor, context, strict);
    // Where the letters around the words are the line's first (the same words may stand in an
    // earlier paragraph), then anywhere they are whole.
    const hit = (context && (context.before.trim() || context.after.trim()) ? near(true) : undefined) ?? near(false);
    if (!hit) return false;
    cursor = hit.i;
    const block = blocks[hit.i]!;
    found.set(block, [...(found.get(block) ?? []), { text: hit.text, href, at: hit.at }]);
    return true;
  };
  for (const link of links) {
    // Broken over lines: the parts with a space between them, or none (Japanese); not found so,
    // the parts are links of their own (two links to one address, the second starting a line).
    // (An address broken over lines is its own words: the memo's text shows it whole, and is linked as an address.)
    if (link.parts.length > 1 && link.parts[0]!.includes('://')) continue;
    const whole = [...new Set([link.parts.join(' '), link.parts.join('')].map(edges))].filter((t) => t && !t.includes('://'));
    if (attach(whole, link.href, link) || link.parts.length === 1) continue;
    for (const part of link.parts.map(edges)) if (part && !part.includes('://')) attach([part], link.href);
  }
  for (const [block, links] of found) block.links = links.sort((a, b) => a.at - b.at).map(({ text, href, at }) => ({ text, href, at }));
}
