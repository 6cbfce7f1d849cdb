// A PDF's text runs → lines in reading order. Pure: runs on one baseline make a line (a raised
// number joins it), a wide gap parts columns, a page in two columns reads left then right, and
// lines repeated at the head or foot of the pages, or page numbers, drop out.
import { joinLines, refMark, type Dropped } from './text.ts';
import { runPieces, type PdfRun } from './pdf-runs.ts';

export type { PdfRun } from './pdf-runs.ts';

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  runs: PdfRun[];
  /** Images the page paints (a scanned page, a chart): their words are no text to read. */
  images?: number;
  /**
   * The page's glyphs as its text operations draw them, in stream order, spaces only where a
   * space glyph is drawn (a gap made by moving the pen is none): what tells a writer's real space
   * from the gap it leaves between Japanese and Latin text.
   */
  glyphs?: string;
  /** The space glyphs the page draws, where it draws them (pdf.ts). */
  spaces?: DrawnSpace[];
  /** The writer draws a space at the end of a line that breaks at one (somewhere in the document). */
  spacesEndLines?: boolean;
}

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
}

/** A list item's marker: a bullet, or a dash with a space after it (a dash against the text is the text's own: "—“生成 AI”—"). */
export const BULLET = /^(?:[•・●○◦▪▫■□◆◇‣⁃∙\uf0b7\uf0a7\uf076\uf0d8*](?:\s+|(?=\S))|[–—-]\s+)/u;
const PAGE_NUMBER = /^(?:(?:page|p\.)\s*)?[-–—]?\s*[0-9]{1,4}\s*[-–—]?(?:\s*(?:\/|of)\s*[0-9]{1,4})?$/iu;
export const SENTENCE_END = /[。．.!?！？」』）)]$/u;
const round = (n: number) => Math.round(n * 2) / 2;

/** Runs of a page → lines, each in one column: runs on one baseline (a raised number too), cut where a wide gap parts columns. */
export function pageLines(page: PdfPage, body: number, autospace: boolean): Line[] {
  const stream = new Map(page.runs.map((r, i) => [r, i]));
  const runs = [...page.runs].sort((a, b) => b.size - a.size || b.y - a.y);
  const rows: Array<{ runs: PdfRun[]; y: number; size: number }> = [];
  for (const run of runs) {
    const raised = run.size < body * 0.85 && /^[0-9]{1,3}$/.test(run.text.trim());
    const blank = run.text.trim() === '';
    // Rows are few per page; the nearest ones are the last made.
    let row: (typeof rows)[number] | undefined;
    for (let i = rows.length - 1; i >= Math.max(0, rows.length - 80) && !row; i--) {
      const r = rows[i]!;
      const dy = run.y - r.y;
      // A quote, bracket or stop drawn in another font keeps to the line's baseline even where that font's size or rise differ a little.
      const tolerance = PUNCTUATION.test(run.text) ? Math.max(r.size, run.size) * 0.4 : Math.min(r.size, run.size) * 0.4;
      if (raised || blank ? dy > -r.size * 0.3 && dy < r.size * 0.75 : Math.abs(dy) < tolerance) row = r;
    }
    if (blank && !row) row = rows.find((r) => Math.abs(run.y - r.y) < r.size * 0.75);
    if (row) row.runs.push(run);
    else if (!blank) rows.push({ runs: [run], y: run.y, size: run.size });
  }
  rows.sort((a, b) => b.y - a.y);
  const gutter = findGutter(page);
  joinCellWraps(rows, stream, gutter);
  const lines: Line[] = [];
  for (const row of rows) {
    row.runs = inReadingOrder(row.runs, stream);
    let part: PdfRun[] = [];
    for (const run of row.runs) {
      const last = part.at(-1);
      const gap = last ? run.x - (last.x + last.width) : 0;
      // (A gap of an em and a half between runs of another size or weight: a heading beside the
      // other column's text. Columns set closer than 2.5 em part at the page's gutter, or where
      // their baselines differ.)
      const styleChange = last !== undefined && (Math.abs(run.size - last.size) > 0.5 || run.bold !== last.bold);
      const offset = last !== undefined && Math.abs(run.y - last.y) > row.size * 0.15 && !PUNCTUATION.test(run.text) && !PUNCTUATION.test(last.text);
      const atGutter = last !== undefined && gutter !== undefined && last.x + last.width <= gutter + 1 && run.x >= gutter - 1;
      if (last && (gap > row.size * 2.5 || (styleChange && gap > Math.min(run.size, last.size) * 1.5) || (gap > row.size * 1.5 && (offset || atGutter)))) {
        lines.push(toLine(page.number, part, baseline(part), body, autospace, page.glyphs, page.spaces));
        part = [];
      }
      part.push(run);
    }
    if (part.length) lines.push(toLine(page.number, part, baseline(part), body, autospace, page.glyphs, page.spaces));
  }
  // A writer that ends in a drawn space a line that breaks at one says where a line breaks inside a word.
  if (page.spacesEndLines) for (const l of lines) l.wrap ??= 'none';
  return lines.sort((a, b) => b.y - a.y || a.x - b.x);
}

