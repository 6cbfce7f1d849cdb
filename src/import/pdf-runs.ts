// pdf.js text items whose gaps hold glyphs drawn elsewhere → their parts. Pure.
//
// pdf.js joins the glyphs of one text operation into one item, writing a space for a gap up to
// 0.6 em. A writer that draws a line's glyphs font by font (LibreOffice: the Japanese font's
// glyphs first, leaving gaps, then a quote its Latin or fallback font holds, in the gap) gives an
// item "の墓場 に陥って" and, elsewhere in the stream, a "”" whose x lies inside that item. Sorted
// by their start, the quote lands after the whole item ("の墓場 に陥って”"); cut at its gaps, each
// part lands where the reader sees it ("の墓場”に陥って").
/** A text item of a PDF page, as pdf.js gives it. */
export interface PdfRun {
  text: string;
  /** Baseline start, in PDF units (y grows upwards). */
  x: number;
  y: number;
  width: number;
  size: number;
  bold: boolean;
  /** The item opens with a glyph its font maps to no text (an emoji drawn without an emoji font). */
  signLost?: boolean;
  /** A list's marker the page draws as a shape, not a glyph (pdf-marks.ts): "•" where it is drawn. */
  marker?: boolean;
}

/** East Asian characters set a full em wide (CJK, kana, hangul, full-width forms and punctuation). */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
/** Other characters: about half an em, on average. */
const NARROW = 0.55;

export interface RunPiece {
  /** Where the piece starts and ends in the run's text. */
  from: number;
  to: number;
  x: number;
  end: number;
}

/**
 * A run's pieces between its spaces, with their places estimated (pdf.js gives an item's start
 * and width, not its glyphs'): East Asian characters a full em, others about half, scaled to the
 * run's width; each gap between 0.1 and 0.6 em, as pdf.js writes a space only for such a gap.
 */
export function runPieces(run: PdfRun): RunPiece[] {
  const em = run.size || 1;
  const spans: Array<{ from: number; to: number; width: number }> = [];
  let spaces = 0;
  for (const m of run.text.matchAll(/\S+|\s+/gu)) {
    if (/^\s/u.test(m[0])) {
      if (spans.length) spaces += m[0].length; // leading spaces are the run's start, not a gap
      continue;
    }
    spans.push({ from: m.index, to: m.index + m[0].length, width: [...m[0]].reduce((w, c) => w + (WIDE.test(c) ? 1 : NARROW), 0) * em });
  }
  if (/\s$/u.test(run.text)) spaces -= run.text.length - run.text.trimEnd().length;
  const chars = spans.reduce((w, s) => w + s.width, 0);
  const gap = spaces > 0 ? Math.min(0.6 * em, Math.max(0.1 * em, (run.width - chars) / spaces)) : 0;
  const scale = chars > 0 ? Math.max(0, run.width - gap * spaces) / chars : 0;
  const pieces: RunPiece[] = [];
  let x = run.x;
  let last = -1;
  for (const s of spans) {
    if (last >= 0) x += gap * run.text.slice(last, s.from).length;
    pieces.push({ from: s.from, to: s.to, x, end: x + s.width * scale });
    x += s.width * scale;
    last = s.to;
  }
  return pieces;
}

/** Is the run on the other's baseline (a glyph of another font may sit a little off it)? */
export const sameBaseline = (a: PdfRun, b: PdfRun) => Math.abs(a.y - b.y) < Math.min(a.size, b.size) * 0.3;

/**
 * The runs, in their order, each whose gaps hold glyphs drawn elsewhere (another run on its
 * baseline starts inside it) cut at those gaps; the parts take the places the glyphs leave them.
 */
export function splitAtHeldGaps(runs: PdfRun[]): PdfRun[] {
  const visible = runs.filter((r) => r.text.trim() !== '');
  return runs.flatMap((run) => {
    if (!/\S\s+\S/u.test(run.text)) return [run];
    const end = run.x + run.width;
    const margin = run.size * 0.1;
    // (pdf.js ends an item at a gap wider than 0.6 em: what a gap holds is no wider.)
    const inside = visible.filter((o) => o !== run && sameBaseline(o, run) && o.x > run.x + margin && o.x < end - margin && o.x + o.width <= end + margin && o.width <= run.size * 0.7);
    if (inside.length === 0) return [run];
    const pieces = runPieces(run);
    if (pieces.length < 2) return [run];
    // The gaps between pieces; each glyph inside goes to the gap nearest its start, in order.
    const held = pieces.slice(1).map(() => [] as PdfRun[]);
    let at = 0;
    for (const o of inside.sort((a, b) => a.x - b.x)) {
      let best = at;
      for (let g = at + 1; g < held.length; g++) if (Math.abs(o.x - pieces[g]!.end) < Math.abs(o.x - pieces[best]!.end)) best = g;
      held[best]!.push(o);
      at = best;
    }
    // Pieces between gaps that hold nothing stay together, spaces and all.
    const parts: PdfRun[] = [];
    let first = 0;
    for (let i = 0; i < pieces.length; i++) {
      const gap = held[i];
      if (gap && gap.length === 0) continue;
      const before = first > 0 ? held[first - 1]! : [];
      const next = gap ?? [];
      const lo = first === 0 ? run.x : Math.max(pieces[first]!.x, ...before.map((o) => o.x + o.width));
      const hi = i === pieces.length - 1 ? end : Math.min(pieces[i]!.end, ...next.map((o) => o.x));
      const x = next.length ? Math.min(lo, next[0]!.x - 0.01) : lo;
      parts.push({ ...run, text: run.text.slice(first === 0 ? 0 : pieces[first]!.from, i === pieces.length - 1 ? run.text.length : pieces[i]!.to), x, width: Math.max(0, hi - x) });
      first = i + 1;
    }
    return parts;
  });
}
