// Text copied from a web page, as lines: each line's kind of site text (site.ts's rules, or
// breadcrumbs), and whether a text is a page's copy at all rather than a PDF's. What the parts of
// the web text reader (web-text.ts, web-title.ts, web-notes.ts) share; html.ts asks chromeOf too.
import { displayWidth } from '../model/text.ts';
import { isBreadcrumb, siteLine } from './site.ts';
import { plainHeading } from './pdf-text.ts';
import type { Dropped } from './text.ts';

export interface Line {
  text: string;
  line: number;
}

/** What a site line is: a rule's name, or breadcrumbs. */
export const chromeOf = (text: string): string | undefined => siteLine(text) ?? (isBreadcrumb(text) ? 'breadcrumbs' : undefined);
/** A heading: the shape of one where the text has no type sizes (pdf-text.ts). */
export const isHeading = plainHeading;

/** The page's lines as read for one memo: each line's kind of site text, and what is dropped, with why. */
export interface WebPage {
  lines: Line[];
  chrome: Array<string | undefined>;
  dropped: Dropped[];
  drop(l: Line, why: string): void;
  /** Drops line `i` as site text, named by its kind where it has one. */
  site(i: number, where: 'before' | 'after'): void;
}

/** The page's non-empty lines, each with the kind of site text it is (if it is). */
export function webPage(input: string): WebPage {
  const dropped: Dropped[] = [];
  const lines: Line[] = input
    .split(/\r?\n/)
    .map((text, i) => ({ text: text.trim(), line: i + 1 }))
    .filter((l) => l.text !== '');
  const chrome = lines.map((l) => chromeOf(l.text));
  const drop = (l: Line, why: string) => dropped.push({ line: l.line, text: l.text, why });
  const site = (i: number, where: 'before' | 'after') => drop(lines[i]!, chrome[i] ? `${chrome[i]} (site text)` : `${where} the memo (site text)`);
  return { lines, chrome, dropped, drop, site };
}

/**
 * Text copied from a web page, not extracted from a PDF: its paragraphs end where their
 * sentences end. Site lines (buttons, counters) and short lines (headings, names, dates) say
 * nothing either way; of the lines of 40 characters or more, fewer than a third run on
 * (undefined: fewer than five such lines, too few to tell).
 * (For the format's guess in readers.ts (detectFormat), which counts lines of over 20 characters, site lines too.)
 */
export function looksLikeWebText(input: string): boolean | undefined {
  if (/^\s?(・|- )/mu.test(input)) return false;
  // Site lines of three kinds or more (a sign-in line, a share bar, a copyright line…) are a page's:
  // no PDF prints them (its page numbers "1 / 4" aside).
  // (A document viewer's text, its pages marked "1 / 4", is a PDF's text inside a page: its lines tell.)
  const all = input.split(/\r?\n/).map((l) => l.trim());
  const kinds = new Set(all.map((l) => chromeOf(l)).filter((k) => k !== undefined && !/counter/.test(k)));
  if (kinds.size >= 3) return true;
  const long = input
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length >= 40 && chromeOf(l) === undefined);
  // Too few lines to tell (a PDF's narrow column): undefined.
  if (long.length < 5) return undefined;
  // A PDF breaks its lines where the column ends: a line that runs on is as wide as the column (the
  // widest lines). A page's paragraph or list item that ends without a full stop ("…を支援します")
  // is as long as its text, shorter or longer.
  const widths = long.map((l) => displayWidth(l)).sort((a, b) => a - b);
  const column = widths[Math.floor((widths.length - 1) * 0.9)]!;
  const broken = long.filter((l) => !/[。．.!?！？）)」』][0-9]{0,2}$/u.test(l) && !/https?:\/\/\S+$/u.test(l) && displayWidth(l) >= column * 0.8).length;
  return broken / long.length < 1 / 3;
}