const PUNCTUATION = /^\s*[\p{P}\p{S}]{1,2}\s*$/u;

/** A list item's marker alone, set apart from its text by a hanging indent: "•", "1.", "(a)". */
const MARKER_ALONE = /^(?:[•・●○◦▪▫■□◆◇‣⁃∙\uf0b7\uf0a7\uf076\uf0d8*–—-]|[(（]?[0-9０-９]{1,3}[.)）．]?|[(（]?[A-Za-z][.)）])$/u;

/**
 * A table's cells whose text wraps: a row whose text stands only under cells of the row above
 * (runs parted by an em and a half or more), none under its first (a row's first cell starts a
 * new row), each starting at its cell's left edge a line's height under that cell's last line,
 * goes on in those cells ("コアデータモデルに土" / "地、建物、設備を追加"): the cell's last run
 * takes its text. Not a list item's marker and its text, nor a page's two columns. (A table's
 * row lines up its cells on one baseline; a cell's own lines follow each other in it.)
 */
function joinCellWraps(rows: Array<{ runs: PdfRun[]; y: number; size: number }>, stream: Map<PdfRun, number>, gutter: number | undefined): void {
  const lowest = new Map<PdfRun, number>(); // a cell's run that took the lines under it: the last one's baseline
  for (let i = 1; i < rows.length; i++) {
    const above = rows[i - 1]!.runs.filter((r) => r.text.trim() !== '').sort((a, b) => a.x - b.x);
    const em = rows[i - 1]!.size;
    const cells: PdfRun[][] = [];
    for (const run of above) {
      const cell = cells.at(-1);
      // (A run may lie inside another: a quote drawn in the gap a Japanese item left.)
      if (cell && run.x - Math.max(...cell.map((r) => r.x + r.width)) < em * 1.5) cell.push(run);
      else cells.push([run]);
    }
    // (A list item's marker parted from its text by a hanging indent is no cell: its lines are the item's, joined in the flow.)
    // (Nor are a page's two columns, parted at its gutter.)
    const atGutter = gutter !== undefined && cells.some((c, k) => k > 0 && c[0]!.x >= gutter - 1 && Math.max(...cells[k - 1]!.map((r) => r.x + r.width)) <= gutter + 1);
    if (cells.length < 2 || atGutter || MARKER_ALONE.test(cells[0]!.map((r) => r.text).join('').trim())) continue;
    const below = rows[i]!.runs.filter((r) => r.text.trim() !== '').sort((a, b) => a.x - b.x);
    const cellOf = (r: PdfRun) => cells.findIndex((c, k) => r.x >= c[0]!.x - em * 0.1 && (k === cells.length - 1 || r.x + r.width <= cells[k + 1]![0]!.x + em * 0.1));
    const parts = new Map<number, PdfRun[]>();
    for (const r of below) parts.set(cellOf(r), [...(parts.get(cellOf(r)) ?? []), r]);
    const wraps = [...parts].every(([k, runs]) => {
      if (k < 1) return false;
      const cell = cells[k]!;
      const lastY = Math.min(...cell.map((r) => lowest.get(r) ?? r.y));
      const dy = lastY - Math.max(...runs.map((r) => r.y));
      return Math.abs(runs[0]!.x - cell[0]!.x) < em * 0.1 && dy > em * 0.9 && dy < em * 1.5;
    });
    if (!wraps || parts.size === 0) continue;
    for (const [k, runs] of parts) {
      const last = cells[k]!.reduce((a, b) => (b.x + b.width > a.x + a.width ? b : a));
      const joined: PdfRun = { ...last, text: joinLines(last.text, runs.map((r) => r.text).join(' ')) };
      stream.set(joined, stream.get(last)!);
      lowest.set(joined, Math.min(...runs.map((r) => r.y)));
      const row = rows[i - 1]!.runs;
      row[row.indexOf(last)] = joined;
    }
    rows.splice(i, 1);
    i--;
  }
}

