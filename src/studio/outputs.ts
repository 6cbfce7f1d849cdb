// The studio's export buttons: the slides PDF, the notes PDF, the PowerPoint file and the one-file
// deck, each made by the function the CLI's command calls (`briefdeck pdf`, `pptx`, `build
// --no-pdf`), into the same files of dist/<deck>/, with the stage it is at told as it goes. And
// what changed since the last exported PDF: when the studio prints the PDFs it records a digest of
// each slide beside them (dist/<deck>/.<deck>.pdf-slides.json); a deck compiled later is compared
// with it slide by slide, so a person knows which pages of a handout already given out are stale.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { BrowserGateway } from '../browser/gateway.ts';
import type { DeckSource } from '../core/deck-folder.ts';
import { BriefdeckError } from '../core/errors.ts';
import { writeFileAtomic } from '../core/files.ts';
import { PACKAGE_VERSION } from '../core/paths.ts';
import { stamps, unchanged } from '../core/stamps.ts';
import { buildDecks, exportDeckPdfs, exportDeckPptx } from '../pipeline/build.ts';
import { deckInputs } from '../pipeline/up-to-date.ts';
import type { CompiledDeck } from '../pipeline/compile.ts';
import { DeckCompiler } from '../pipeline/compiler.ts';

/** What the studio's buttons make. */
export const OUTPUT_KINDS = ['slides-pdf', 'notes-pdf', 'pptx', 'one-file'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/**
 * The stages an export goes through, in order: waiting (behind another export of the deck),
 * compiling (the slides the PDF is printed from, recorded), printing (the PDFs, as `briefdeck pdf`),
 * writing (the PowerPoint file, as `briefdeck pptx`), bundling (the deck and its one-file deck, as
 * `briefdeck build --no-pdf`), recording (the slides' digests beside the PDFs), done.
 */
export type ExportStage = 'waiting' | 'compiling' | 'printing' | 'writing' | 'bundling' | 'recording' | 'done';

export interface ExportOptions {
  /** The output folder (the CLI's --out, `dist` of the folder the studio serves): files go into outDir/<deck>/. */
  outDir: string;
  /** Told each stage as it starts. */
  onProgress?: (stage: ExportStage) => void;
  /** Aborted: stop, and leave the previous files as they were (the CLI's functions see to it). */
  signal?: AbortSignal;
}

export interface ExportResult {
  kind: OutputKind;
  /** The file the button asked for. */
  file: string;
  /** Every file the export wrote (the PDFs are printed together, as `briefdeck pdf` prints them). */
  files: string[];
}

/** Where each output of a deck is (the CLI's names), and whether it is there now. */
export function outputFiles(deck: Pick<DeckSource, 'name'>, outDir: string): Record<OutputKind, { file: string; exists: boolean; bytes: number | null; modified: number | null }> {
  const dir = path.join(path.resolve(outDir), deck.name);
  const names: Record<OutputKind, string> = { 'slides-pdf': `${deck.name}.pdf`, 'notes-pdf': `${deck.name}-notes.pdf`, pptx: `${deck.name}.pptx`, 'one-file': `${deck.name}.html` };
  return Object.fromEntries(
    OUTPUT_KINDS.map((kind) => {
      const file = path.join(dir, names[kind]);
      const stat = statSync(file, { throwIfNoEntry: false });
      return [kind, { file, exists: !!stat?.isFile(), bytes: stat?.isFile() ? stat.size : null, modified: stat?.isFile() ? stat.mtimeMs : null }];
    }),
  ) as Record<OutputKind, { file: string; exists: boolean; bytes: number | null; modified: number | null }>;
}

/** Exports of one deck run one after another (the CLI's functions stage into folders named by the deck and the process). */
const queues = new Map<string, Promise<unknown>>();

/**
 * Makes one output of the deck as the CLI makes it, into outDir/<deck>/. Each export runs its own
 * browser (the CLI's functions end the browser they are given once they have printed), so a
 * studio's warm pages are never closed under it. Bad input throws the CLI's BriefdeckError (the
 * previous files stay as they were).
 */
export function exportOutput(deck: DeckSource, kind: OutputKind, options: ExportOptions): Promise<ExportResult> {
  if (!OUTPUT_KINDS.includes(kind)) return Promise.reject(new BriefdeckError(`no output "${String(kind)}": one of ${OUTPUT_KINDS.join(', ')}`));
  const key = path.join(path.resolve(options.outDir), deck.name);
  const before = queues.get(key) ?? Promise.resolve();
  if (queues.has(key)) options.onProgress?.('waiting');
  const run = before.catch(() => {}).then(() => exportNow(deck, kind, options));
  const tail = run.catch(() => {});
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return run;
}

async function exportNow(deck: DeckSource, kind: OutputKind, options: ExportOptions): Promise<ExportResult> {
  const outDir = path.resolve(options.outDir);
  const progress = options.onProgress ?? (() => {});
  const files = outputFiles(deck, outDir);
  const browser = new BrowserGateway(options.signal);
  try {
    if (kind === 'slides-pdf' || kind === 'notes-pdf') {
      // The slides as they are now, and the files they are read from, to know the PDFs show them.
      progress('compiling');
      const inputs = stamps(deckInputs(deck));
      const compiler = new DeckCompiler(browser);
      let compiled: CompiledDeck;
      try {
        compiled = await compiler.compile(deck);
      } finally {
        await compiler.close();
      }
      progress('printing');
      const [pdfs] = await exportDeckPdfs([deck], outDir, browser, options.signal);
      progress('recording');
      const record = recordFile(deck, outDir);
      // An edit saved while the PDFs printed: they may show either version, and nothing is recorded.
      if (unchanged(inputs)) writeFileAtomic(record, JSON.stringify({ pdfStamp: pdfStamp(deck, outDir), slides: slideDigests(compiled) }, null, 1));
      else writeFileAtomic(record, JSON.stringify({ pdfStamp: null, slides: [] }));
      progress('done');
      return { kind, file: kind === 'slides-pdf' ? pdfs!.slides : pdfs!.notes, files: [pdfs!.slides, pdfs!.notes] };
    }
    if (kind === 'pptx') {
      progress('writing');
      const [file] = await exportDeckPptx([deck], outDir, browser, options.signal);
      progress('done');
      return { kind, file: file!, files: [file!] };
    }
    // The one-file deck: `briefdeck build --no-pdf`, which builds dist/<deck>/ anew (the PDFs and
    // the PowerPoint file of the same slides are kept; the record of the PDFs' slides is put back).
    progress('bundling');
    const record = recordFile(deck, outDir);
    const kept = existsSync(record) ? readFileSync(record, 'utf8') : undefined;
    const [built] = await buildDecks([deck], outDir, browser, { pdf: false, ...(options.signal ? { signal: options.signal } : {}) });
    if (kept !== undefined && existsSync(files['slides-pdf'].file) && recordOf(kept)?.pdfStamp === pdfStamp(deck, outDir)) writeFileAtomic(record, kept);
    progress('done');
    return { kind, file: files['one-file'].file, files: [built!.html, files['one-file'].file] };
  } finally {
    await browser.close();
  }
}

/** Beside the PDFs: the digest of each slide they were printed from (the studio's; the CLI keeps its own stamp of the whole deck). */
const recordFile = (deck: Pick<DeckSource, 'name'>, outDir: string) => path.join(path.resolve(outDir), deck.name, `.${deck.name}.pdf-slides.json`);

/** The build's stamp beside the PDFs (a digest of all their slides): it changes whenever any command prints them again. */
function pdfStamp(deck: Pick<DeckSource, 'name'>, outDir: string): string | null {
  try {
    return readFileSync(path.join(path.resolve(outDir), deck.name, `.${deck.name}.pdf-source`), 'utf8');
  } catch {
    return null;
  }
}

interface PdfRecord {
  /** The build's stamp of the PDFs when this record was written: a record of other PDFs is not used. */
  pdfStamp: string | null;
  slides: SlideDigest[];
}

/** A record's text read, or undefined when it is not one. */
function recordOf(text: string): PdfRecord | undefined {
  try {
    const record = JSON.parse(text) as PdfRecord;
    return record && typeof record === 'object' && Array.isArray(record.slides) ? record : undefined;
  } catch {
    return undefined;
  }
}

/** A slide as printed: its id, and digests of its page (look and content) and of its notes. */
export interface SlideDigest {
  id: string;
  page: string;
  notes: string;
}

/**
 * Each slide's digest: its rendered `<section>` (its images inlined), its notes apart, and the
 * deck's look (theme, brand, shared pictures) — without the memo lines it comes from, so an edit
 * above it that moves it down the memo does not change it.
 */
export function slideDigests(compiled: Pick<CompiledDeck, 'slides' | 'html' | 'theme' | 'furniture' | 'assetCss'>): SlideDigest[] {
  const look = createHash('sha256').update(PACKAGE_VERSION).update(JSON.stringify(compiled.theme)).update(JSON.stringify(compiled.furniture)).update(compiled.assetCss).digest('hex');
  const sections = compiled.html.split(/\n(?=<section )/);
  const whole = sections.length === compiled.slides.length;
  return compiled.slides.map((slide, i) => {
    // One section per slide, as render.ts joins them; else the plan itself (its typed content).
    const html = whole ? sections[i]! : JSON.stringify(slide, (key, value) => (key === 'source' || key === 'line' || key === 'codeLine' ? undefined : value));
    const bare = html.replace(/ data-(?:source-)?line="\d+"/g, '');
    const notesAt = bare.lastIndexOf('<aside class="notes">');
    const [page, notes] = notesAt >= 0 ? [bare.slice(0, notesAt), bare.slice(notesAt)] : [bare, ''];
    const hash = (text: string) => createHash('sha256').update(look).update(text).digest('hex').slice(0, 32);
    return { id: slide.id, page: hash(page), notes: hash(notes) };
  });
}

/** What changed since the last PDFs the studio exported. */
export interface PdfChanges {
  /** False when there is no record to compare with: no PDF, one printed by another command (the CLI), or printed while the memo changed. Every slide then counts as changed. */
  known: boolean;
  /** The slides PDF compared with, if there is one. */
  pdf: string | null;
  /** Each slide of the deck now: whether its page differs from every page of the PDF, the page (from 1) of the PDF that shows it as it is, and whether its notes differ. */
  slides: Array<{ index: number; id: string; changed: boolean; page: number | null; notesChanged: boolean }>;
  /** The pages of the PDF (from 1) that no slide of the deck shows as it is now: the stale pages of a handout given out. */
  stalePages: number[];
}

/** Compares a compiled deck (as the studio has it after an edit) with the slides the last exported PDFs were printed from. */
export function changedSincePdf(deck: Pick<DeckSource, 'name'>, outDir: string, compiled: Pick<CompiledDeck, 'slides' | 'html' | 'theme' | 'furniture' | 'assetCss'>): PdfChanges {
  const now = slideDigests(compiled);
  const pdf = outputFiles(deck, outDir)['slides-pdf'];
  const record = existsSync(recordFile(deck, outDir)) ? recordOf(readFileSync(recordFile(deck, outDir), 'utf8')) : undefined;
  const stamp = pdfStamp(deck, outDir);
  if (!pdf.exists || !record || record.pdfStamp === null || record.pdfStamp !== stamp) {
    return { known: false, pdf: pdf.exists ? pdf.file : null, slides: now.map((s, index) => ({ index, id: s.id, changed: true, page: null, notesChanged: true })), stalePages: [] };
  }
  const printed = record.slides;
  const used = new Set<number>();
  const slides = now.map((s, index) => {
    // The same page where it was, else the first unclaimed page that shows it.
    const at = printed[index]?.page === s.page && !used.has(index) ? index : printed.findIndex((p, j) => p.page === s.page && !used.has(j));
    if (at >= 0) used.add(at);
    return { index, id: s.id, changed: at < 0, page: at < 0 ? null : at + 1, notesChanged: at < 0 || printed[at]!.notes !== s.notes };
  });
  const stalePages = printed.flatMap((_, j) => (used.has(j) ? [] : [j + 1]));
  return { known: true, pdf: pdf.file, slides, stalePages };
}
