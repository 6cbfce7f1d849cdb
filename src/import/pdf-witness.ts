// The PDF's second reading, with none of the importer's layout rules: each page's text items
// grouped by baseline, a group cut where a wide gap parts columns or cells, read left to right —
// and the same items in content-stream order, the order the producer wrote them. A line of the
// memo source must hold one of the two: a glyph moved elsewhere in a line shows in both.
import type { PdfPage, PdfRun } from './pdf-lines.ts';
import type { WitnessUnit } from './witness.ts';

export function pdfWitness(pages: PdfPage[]): WitnessUnit[] {
  const units: WitnessUnit[] = [];
  for (const page of pages) {
    const body = page.runs.filter((r) => r.text.trim() !== '');
    const size = [...body].sort((a, b) => a.size - b.size)[Math.floor(body.length / 2)]?.size ?? 10;
    const rows: Array<{ y: number; size: number; runs: Array<PdfRun & { order: number }> }> = [];
    body.forEach((run, order) => {
      // A raised small number is a note's mark, not the line's text.
      if (run.size < size * 0.85 && /^[0-9]{1,3}$/u.test(run.text.trim())) return;
      const row = rows.find((r) => Math.abs(r.y - run.y) < Math.min(r.size, run.size) * 0.5);
      if (row) row.runs.push({ ...run, order });
      else rows.push({ y: run.y, size: run.size, runs: [{ ...run, order }] });
    });
    rows.sort((a, b) => b.y - a.y);
    for (const row of rows) {
      const byX = [...row.runs].sort((a, b) => a.x - b.x);
      let part: typeof byX = [];
      const flush = () => {
        if (part.length === 0) return;
        const text = part.map((r) => r.text).join('');
        const stream = [...part].sort((a, b) => a.order - b.order).map((r) => r.text).join('');
        units.push({ text, line: page.number, page: page.number, ...(stream !== text ? { alt: stream } : {}) });
        part = [];
      };
      for (const run of byX) {
        const last = part.at(-1);
        if (last && run.x - (last.x + last.width) > row.size * 2.5) flush();
        part.push(run);
      }
      flush();
    }
  }
  return units;
}
