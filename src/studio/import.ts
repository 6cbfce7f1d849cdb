// "New deck from a document": the same import as `briefdeck import` (its readers, its report, its
// refusal to write a memo that loses a sentence), from bytes sent by the page. The document is
// read in memory; only the memo source is written, into the new deck's folder inside the studio's.
import path from 'node:path';
import type { Diagnostic } from '../model/types.ts';
import { importBytes, type ImportReport } from '../import/import.ts';
import { reportLines } from '../import/report.ts';
import { checkTarget, writeMemoSource } from '../import/files.ts';
import { newDeckDir, newDeckProblem, type StudioFolder } from './folder.ts';
import type { StudioImport } from '../client/studio/wire.ts';

export type { StudioImport };

const where = (d: { line: number; page?: number }, pdf: boolean) => (d.page ? `page ${d.page}` : d.line > 0 ? `${pdf ? 'page' : 'line'} ${d.line}` : '');

const pdfWord = (report: ImportReport | undefined) => (report?.format === 'pdf' ? 'page' : 'line');

/** A deck name from a document's file name: its name without the extension, made a safe folder name. */
export function deckNameFor(fileName: string): string {
  // eslint-disable-next-line no-control-regex
  return path.basename(fileName.replace(/\\/g, '/')).replace(/\.[^.]+$/, '').replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '-').replace(/^\.+/, '').trim().slice(0, 100) || 'memo';
}

/** Imports `bytes` (a document named `fileName`) into a new deck `name`; writes memo.md only when nothing is lost. */
export async function importIntoStudio(folder: StudioFolder, bytes: Uint8Array, fileName: string, name: string, allowDrop: boolean): Promise<StudioImport> {
  const empty: StudioImport = { written: false, summary: [], titleBlock: [], dropped: [], markers: [], problems: [] };
  const problem = newDeckProblem(folder, name);
  if (problem) return { ...empty, problems: [{ severity: 'error', message: problem }] };
  const shownFile = path.basename(fileName) || 'the document';
  const result = await importBytes(bytes, { file: shownFile, meta: { source: shownFile }, allowDrop });
  const diagnostics: Diagnostic[] = [...result.diagnostics];
  const out: StudioImport = { ...empty, deck: name };
  if (result.report) {
    const report: ImportReport = result.report;
    const pdf = report.format === 'pdf';
    const { info, errors } = reportLines(report);
    out.summary = info.slice(0, 2);
    out.titleBlock = report.titleBlock.map((t) => ({ field: t.field, text: t.text, where: t.line ? where({ line: t.line }, pdf) : '' }));
    out.dropped = report.dropped.map((d) => ({ where: where(d, pdf), why: d.why, text: d.text }));
    out.markers = report.markers.map((m) => ({ marker: m.marker, heading: m.heading, where: m.line ? where({ line: m.line }, pdf) : '', why: m.why }));
    for (const e of errors) out.problems.push({ severity: 'error', message: e });
    if (errors.length) diagnostics.push({ severity: 'error', code: 'import-fidelity', message: 'nothing written: every sentence must be placed exactly once', file: shownFile, line: 1 });
  }
  for (const d of diagnostics) out.problems.push({ severity: d.severity, message: `${shownFile}${d.line > 1 ? ` (${pdfWord(result.report)} ${d.line})` : ''}: ${d.message}${d.hint ? ` — ${d.hint}` : ''}` });
  if (!result.markdown || diagnostics.some((d) => d.severity === 'error')) return out;
  const target = path.join(newDeckDir(folder, name), 'memo.md');
  checkTarget(target, false);
  writeMemoSource(target, result.markdown);
  return { ...out, written: true };
}
