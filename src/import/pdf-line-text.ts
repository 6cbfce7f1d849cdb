// A line's runs → its text: where a word space falls between runs (by the gap, or by the space
// glyphs the page draws, which tell a writer's real space from the gap it leaves between Japanese
// and Latin text), and how a line's end meets the next line's start (its wrap).
import { joinLines, refMark } from './text.ts';
import { fontText } from './pdf-glyphs.ts';
import { runPieces, type PdfRun } from './pdf-runs.ts';

/** A space glyph drawn: its baseline start and advance. */
export interface DrawnSpace {
  x: number;
  y: number;
  width: number;
  /** Nothing is drawn after it on its baseline. */
  endsLine?: boolean;
}

export interface Line {
  page: number;
  x: number;
  end: number;
  y: number;
  size: number;
  bold: boolean;
  text: string;
  /** The line opens with a raised small number: a note's start. */
  noteStart?: string;
  /** The column's left edge. */
  left: number;
  /**
   * How the line's end meets the next line's start, where the page tells: a space glyph drawn at
   * its end ('space'), or none where the page's other lines end in one ('none': the writer broke
   * the line inside a word, as LibreOffice does in Japanese text, "Technolo" / "gy"); 'word'
   * where no space is drawn though one would fit before the column's edge (wordBreaks).
   */
  wrap?: 'space' | 'none' | 'word';
  /** How far a raised note number on the line stands above its baseline: a writer may set the line lower by as much. */
  rise?: number;
  /** The width of the space glyphs drawn inside the line (the narrowest). */
  space?: number;
  /** The line opens in bold and goes on in another weight: a paragraph's bold lead-in ends on it. */
  boldLead?: true;
  /** How wide the line's first word is drawn (to the first space inside it), where the page or pdf.js tells. */
  firstWord?: number;
}

/** A size to the half point. */
export const round = (n: number) => Math.round(n * 2) / 2;

/**
 * Is the gap between two runs a word space? The space runs pdf.js gives are not trusted (it makes
 * them up for gaps, and LibreOffice leaves a quarter-em gap between Japanese and Latin text):
 * the gap itself tells, wider beside Japanese text or a curly quote.
 */
const WIDE_CHAR = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201f]/u;
function isSpace(before: string, after: string, gap: number, size: number, autospace: boolean): boolean {
  // (Between two Japanese letters a gap is letter-spacing or a justified line's, unless it is wide.)
  if (JA_TEXT.test(before) && JA_TEXT.test(after)) return gap > size * 0.5;
  return gap > size * (autospace && (WIDE_CHAR.test(before) || WIDE_CHAR.test(after)) ? 0.3 : 0.12);
}

/**
 * Does the writer space Japanese from Latin text by itself, a quarter em (LibreOffice and Word
 * do; browsers do not)? Its PDF says who wrote it.
 */
export const AUTOSPACING_WRITERS = /LibreOffice|OpenOffice|Microsoft|Word|Ichitaro|一太郎/i;

/**
 * Writers that draw a space glyph where they break a line at a space, wherever it fits before
 * the column's edge (LibreOffice: a full line leaves it out), in a document with no such line too.
 */
export const LINE_END_SPACE_WRITERS = /LibreOffice|OpenOffice/i;

/** Japanese letters and Latin letters or digits, where a writer that spaces them by itself leaves a gap either way. */
const JA_LETTER = /[\u3005\u3041-\u30fa\u30fc-\u30ff\u4e00-\u9fff]/u;
/** Japanese letters, and the radicals a font may map kanji to ("⾯" for "面"). */
const JA_TEXT = /[\u2e80-\u2fdf\u3005\u3041-\u30fa\u30fc-\u30ff\u4e00-\u9fff]/u;
const LATIN_LETTER = /[A-Za-z0-9]/u;
const mixedJunction = (before: string, after: string) => (JA_LETTER.test(before) && LATIN_LETTER.test(after)) || (LATIN_LETTER.test(before) && JA_LETTER.test(after));
const MIXED_SPACE = /(?<=[\u3005\u3041-\u30fa\u30fc-\u30ff\u4e00-\u9fff]) (?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) (?=[\u3005\u3041-\u30fa\u30fc-\u30ff\u4e00-\u9fff])/gu;

