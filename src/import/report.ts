// The import report as the user reads it: counted over the whole input, nothing overstated.
import type { ImportReport } from './import.ts';

const where = (d: { line: number; page?: number }) => (d.page ? `page ${d.page}` : d.line > 0 ? `line ${d.line}` : 'the page');

/** Lines of the report: the count, each dropped line with why, each marker inferred with why. */
export function reportLines(report: ImportReport): { info: string[]; errors: string[] } {
  // The lower of the two readings' shares: the importer's own sentences, and the second reading's pieces.
  const w = report.witness;
  const own = report.body === 0 ? 1 : report.placed / report.body;
  const second = w.units === 0 ? 1 : (w.found + w.listed) / w.units;
  const whole = report.placed === report.body && w.missing.length === 0;
  const percent = whole ? '100%' : `${Math.min(100 * Math.min(own, second), 99.9).toFixed(1)}%`;
  const info = [
    `${report.format}: read ${report.read} sentences; the memo's body ${report.body}, placed ${report.placed} (${percent}); dropped ${report.droppedSentences}` +
      (report.inferredDropShare > 0 ? ` (${(100 * report.inferredDropShare).toFixed(1)}% of the text as site text)` : ''),
    `checked against a second reading (${w.reading}): ${w.units} pieces; ${w.found} in the memo source, ${w.listed} listed below as dropped or moved, ${w.missing.length} lost`,
    ...report.titleBlock.map((t) => `title block → ${t.field}${t.line ? ` (${report.format === 'pdf' ? 'page' : 'line'} ${t.line})` : ''}: ${t.text.length > 80 ? `${t.text.slice(0, 79)}…` : t.text}`),
    ...report.dropped.map((d) => `dropped ${where(d)} (${d.why}): ${d.text.length > 80 ? `${d.text.slice(0, 79)}…` : d.text}`),
    ...report.markers.map((m) => `marker ${m.marker} on "${m.heading.length > 40 ? `${m.heading.slice(0, 39)}…` : m.heading}"${m.line ? ` (${report.format === 'pdf' ? 'page' : 'line'} ${m.line} of the input)` : ''}: ${m.why}`),
  ];
  const errors = [...report.missing.map((s) => `not placed: ${s}`), ...report.repeated.map((s) => `placed more than once: ${s}`)];
  return { info, errors };
}
