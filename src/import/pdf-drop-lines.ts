// The lines a PDF prints that are no text of the memo's: running heads and feet, page numbers,
// and readings set above kanji (ruby). They drop out, each said in the report with why.
import type { Dropped } from './text.ts';
import type { Line } from './pdf-line-text.ts';

const PAGE_NUMBER = /^(?:(?:page|p\.)\s*)?[-–—]?\s*[0-9]{1,4}\s*[-–—]?(?:\s*(?:\/|of)\s*[0-9]{1,4})?$/iu;

/**
 * Lines in the page's head or foot that repeat over pages, or are page numbers. The head and foot:
 * the outer twelfth of the page, and the page's first and last line wherever they stand — a
 * word processor sets its header and footer inside margins of an inch or more (LibreOffice's
 * Writer does), further in than that. There, a page number is one that is the page's own.
 */
export function dropMargins(pages: Line[][], heights: number[], dropped: Dropped[]): Line[][] {
  const band = (l: Line, i: number) => l.y > heights[i]! * 0.92 || l.y < heights[i]! * 0.08;
  const edges = pages.map((lines) => {
    const ys = lines.map((l) => l.y);
    return { top: Math.max(...ys), bottom: Math.min(...ys) };
  });
  const edge = (l: Line, i: number) => pages[i]!.length > 2 && (l.y === edges[i]!.top || l.y === edges[i]!.bottom);
  const key = (l: Line) => l.text.replace(/[0-9]+/g, '#');
  const seen = new Map<string, number>();
  pages.forEach((lines, i) => new Set(lines.filter((l) => band(l, i) || edge(l, i)).map(key)).forEach((k) => seen.set(k, (seen.get(k) ?? 0) + 1)));
  const repeated = (l: Line) => pages.length > 1 && (seen.get(key(l)) ?? 0) >= Math.max(2, pages.length / 2);
  const ownNumber = (l: Line, i: number) => PAGE_NUMBER.test(l.text) && (l.text.match(/[0-9]+/)?.[0] ?? '') === String(i + 1);
  return pages.map((lines, i) =>
    lines.filter((l) => {
      const inBand = band(l, i);
      if (!inBand && !edge(l, i)) return true;
      const number = inBand ? PAGE_NUMBER.test(l.text) : ownNumber(l, i);
      const why = number ? 'page number' : repeated(l) ? (l.y > heights[i]! / 2 ? 'running header' : 'running footer') : undefined;
      if (why) dropped.push({ line: l.page, page: l.page, text: l.text, why });
      return !why;
    }),
  );
}

/** Kana (and the long-vowel mark) only: how a reading above its kanji (ruby) is written. */
const RUBY_TEXT = /^[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\s]+$/u;

/**
 * Is a line of small type the reading (ruby) of the kanji below it: kana only, at most 0.7 of the
 * size of a line just below it (within 1.3 of that line's size), over that line's width?
 */
export const isRubyOver = (ruby: { x: number; end: number; y: number; size: number; text: string }, below: { x: number; end: number; y: number; size: number }) =>
  RUBY_TEXT.test(ruby.text) && ruby.size <= below.size * 0.7 && ruby.y > below.y && ruby.y - below.y < below.size * 1.3 && ruby.x >= below.x - below.size && ruby.end <= below.end + below.size;

/** Readings set above kanji (ruby): the text is the kanji's; the readings are dropped, and said. */
export function dropRuby(pages: Line[][], dropped: Dropped[]): Line[][] {
  return pages.map((lines) =>
    lines.filter((l) => {
      const ruby = lines.some((below) => below !== l && isRubyOver(l, below));
      if (ruby) dropped.push({ line: l.page, page: l.page, text: l.text, why: 'ruby (a reading above its kanji)' });
      return !ruby;
    }),
  );
}
