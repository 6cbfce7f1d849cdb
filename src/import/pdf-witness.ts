// A second reading of a PDF's text, for the import report: the page's text items in the order
// the content stream draws them, not the order the line reconstruction (pdf-lines.ts: rows by
// baseline, sorted by x, columns) puts them in. Pure.
//
// Consecutive items make one "stream line" while they stay on one baseline and go on to the
// right (not back before the last one's start); a new one starts where the baseline changes, x
// goes back, or a gap wider than 2.5 em parts them with nothing drawn in it (table cells,
// columns). A gap the stream skips, to draw its glyphs later in another font (LibreOffice draws a
// line's quotes after its Japanese text), is read with the glyphs drawn in it. Small raised digits (note references) and readings set
// above kanji (ruby) are left out.
//
// Where the reconstruction is right, each stream line is a piece of its text, in order.
import { glyphText, isRubyOver } from './pdf-lines.ts';
import { sameBaseline } from './pdf-runs.ts';
import type { PdfPage, PdfRun } from './pdf-lines.ts';

import type { WitnessUnit } from './witness.ts';

const GAP_EM = 2.5;
const DIGITS = /^\s*[0-9]{1,3}\s*$/u;

/** Is the run a small number raised above the baseline of the run it follows or precedes? */
function raisedDigits(run: PdfRun, near: PdfRun | undefined): boolean {
  return near !== undefined && DIGITS.test(run.text) && run.size < near.size * 0.85 && run.y - near.y > near.size * 0.15 && run.y - near.y < near.size * 0.75;
}

interface StreamLine {
  text: string;
  x: number;
  end: number;
  y: number;
  size: number;
}

/** The stream lines of the pages, page by page. */
export function pdfWitness(pages: PdfPage[]): WitnessUnit[] {
  return pages.flatMap((page) => streamLines(page).map(({ text }) => ({ text, line: page.number, page: page.number })));
}

function streamLines(page: PdfPage): StreamLine[] {
  const runs = page.runs.filter((r) => r.text.trim() !== '');
  const lines: StreamLine[] = [];
  let text = '';
  let base: PdfRun | undefined; // the line's first full-size run: its baseline
  let end = 0;
  let start = 0; // where the line's last item starts
  let members = new Set<PdfRun>();
  const close = () => {
    if (text.trim() && base) lines.push({ text: glyphText(text.replace(/\s+/gu, ' ').trim()), x: Math.min(...[...members].map((r) => r.x)), end, y: base.y, size: base.size });
    text = '';
    base = undefined;
    members = new Set();
  };
  for (const [i, run] of runs.entries()) {
    if (raisedDigits(run, base) || (!base && raisedDigits(run, runs[i + 1]))) continue;
    // On to the right: not back before the last item's start (by more than a tenth of an em:
    // kerning may pull a glyph under the quote before it), nor into the line well before its end.
    if (base && sameBaseline(run, base) && run.x > start - run.size * 0.1 && run.x >= end - run.size * 1.25) {
      const gap = run.x - end;
      const tolerance = run.size * 0.3;
      // Glyphs drawn elsewhere in the stream that lie wholly in the gap are read in it.
      const held = gap > run.size * 0.1 ? runs.filter((o) => o !== run && !members.has(o) && sameBaseline(o, base!) && o.x >= end - tolerance && o.x + o.width <= run.x + tolerance && !raisedDigits(o, base)).sort((a, b) => a.x - b.x) : [];
      if (held.length > 0 || gap <= run.size * GAP_EM) {
        for (const o of held) {
          text += o.text;
          members.add(o);
        }
        text += (gap > run.size * 0.2 && held.length === 0 ? ' ' : '') + run.text;
        members.add(run);
        end = Math.max(end, run.x + run.width);
        start = run.x;
        continue;
      }
    }
    close();
    base = run;
    text = run.text;
    members.add(run);
    end = run.x + run.width;
    start = run.x;
  }
  close();
  // Readings set above kanji (ruby) are left out, as the import drops them.
  return lines.filter((l) => !lines.some((below) => below !== l && isRubyOver(l, below)));
}