/**
 * The gutter of a page set in two columns: an x in the page's middle that at most one run in
 * twenty crosses, with at least ten runs wholly on either side of it.
 */
function findGutter(page: PdfPage): number | undefined {
  const runs = page.runs.filter((r) => r.text.trim() !== '');
  let best: { x: number; crossing: number } | undefined;
  for (let x = page.width * 0.35; x <= page.width * 0.65; x += 1) {
    const crossing = runs.filter((r) => r.x < x - 1 && r.x + r.width > x + 1).length;
    if (!best || crossing < best.crossing) best = { x, crossing };
  }
  if (!best || best.crossing > runs.length / 20) return undefined;
  const x = best.x;
  return runs.filter((r) => r.x + r.width <= x).length >= 10 && runs.filter((r) => r.x >= x).length >= 10 ? x : undefined;
}

/**
 * A row's runs left to right; runs that start at the same place (within a tenth of an em: a
 * quote and the text it opens, overlapping by the writer's kerning) keep the content stream's order.
 */
function inReadingOrder(runs: PdfRun[], stream: Map<PdfRun, number>): PdfRun[] {
  const ordered = [...runs].sort((a, b) => stream.get(a)! - stream.get(b)!);
  // An insertion sort by x that moves a run before another only where it starts clearly left of it.
  for (let i = 1; i < ordered.length; i++) {
    const run = ordered[i]!;
    let j = i;
    while (j > 0 && run.x < ordered[j - 1]!.x - Math.min(run.size, ordered[j - 1]!.size) * 0.1) {
      ordered[j] = ordered[j - 1]!;
      j--;
    }
    ordered[j] = run;
  }
  return ordered;
}

/**
 * The CJK radicals supplement (U+2E80–U+2EFF) that fonts' maps give for whole kanji (Chromium's
 * "⻑" for "長"), where NFKC leaves them as they are: the kanji each one is drawn as.
 */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  '⺊': '卜', '⺌': '小', '⺎': '兀', '⺒': '巳', '⺓': '幺', '⺗': '心', '⺝': '月', '⺟': '母', '⺠': '民', '⺩': '王',
  '⺬': '示', '⻄': '西', '⻆': '角', '⻑': '長', '⻘': '青', '⻝': '食', '⻤': '鬼', '⻩': '黄', '⻫': '斉', '⻭': '歯',
  '⻯': '竜', '⻲': '亀',
};
/** Kangxi and supplementary radicals (U+2E80–U+2FDF), which some fonts' maps give for common kanji ("⼦", "⻑"), as the kanji ("子", "長"). */
export const unifyRadicals = (text: string) => text.replace(/[\u2e80-\u2fdf]/gu, (c) => RADICAL_SUPPLEMENT[c] ?? c.normalize('NFKC'));

const JAPANESE = '\\u3005\\u3041-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff66-\\uff9f';
/** A hyphenation point (U+2027) in Japanese text (beside it, or between Latin letters: "CT‧MRI"): a font's map for the middle dot "・". */
const MIDDLE_DOT = new RegExp(`(?<=[${JAPANESE}])\\u2027|\\u2027(?=[${JAPANESE}])`, 'gu');
const IN_JAPANESE = new RegExp(`[${JAPANESE}]`, 'u');
const middleDots = (text: string) => (IN_JAPANESE.test(text) ? text.replace(/\u2027/gu, '・') : text.replace(MIDDLE_DOT, '・'));

/**
 * A variation selector after a letter or digit that takes none (no keycap follows): a font's map
 * for a glyph of its own (LibreOffice's space glyph, shared with the selector of an emoji).
 */
