// The second reading's other direction, for a PDF: where the memo source runs one line of the
// input on into another, are they one text? Each piece of the input found in the memo source is
// not enough — a footnote spliced into a sentence, or a running head glued to a paragraph, leaves
// every piece in place. Each block of the memo source is read as the stream lines it is made of
// (pdf-witness.ts), and each place where one line goes on in another is judged by the page: lines
// of one text are set in one type. Pure.
import { BLOCK, LEAD_MARK, type WitnessUnit } from './witness-unit.ts';

/** How many characters of a line find it (shorter lines — a page number, "AI." — are not looked for). */
const KEY = 6;

type Placed = WitnessUnit & { at: NonNullable<WitnessUnit['at']> };

/**
 * The places where a block of the memo source (`parted`: blocks in comparable form, parted by
 * BLOCK; the lines' texts in the same form) runs one stream line on into another that is no part
 * of its text: each a piece lost, said by its page.
 */
export function strayJoins(units: WitnessUnit[], parted: string, squeeze: (text: string) => string, dropped: ReadonlyArray<{ text: string; page?: number }> = []): WitnessUnit[] {
  // Each line as written, and (opening a block) without its list or note marker, which the memo source writes its own way.
  const lines = units
    .filter((u): u is Placed => u.at !== undefined && !u.wrong)
    .flatMap((u, order) => {
      const key = squeeze(u.text);
      const unmarked = squeeze(u.text.replace(LEAD_MARK, ''));
      return [{ ...u, key, order, unmarked: false }, ...(unmarked !== key ? [{ ...u, key: unmarked, order, unmarked: true }] : [])];
    });
  // A stream line may be a piece of its row (a line drawn in parts): each judged by its row's extent.
  const onPage = new Map<number | undefined, Placed[]>();
  // (Lines the import dropped and listed, a running head or a page number, are no text the others go on from.)
  const gone = new Set(dropped.map((d) => `${d.page}\n${squeeze(d.text)}`));
  for (const line of rows(lines)) if (!line.unmarked && !gone.has(`${line.page}\n${line.key}`)) onPage.set(line.page, [...(onPage.get(line.page) ?? []), line]);
  const byKey = new Map<string, number[]>();
  // Lines too short to find anywhere (a short heading): found where a block opens with one, if it is the only such line.
  const whole = new Map<string, number[]>();
  lines.forEach((line, i) => {
    if (line.key.length < KEY) {
      if (/\p{L}/u.test(line.key) && line.key.length >= 2) whole.set(line.key, [...(whole.get(line.key) ?? []), i]);
      return;
    }
    const key = line.key.slice(0, KEY);
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  });
  const opening = (block: string) => {
    for (let length = KEY - 1; length >= 2; length--) {
      const only = whole.get(block.slice(0, length));
      if (only?.length === 1) return only;
    }
    return [];
  };
  const found: WitnessUnit[] = [];
  for (const block of parted.split(BLOCK)) {
    let at = 0;
    let last: number | undefined;
    while (at < block.length) {
      if (block[at] === ' ') at++;
      const fits = (byKey.get(block.slice(at, at + KEY)) ?? []).filter((i) => block.startsWith(lines[i]!.key, at));
      if (at === 0 && fits.length === 0) fits.push(...opening(block));
      if (fits.length === 0) {
        // A line the memo source writes otherwise (a note's number left in it): no judgement there;
        // on from where a line of the input (long enough to be no chance) starts whole again.
        at = resume(block, at + 1, byKey, lines);
        last = undefined;
        continue;
      }
      // The line after the last one in the stream, where it fits; else the longest, the nearest to the last.
      const after = last === undefined ? undefined : lines[last]!.order;
      const near = (i: number) => (after === undefined ? 0 : Math.abs(lines[i]!.order - after));
      const next = fits.find((i) => after !== undefined && lines[i]!.order === after + 1) ?? fits.reduce((a, b) => (lines[b]!.key.length > lines[a]!.key.length || (lines[b]!.key.length === lines[a]!.key.length && near(b) < near(a)) ? b : a));
      if (last !== undefined) {
        // (A line whose marker the memo source left out, inside a block: an item or a note begins there.)
        const why = lines[next]!.unmarked ? `that opens with a marker ("${lines[next]!.text.match(LEAD_MARK)![0].trim()}": an item or a note begins there)` : apart(lines[last]!, lines[next]!, onPage);
        if (why) found.push(stray(lines[last]!, lines[next]!, why));
      }
      at += lines[next]!.key.length;
      last = next;
    }
  }
  return found;
}