/**
 * Is there a space glyph where text `before` meets text `after`, by the page's drawn glyphs: true
 * or false where its glyphs hold the meeting one way only, else undefined (they cannot tell).
 */
function drawnSpace(before: string, after: string, glyphs: string | undefined, spaces: 'kept' | 'unknown'): boolean | undefined {
  if (!glyphs) return undefined;
  // (Inside a text item every gap may read as a space: its other spaces are no context.)
  const context = (t: string) => (spaces === 'kept' ? t.replace(/\s+/gu, ' ').trim() : t.replace(/\s+/gu, ''));
  const l = context(before).slice(-3);
  const r = context(after).slice(0, 3);
  if (!l || !r) return undefined;
  const spaced = glyphs.includes(`${l} ${r}`);
  if (spaced !== glyphs.includes(l + r)) return spaced;
  // A space read from a gap just before may have no glyph ("診療 /" drawn "診療/ 処方"): the glyphs without it
  // (not between Japanese and Latin letters, where LibreOffice's own gap moves its space glyphs: "過去 10年" drawn "過去10 年").
  const bare = before.replace(/\s+/gu, '').slice(-3);
  if (spaces !== 'kept' || bare === l || mixedJunction(before.trimEnd().at(-1) ?? '', after.trimStart()[0] ?? '')) return undefined;
  return glyphs.includes(`${bare} ${r}`) !== glyphs.includes(bare + r) ? glyphs.includes(`${bare} ${r}`) : undefined;
}

/** Is a space glyph drawn at the line's end (in its last run's last em, or just after it)? */
function trailingSpace(runs: PdfRun[], drawn: DrawnSpace[], size: number): boolean {
  const end = Math.max(...runs.map((r) => r.x + r.width));
  // (Drawn after the line's last glyph, or as the last of its run: not the space before a last word of one letter, "Science a".)
  return drawn.some((s) => s.x + s.width > end - size * 0.1 && s.x < end + size * 0.5);
}

/**
 * A run of two characters or more each set apart, Japanese among them, on a page that draws no
 * space (letter-spacing: "オ ン ラ イ ン 診 療", "1 9 8 8 年"): Japanese sets no space between its
 * letters, and the page none between words.
 */
const SPACED_OUT_JAPANESE = /^(?=.*[\u2e80-\u2fdf\u3005\u3041-\u30fa\u30fc-\u30ff\u4e00-\u9fff])\S(?:\s\S)+$/u;

/** Japanese text and full-width forms (curly quotes are Latin text's as much). */
const FULL_WIDTH = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/**
 * A run's text without the spaces pdf.js writes for a gap beside Japanese text where no space
 * glyph is drawn (LibreOffice's quarter em between Japanese and Latin text, a justified line's
 * wider gaps): the pieces' places are estimated, so a drawn space within a third of an em counts.
 */
function drawnSpacesOnly(run: PdfRun, drawn: DrawnSpace[], glyphs: string | undefined): string {
  if (!/\S\s+\S/u.test(run.text)) return run.text;
  const pieces = runPieces(run);
  // As many space glyphs drawn within the run as it has gaps: each gap holds one.
  const within = drawn.filter((s) => s.x + s.width / 2 > run.x && s.x + s.width / 2 < run.x + run.width).length;
  if (within >= pieces.length - 1) return run.text;
  // Letters spaced apart (CSS letter-spacing: "D E F I N I N G", "1 9 8 8年"): pdf.js writes a
  // space for each letter's gap; the page's glyphs, in the order it draws them, hold a space only
  // between words.
  // (A kerned pair stays one piece: "Yo u", "I t ’s".)
  const letters = pieces.map((p) => [...run.text.slice(p.from, p.to)].length);
  const single = letters.filter((n) => n === 1).length;
  const spacedOut = letters.every((n) => n <= 2) || (pieces.length >= 4 && single >= pieces.length * 0.6);
  const spaced = spacedOut && glyphs ? spacedAsDrawn(run.text, glyphs, within) : undefined;
  if (spaced !== undefined) return spaced;
  const em = run.size || 1;
  let text = run.text.slice(0, pieces[0]!.to);
  for (let i = 1; i < pieces.length; i++) {
    const [p, q] = [pieces[i - 1]!, pieces[i]!];
    const wide = FULL_WIDTH.test(run.text[p.to - 1]!) || FULL_WIDTH.test(run.text[q.from]!);
    const held = drawn.some((s) => s.x + s.width / 2 > p.end - em / 3 && s.x + s.width / 2 < q.x + em / 3);
    text += (!wide || held ? run.text.slice(p.to, q.from) : '') + run.text.slice(q.from, q.to);
  }
  return text + run.text.slice(pieces.at(-1)!.to);
}