const VARIATION_AFTER_TEXT = /(?<=[\p{L}\p{N}])[\ufe0e\ufe0f](?!\u20e3)/gu;

/**
 * A text item's characters as the glyphs drawn, where fonts' maps say otherwise: radicals for
 * kanji, a hyphenation point for the middle dot, and NUL for a glyph the font lacks (an emoji
 * drawn without an emoji font), which draws nothing.
 */
export const fontText = (text: string) => unifyRadicals(glyphText(text));

/**
 * The same, but Kangxi radicals kept (every comparison of texts unifies them by NFKC): how the
 * second reading (pdf-witness.ts) reads the glyphs.
 */
export const glyphText = (text: string) => middleDots(text.replace(/\u0000/gu, '').replace(VARIATION_AFTER_TEXT, '').replace(/[\u2e80-\u2eff]/gu, (c) => RADICAL_SUPPLEMENT[c] ?? c));

/** A line's baseline: its largest run's. */
const baseline = (runs: PdfRun[]) => runs.reduce((a, b) => (b.size > a.size ? b : a)).y;

/**
 * Is the gap between two runs a word space? The space runs pdf.js gives are not trusted (it makes
 * them up for gaps, and LibreOffice leaves a quarter-em gap between Japanese and Latin text):
 * the gap itself tells, wider beside Japanese text or a curly quote.
 */
const WIDE_CHAR = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2018-\u201f]/u;
function isSpace(before: string, after: string, gap: number, size: number, autospace: boolean): boolean {
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
  return drawn.some((s) => s.x + s.width / 2 > end - size * 0.6 && s.x < end + size * 0.5);
}

/** Japanese text and full-width forms (curly quotes are Latin text's as much). */
const FULL_WIDTH = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

/**
 * A run's text without the spaces pdf.js writes for a gap beside Japanese text where no space
 * glyph is drawn (LibreOffice's quarter em between Japanese and Latin text, a justified line's
 * wider gaps): the pieces' places are estimated, so a drawn space within a third of an em counts.
 */