/** Where in `block`, from `from` on, a whole line of the input of 12 characters or more starts (the block's end if none). */
function resume(block: string, from: number, byKey: Map<string, number[]>, lines: Array<{ key: string; unmarked: boolean }>): number {
  for (let at = from; at + 12 <= block.length; at++) {
    if (at > 0 && /[\p{L}\p{N}]/u.test(block[at - 1]!) && /[\p{Script=Latin}\p{N}]/u.test(block[at]!)) continue; // not inside a word
    if ((byKey.get(block.slice(at, at + KEY)) ?? []).some((i) => !lines[i]!.unmarked && lines[i]!.key.length >= 12 && block.startsWith(lines[i]!.key, at))) return at;
  }
  return block.length;
}

/** The lines with `at` widened to their row: every line of the page on their baseline, in their type. */
function rows<T extends Placed>(lines: T[]): T[] {
  const byPage = new Map<number | undefined, T[]>();
  for (const line of lines) byPage.set(line.page, [...(byPage.get(line.page) ?? []), line]);
  const widened = new Map<T, Placed['at']>();
  for (const page of byPage.values()) {
    // (Sorted by baseline: a row's lines are neighbours.)
    const sorted = [...page].sort((a, b) => b.at.y - a.at.y);
    for (const [i, line] of sorted.entries()) {
      const near = (l: T) => sameType(l, line) && Math.abs(l.at.y - line.at.y) < line.at.size * 0.5;
      let from = i;
      while (from > 0 && Math.abs(sorted[from - 1]!.at.y - line.at.y) < line.at.size) from--;
      const row: T[] = [];
      for (let k = from; k < sorted.length && sorted[k]!.at.y > line.at.y - line.at.size; k++) if (near(sorted[k]!)) row.push(sorted[k]!);
      // Its part of the row: the pieces that touch, half an em apart at most (not the other column's, a gutter away).
      row.sort((a, b) => a.at.x - b.at.x);
      let x = line.at.x;
      let end = line.at.end;
      for (let grown = true; grown; ) {
        grown = false;
        for (const l of row) {
          if (l.at.x > end + line.at.size * 0.5 || l.at.end < x - line.at.size * 0.5 || (l.at.x >= x && l.at.end <= end)) continue;
          x = Math.min(x, l.at.x);
          end = Math.max(end, l.at.end);
          grown = true;
        }
      }
      widened.set(line, { ...line.at, x, end });
    }
  }
  for (const [line, at] of widened) line.at = at;
  return lines;
}

/** Is `b` set in the line under `a`, in its type (a line's height below or less, overlapping it)? */
const under = (a: Placed, b: Placed) => a.page === b.page && sameType(a, b) && a.at.y - b.at.y > a.at.size * 0.5 && a.at.y - b.at.y <= a.at.size * 2 && b.at.x < a.at.end && b.at.end > a.at.x;
/** Do two lines share a type size (within 8%: a line set partly in a smaller code or link font shares the body's)? */
const sameType = (a: Placed, b: Placed) => a.at.sizes.some((s) => b.at.sizes.some((t) => Math.abs(s - t) <= Math.max(s, t) * 0.08));

/**
 * Why two stream lines the memo source runs together are no one text, if the page says so: set in
 * another type; under it but starting well to its left (a centred or indented line is one of its
 * own); or neither under it nor on its baseline where a line under it, or one over the other, says
 * that the text goes on elsewhere (lines of one text go on at a column's or page's head only from
 * its foot).
 */