/** The page's glyphs as drawn, NFKC (a font may map "日" to the Kangxi radical "⽇"): the last page's, kept. */
let streamOf: { glyphs: string; normalized: string } | undefined;

/**
 * A run's text spaced as the page's glyphs space it, found there by its letters (each space
 * between two of them optional): of the spacings found, those with as many spaces as the page
 * draws within the run ("n o r" is "nor", not the "n or" of "…ion or"), the one most of its places
 * share; undefined where they do not agree, or it is not there.
 */
function spacedAsDrawn(text: string, glyphs: string, drawnWithin: number): string | undefined {
  const letters = [...text.replace(/\s+/gu, '')];
  const normalized = letters.map((c) => c.normalize('NFKC'));
  if (letters.length < 2 || normalized.some((c) => [...c].length !== 1)) return undefined;
  if (streamOf?.glyphs !== glyphs) streamOf = { glyphs, normalized: glyphs.normalize('NFKC') };
  const pattern = new RegExp(normalized.map((c) => c.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&')).join(' ?'), 'gu');
  const found = new Map<string, number>();
  for (const [match] of streamOf.normalized.matchAll(pattern)) found.set(match, (found.get(match) ?? 0) + 1);
  const spaces = (spacing: string) => spacing.split(' ').length - 1;
  const counted = [...found].filter(([spacing]) => spaces(spacing) === drawnWithin);
  const [first, second] = (counted.length ? counted : [...found]).sort((a, b) => b[1] - a[1]);
  if (!first || (second && second[1] === first[1])) return undefined;
  let at = 0;
  const spaced = [...first[0]].map((c) => (c === ' ' ? ' ' : letters[at++])).join('');
  return `${/^\s*/u.exec(text)![0]}${spaced}${/\s*$/u.exec(text)![0]}`;
}

/** A run's text with the spaces the page means: as its drawn spaces tell, else as its letters do. */
function runSpaces(run: PdfRun, drawn: DrawnSpace[] | undefined, glyphs: string | undefined, autospace: boolean): string {
  const t = run.text;
  if (drawn) return drawnSpacesOnly(run, drawn, glyphs);
  // (Letters set apart, Japanese among them, on a page that draws no space: no space at all but at its ends.)
  if (SPACED_OUT_JAPANESE.test(t.trim())) return t.replace(/\s+/gu, (sp, at: number) => (at === 0 || at + sp.length === t.length ? sp : ''));
  // A writer spacing Japanese from Latin text by itself leaves the same gap with or without a
  // space there: its drawn glyphs tell, where they can.
  if (autospace) return t.replace(MIXED_SPACE, (sp, at: number) => (drawnSpace(t.slice(0, at), t.slice(at + 1), glyphs, 'unknown') === false ? '' : sp));
  return t;
}

/**
 * A line's text joined to the text before it, as the line before it ends (its wrap), else as
 * joinLines joins. A line of Japanese text (or a URL) that ends in a Latin letter or digit and no
 * drawn space broke inside a word ("Technolo" / "gy", "2" / "1 世紀": LibreOffice breaks Latin
 * text in a Japanese line anywhere, and draws the space where it breaks at one), and so did a
 * line of Latin text alone whose room left would have held the space (wrap 'word'). Otherwise
 * a line of Latin text alone may break at a space it leaves undrawn: joinLines decides.
 */
export function joinAfter(before: string, previous: Line | undefined, next: string, mixedSpace: boolean): string {
  if ((previous?.wrap === 'word' || (previous?.wrap === 'none' && (JA_LETTER.test(previous.text) || /https?:\/\/\S+$/u.test(before)))) && /[\p{L}\p{N}]$/u.test(before) && /^[\p{L}\p{N}]/u.test(next) && !JA_LETTER.test(before.at(-1)!) && !JA_LETTER.test(next[0]!)) return `${before}${next}`;
  if (previous?.wrap === 'space' && before.trim() && next.trim()) return `${before.trimEnd()} ${next.trim()}`;
  return joinLines(before, next, mixedSpace);
}

/** A line's runs, left to right → the line: its text with its spaces, its size and weight, a note's start, and how it ends. */
export function toLine(page: number, runs: PdfRun[], y: number, body: number, autospace: boolean, glyphs?: string, spaces?: DrawnSpace[]): Line {
  const main = runs.filter((r) => r.text.trim() !== '');
  const size = Math.max(...main.map((r) => r.size));
  // Where the page draws its spaces, the gaps between runs that hold one are the line's spaces.
  const drawn = spaces?.length ? spaces.filter((s) => Math.abs(s.y - y) < size * 0.3) : undefined;
  const inside = (drawn ?? []).filter((s) => !s.endsLine && s.x > runs[0]!.x && s.x + s.width < Math.max(...runs.map((r) => r.x + r.width)));
  let text = '';
  let noteStart: string | undefined;
  let lastEnd: number | undefined;
  let rise = 0;
  for (const run of runs) {
    if (run.text.trim() === '') continue;
    const raised = run.size < size * 0.85 && run.y > y + size * 0.15 && /^[0-9]{1,3}$/.test(run.text.trim());
    if (raised) rise = Math.max(rise, run.y - y);
    if (raised && text.trim() === '') {
      noteStart = run.text.trim();
      lastEnd = run.x + run.width;
      continue;
    }
    const piece = raised ? refMark(run.text.trim()) : runSpaces(run, drawn, glyphs, autospace);
    if (text && !raised && lastEnd !== undefined && !/\s$/.test(text) && !/^\s/.test(piece)) {
      const before = text.at(-1)!;
      const after = piece.trimStart()[0]!;
      const from = lastEnd;
      const gap = run.x - from;
      if (drawn) {
        // (A gap wider than any the writer leaves between letters is a space all the same.)
        if (drawn.some((s) => s.x + s.width / 2 > from - size * 0.05 && s.x + s.width / 2 < run.x + size * 0.05) || gap > size * 0.6) text += ' ';
      } else {
        const held = autospace && (mixedJunction(before, after) || WIDE_CHAR.test(before) || WIDE_CHAR.test(after)) ? drawnSpace(text, piece, glyphs, 'kept') : undefined;
        // (A space glyph drawn takes room: one the writer drew over nothing is none.)
        if ((held && gap > size * 0.1) || isSpace(before, after, gap, size, autospace)) text += ' ';
      }
    }
    text += piece;
    lastEnd = run.x + run.width;
  }
  const weighted = (pick: (r: PdfRun) => boolean) => main.filter(pick).reduce((n, r) => n + r.text.length, 0);
  const bold = weighted((r) => r.bold) >= weighted(() => true) * 0.9 && weighted(() => true) > 0;
  return {
    page,
    x: runs[0]!.x,
    end: Math.max(...runs.map((r) => r.x + r.width)),
    y,
    size: round(Math.max(...main.filter((r) => r.size >= body * 0.85).map((r) => r.size), size)),
    bold,
    ...(!bold && main[0]?.bold && main.some((r) => !r.bold) ? { boldLead: true as const } : {}),
    text: fontText(text.replace(/\s+/g, ' ').trim()),
    ...(noteStart ? { noteStart } : {}),
    left: 0,
    ...(drawn && trailingSpace(runs, drawn, size) ? { wrap: 'space' as const } : {}),
    ...(rise > 0 ? { rise } : {}),
    ...(inside.length ? { space: Math.min(...inside.map((s) => s.width)) } : {}),
    ...firstWordWidth(runs, inside, drawn !== undefined),
  };
}

/** The width of a line's first word: to the first space drawn inside it, else to the first gap pdf.js tells in its first run. */
function firstWordWidth(runs: PdfRun[], inside: DrawnSpace[], drawnKnown: boolean): { firstWord?: number } {
  const first = runs.find((r) => r.text.trim() !== '');
  if (!first) return {};
  if (drawnKnown) {
    const space = inside.filter((s) => s.x > first.x).sort((a, b) => a.x - b.x)[0];
    return space ? { firstWord: space.x - first.x } : {};
  }
  const pieces = runPieces({ ...first, text: first.text.trimStart() });
  return pieces.length > 1 ? { firstWord: pieces[0]!.end - first.x } : {};
}

/**
 * Lines (in reading order, their columns known) that broke inside a Latin word, where the writer
 * draws the space it breaks a line at (wrap 'none'): the line ends in a letter or digit, and the
 * room left before its column's edge would have held a space glyph (by a quarter of one more: the
 * writer's measure and the glyphs' widths differ by a hair) but less than an em, no glyph's width.
 * A writer breaking only between words would have drawn the space there (LibreOffice breaks a
 * Latin word anywhere in a Japanese document: "Internati" / "onal").
 *
 * A full line of Japanese text ending in a Latin word is no such proof: LibreOffice printing a Word
 * file breaks its Latin words at their spaces and, the line justified to its edge, draws none there
 * ("IoT (Internet of" / "Things)"). The document's own words tell: where the two halves are not a
 * word it uses elsewhere but either half is, the line broke at a space (wrap 'space'); and where
 * most such lines of a document broke at spaces, so did those whose words it uses nowhere else.
 */
export function wordBreaks(lines: Line[]): Line[] {
  const edge = new Map<string, number>();
  const key = (l: Line) => `${l.page}/${l.left}`;
  for (const l of lines) edge.set(key(l), Math.max(edge.get(key(l)) ?? 0, l.end));
  const words = vocabulary(lines);
  // How each full Japanese line ending in a Latin word meets the next: inside a word (the halves
  // make a word used elsewhere), at a space (a half is a word, the whole is not), or not known.
  // (A writer that draws no space at a line's end — Chromium — tells nothing there: its full lines
  // are asked too, where the page may break a Latin word anywhere, `word-break: break-all`.)
  const full = (l: Line) => edge.get(key(l))! - l.end < l.size * 0.5;
  const meets = lines.map((l, i) => {
    const last = /[A-Za-z]+$/.exec(l.text)?.[0].toLowerCase();
    const first = /^[A-Za-z]+/.exec(lines[i + 1]?.text ?? '')?.[0].toLowerCase();
    if (!(l.wrap === 'none' || (l.wrap === undefined && full(l))) || !last || !first || !JA_LETTER.test(l.text)) return undefined;
    // (A half is evidence as a word of two letters or more, beside another known or of four: "enclave" / "s" is a plural.)
    const known = (w: string) => w.length >= 2 && words.has(w);
    const apart = (known(last) && (known(first) || first.length >= 4)) || (known(first) && last.length >= 4);
    return words.has(last + first) ? 'word' : apart ? 'space' : 'unknown';
  });
  // A writer that breaks these lines at spaces does so where the words are not known too.
  const atSpaces = meets.filter((m) => m === 'space').length;
  const inWords = meets.filter((m) => m === 'word').length;
  const unknownAtSpace = atSpaces >= 2 && atSpaces > 3 * inWords;
  // And one that breaks them inside words does so there too.
  const unknownInWord = inWords >= 2 && inWords > 3 * atSpaces;
  return lines.map((l, i) => {
    if (l.wrap === undefined) return meets[i] === 'word' || (meets[i] === 'unknown' && unknownInWord) ? { ...l, wrap: 'word' as const } : l;
    if (l.wrap !== 'none' || !/[\p{L}\p{N}]$/u.test(l.text) || JA_LETTER.test(l.text.at(-1)!)) return l;
    const room = edge.get(key(l))! - l.end;
    if (room > (l.space ?? l.size * 0.25) * 1.25 && room < l.size) return { ...l, wrap: 'word' as const };
    return meets[i] === 'space' || (meets[i] === 'unknown' && unknownAtSpace) ? { ...l, wrap: 'space' as const } : l;
  });
}

/** The Latin words a document's lines hold whole (lower-cased): all but those a line opens or ends with, which a break may have cut. */
function vocabulary(lines: Line[]): Set<string> {
  const words = new Set<string>();
  for (const l of lines) {
    for (const m of l.text.matchAll(/[A-Za-z]+/g)) if (m.index > 0 && m.index + m[0].length < l.text.length) words.add(m[0].toLowerCase());
  }
  return words;
}