function drawnSpacesOnly(run: PdfRun, drawn: DrawnSpace[]): string {
  if (!/\S\s+\S/u.test(run.text)) return run.text;
  const pieces = runPieces(run);
  // As many space glyphs drawn within the run as it has gaps: each gap holds one.
  const within = drawn.filter((s) => s.x + s.width / 2 > run.x && s.x + s.width / 2 < run.x + run.width).length;
  if (within >= pieces.length - 1) return run.text;
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

function toLine(page: number, runs: PdfRun[], y: number, body: number, autospace: boolean, glyphs?: string, spaces?: DrawnSpace[]): Line {
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
    // A writer spacing Japanese from Latin text by itself leaves the same gap with or without a
    // space there: its drawn glyphs tell, where they can.
    const own = (t: string) => (drawn ? drawnSpacesOnly({ ...run, text: t }, drawn) : autospace ? t.replace(MIXED_SPACE, (sp, at: number) => (drawnSpace(t.slice(0, at), t.slice(at + 1), glyphs, 'unknown') === false ? '' : sp)) : t);
    const piece = raised ? refMark(run.text.trim()) : own(run.text);
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
  return {
    page,
    x: runs[0]!.x,
    end: Math.max(...runs.map((r) => r.x + r.width)),
    y,
    size: round(Math.max(...main.filter((r) => r.size >= body * 0.85).map((r) => r.size), size)),
    bold: weighted((r) => r.bold) >= weighted(() => true) * 0.9 && weighted(() => true) > 0,
    text: fontText(text.replace(/\s+/g, ' ').trim()),
    ...(noteStart ? { noteStart } : {}),
    left: 0,
    ...(drawn && trailingSpace(runs, drawn, size) ? { wrap: 'space' as const } : {}),
    ...(rise > 0 ? { rise } : {}),
    ...(inside.length ? { space: Math.min(...inside.map((s) => s.width)) } : {}),
  };
}

/**
 * Lines (in reading order, their columns known) that broke inside a Latin word, where the writer
 * draws the space it breaks a line at (wrap 'none'): the line ends in a letter or digit, and the
 * room left before its column's edge would have held a space glyph (by a quarter of one more: the
 * writer's measure and the glyphs' widths differ by a hair) but less than an em, no glyph's width.
 * A writer breaking only between words would have drawn the space there (LibreOffice breaks a
 * Latin word anywhere in a Japanese document: "Internati" / "onal").
 */
export function wordBreaks(lines: Line[]): Line[] {
  const edge = new Map<string, number>();
  const key = (l: Line) => `${l.page}/${l.left}`;
  for (const l of lines) edge.set(key(l), Math.max(edge.get(key(l)) ?? 0, l.end));
  return lines.map((l) => {
    if (l.wrap !== 'none' || !/[\p{L}\p{N}]$/u.test(l.text) || JA_LETTER.test(l.text.at(-1)!)) return l;
    const room = edge.get(key(l))! - l.end;
    return room > (l.space ?? l.size * 0.25) * 1.25 && room < l.size ? { ...l, wrap: 'word' as const } : l;
  });
}

/** Reading order: a page in two columns reads its left column, then its right (bands between full-width lines). */
export function readingOrder(lines: Line[], width: number): Line[] {
  const mid = width / 2;
  const crosses = (l: Line, x: number) => l.x < x - 2 && l.end > x + 2;
  let best = { x: mid, crossing: Infinity };
  for (let x = width * 0.35; x <= width * 0.65; x += 2) {
    const crossing = lines.filter((l) => crosses(l, x)).length;
    if (crossing < best.crossing) best = { x, crossing };
  }
  const left = lines.filter((l) => l.end <= best.x + 2);
  const right = lines.filter((l) => l.x >= best.x - 2);
  const columns = left.length >= 3 && right.length >= 3 && best.crossing <= lines.length * 0.15;
  if (!columns) {
    const edge = Math.min(...lines.map((l) => l.x));
    return lines.map((l) => ({ ...l, left: edge }));
  }
  const ordered: Line[] = [];
  let band: Line[] = [];
  const flush = () => {
    const l = band.filter((x) => x.end <= best.x + 2);
    const r = band.filter((x) => !l.includes(x));
    const edge = (c: Line[]) => Math.min(...c.map((x) => x.x));
    ordered.push(...l.map((x) => ({ ...x, left: edge(l) })), ...r.map((x) => ({ ...x, left: edge(r) })));
    band = [];
  };
  for (const line of lines) {
    if (crosses(line, best.x)) {
      flush();
      ordered.push({ ...line, left: line.x });
    } else band.push(line);
  }
  flush();
  return ordered;
}

/** The most common size of the text, counted by characters: the body's size. */
export function bodySize(pages: PdfPage[]): number {
  const count = new Map<number, number>();
  for (const run of pages.flatMap((p) => p.runs)) count.set(round(run.size), (count.get(round(run.size)) ?? 0) + run.text.length);
  return [...count].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

/** Lines in the page's head or foot that repeat over pages, or are page numbers. */
export function dropMargins(pages: Line[][], heights: number[], dropped: Dropped[]): Line[][] {
  const band = (l: Line, i: number) => l.y > heights[i]! * 0.92 || l.y < heights[i]! * 0.08;
  const key = (l: Line) => l.text.replace(/[0-9]+/g, '#');
  const seen = new Map<string, number>();
  pages.forEach((lines, i) => new Set(lines.filter((l) => band(l, i)).map(key)).forEach((k) => seen.set(k, (seen.get(k) ?? 0) + 1)));
  const repeated = (l: Line) => pages.length > 1 && (seen.get(key(l)) ?? 0) >= Math.max(2, pages.length / 2);
  return pages.map((lines, i) =>
    lines.filter((l) => {
      if (!band(l, i)) return true;
      const why = PAGE_NUMBER.test(l.text) ? 'page number' : repeated(l) ? (l.y > heights[i]! / 2 ? 'running header' : 'running footer') : undefined;
      if (why) dropped.push({ line: l.page, page: l.page, text: l.text, why });
      return !why;
    }),
  );
}

/** Kana (and the long-vowel mark) only: how a reading above its kanji (ruby) is written. */
export const RUBY_TEXT = /^[\u3041-\u309f\u30a0-\u30ff\u31f0-\u31ff\s]+$/u;

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