function apart(a: Placed, b: Placed, onPage: Map<number | undefined, Placed[]>): string | undefined {
  // (A line set in a smaller code or link font alone goes on at the text's own line spacing, right under the line before.)
  const next = a.page === b.page && a.at.y - b.at.y > 0 && a.at.y - b.at.y <= Math.max(a.at.size, b.at.size) * 1.35 && b.at.x < a.at.end && b.at.end > a.at.x;
  if (!sameType(a, b) && !next) return `set in type of another size (${round(a.at.size)} pt, then ${round(b.at.size)} pt)`;
  if (a.page === b.page && Math.abs(a.at.y - b.at.y) < a.at.size * 0.5) return undefined; // one baseline
  if (under(a, b)) {
    // A line that ends short of its column, with room for the next line's first word, ended its
    // text there (a centred date, an item's last line before a paragraph) — where the line before
    // is set in from the next (centred, indented, an item's text over the margin), or in spaced
    // writing, where a line ends short only if the next word would not fit (the next opening a
    // sentence). (Where the next starts as far in, Japanese line breaking or a table's cell may
    // have left the room.)
    const setIn = b.at.x < a.at.x - a.at.size;
    const latin = /[\p{Script=Latin}0-9][^\s]*$/u.test(a.text) && /^\p{Lu}/u.test(b.text) && /^[\p{Script=Latin}]/u.test(b.text);
    if (!setIn && !latin) return undefined;
    // (The column's edge: where its lines end — not a title block's, set across both columns or
    // centred on the page, starting past the column's middle.)
    const peers = (onPage.get(a.page) ?? []).filter((l) => sameType(l, a) && l.at.x < a.at.end && l.at.end > a.at.x);
    const widths = peers.map((l) => l.at.end - l.at.x).sort((p, q) => p - q);
    const typical = widths[Math.floor(widths.length / 2)] ?? 0;
    const inColumn = (l: Placed) => l.at.end - l.at.x <= typical * 1.3 && l.at.x <= Math.min(a.at.x, b.at.x) + typical / 2;
    const right = Math.max(...peers.filter(inColumn).map((l) => l.at.end), a.at.end);
    const { word, width } = firstWord(b);
    if (right - a.at.end > width + a.at.size * 1.5) return `under it, where the line before${setIn ? ', set in from it,' : ''} ends short of its column with room for "${short(word, 'start')}": it ended there`;
    return undefined;
  }
  // (A line under it in its column: not one starting well to its left, a note's under the text.)
  const below = onPage.get(a.page)?.find((l) => l !== b && under(a, l) && l.at.x >= a.at.x - a.at.size);
  if (below) return `elsewhere, where the line under it is "${short(below.text, 'start')}"`;
  const above = onPage.get(b.page)?.find((l) => l !== a && under(l, b) && b.at.x >= l.at.x - l.at.size);
  if (above) return `that goes on from "${short(above.text, 'end')}" set over it`;
  return undefined;
}

/** A line's first word (a wide character, in Japanese) and its width, estimated from the line's. */
function firstWord(line: Placed): { word: string; width: number } {
  const word = /^\S+/u.exec(line.text)?.[0] ?? '';
  if (/[\u3000-\u9fff\uff00-\uffef]/u.test(word[0] ?? '')) return { word: word[0]!, width: line.at.size };
  return { word, width: (word.length * (line.at.end - line.at.x)) / Math.max(1, line.text.length) };
}

const round = (n: number) => Math.round(n * 10) / 10;
const short = (text: string, from: 'start' | 'end') => (text.length <= 40 ? text : from === 'end' ? `…${text.slice(-39)}` : `${text.slice(0, 39)}…`);

function stray(a: Placed, b: Placed, why: string): WitnessUnit {
  return {
    text: b.text,
    line: b.line,
    ...(b.page !== undefined ? { page: b.page } : {}),
    fault: `the memo source runs "${short(a.text, 'end')}"${a.page !== b.page ? ` (page ${a.page})` : ''} on into "${short(b.text, 'start')}", a line ${why}: they are no one text`,
  };
}
