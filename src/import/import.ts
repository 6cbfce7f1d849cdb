// `briefdeck import`: a memo as published (PDF, Word, web page, Markdown, pasted text) → the
// memo source. Each reader gives the same blocks; structure and Markdown are shared. Pure but
// for the libraries' own parsing: bytes in, Markdown and an honest report out; the CLI reads
// and writes the files. The readers are the rows of readers.ts: this file only tries them in turn.
import { diagnostic } from '../core/errors.ts';
import { memoSentences, normalize } from '../model/fidelity.ts';
import { parseMemo } from '../parse/parse.ts';
import { splitPlainText } from '../parse/sentences.ts';
import { metaFileSchema } from '../config/schema.ts';
import { readYaml } from '../config/yaml.ts';
import type { Diagnostic, MemoMeta } from '../model/types.ts';
import { decodeText } from '../core/decode.ts';
import { toMarkdown } from './markdown.ts';
import { READERS, ReadFailure, type BytesReader, type InputFormat, type Reader, type Reading, type TextReader } from './readers.ts';
import { buildOutline, levelHeadings, pastedHeadings, restoreLists, type OutlineSection } from './structure.ts';
import { REF_MARK, replaceFootnoteMarks, type Dropped, type RawMemo } from './text.ts';
import { takeTitleBlock, type TitleLine } from './title-block.ts';
import { takeNotes } from './notes.ts';
import { takeContents } from './contents.ts';
import { BLOCK, compareWitness, type WitnessResult, type WitnessUnit } from './witness.ts';

export { detectFormat, type InputFormat } from './readers.ts';
export interface ImportReport {
  format: InputFormat;
  /** Sentences of the whole input: the memo's body, its title and notes, and what was dropped. */
  read: number;
  /** Sentences of the memo's body (its title, headings, text and notes): read minus dropped. */
  body: number;
  /** Of the body's sentences, the ones found in the memo source written. */
  placed: number;
  missing: string[];
  /** Sentences the memo source says more often than the input does. */
  repeated: string[];
  /** Every line or block left out, with why. */
  dropped: Dropped[];
  /** Sentences of the dropped text. */
  droppedSentences: number;
  /** Share of the input's text dropped by inference (site text), not by a certain rule. */
  inferredDropShare: number;
  /** The input read again, without the importer's rules, against the memo source: what it holds, what the report lists, what is lost. */
  witness: WitnessResult;
  /** The lines of the title block, each with the front matter field it went to. */
  titleBlock: TitleLine[];
  /** The structure markers written, each with its heading and why. */
  markers: Array<{ line: number; heading: string; marker: string; why: string }>;
}

export interface ImportResult {
  markdown?: string;
  report?: ImportReport;
  diagnostics: Diagnostic[];
}

/** Sentences of plain text, for counting (the parser's rule), without one-character leftovers. */
export function plainSentences(text: string): string[] {
  return splitPlainText(text)
    .map((s) => s.trim())
    .filter((s) => normalize(s).length > 1);
}

/**
 * Reads the title page facts (series, title, authors…) against the configuration schema: unknown
 * keys, wrong types and unreadable YAML are errors at their line; YAML comments are reported.
 */
export function readMeta(yamlText: string, file: string, diagnostics: Diagnostic[]): Partial<MemoMeta> {
  const data = readYaml(yamlText, metaFileSchema, { file, code: 'meta', what: 'the meta file' }, diagnostics);
  if (!data) return {};
  yamlText.split('\n').forEach((line, i) => {
    const m = /^(\w+):\s+[^'"\s#][^#]*\s(#\S.*)$/.exec(line);
    if (m) {
      diagnostics.push(
        diagnostic({ file, line: i + 1 }, 'meta-comment', `"${m[2]}" after the value of ${m[1]} is a YAML comment, so it is not part of the value`, `quote the value to keep it: ${m[1]}: "${line.slice(line.indexOf(':') + 1).trim()}"`, 'warning'),
      );
    }
  });
  const { authors, ...rest } = data;
  return { ...rest, ...(authors ? { authors } : {}) };
}



/** Drops decided by inference (where the memo starts or ends), not by a rule that is certain. */
/** A memo source's list item with no words: nothing after its marker, or a list marker alone ("- •"). */
const EMPTY_ITEM = /^\s*(?:[-*+]|[0-9]{1,3}[.)])(?:\s+[•・●○◦▪▫■□◆◇‣⁃∙*–—-])?\s*$/u;
const LAID_OUT = new Set<InputFormat>(['pdf', 'pdf-text', 'web-text', 'viewer-transcript']);
const INFERRED = /^(site text \(outside the article found|before the memo|after the memo|before the first heading|above the title|a notice)/;
/** The most text an import may drop by inference without --allow-drop. */
export const DROP_LIMIT = 0.2;

export interface ImportOptions {
  file: string;
  meta?: Partial<MemoMeta>;
  /** The reader to use, not the one the input's shape calls for. */
  format?: Exclude<InputFormat, 'viewer-transcript'>;
  /** Dropping more than DROP_LIMIT of the input as site text is an error unless allowed. */
  allowDrop?: boolean;
  /** Called at each stage of a long import. */
  progress?: (message: string) => void;
}

function badInput(options: ImportOptions, code: string, message: string, hint: string): ImportResult {
  return { diagnostics: [diagnostic({ file: options.file, line: 1 }, code, message, hint)] };
}

/** Any published form, recognised by its content: the first reader of bytes that knows it, else text. */
export async function importBytes(bytes: Uint8Array, options: ImportOptions): Promise<ImportResult> {
  const reader = READERS.find((r): r is BytesReader => r.input === 'bytes' && r.recognise(bytes));
  if (reader) {
    let reading: Reading;
    try {
      reading = await reader.read(bytes, options.progress);
    } catch (error) {
      return failed(error, options);
    }
    const result = finish(reading, reader, options);
    const warnings = (reading.warnings ?? []).map((w) => diagnostic({ file: options.file, line: 1 }, `import-${reader.format}-warning`, `the ${reader.format === 'docx' ? 'Word' : reader.format} reader: ${w}`, undefined, 'warning'));
    return { ...result, diagnostics: [...warnings, ...result.diagnostics] };
  }
  const decoded = decodeText(bytes, options.file);
  if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
  const result = importMemo(decoded.text, options);
  return { ...result, diagnostics: [...decoded.diagnostics, ...result.diagnostics] };
}

/** Text: a web page's HTML, Markdown, text extracted from a PDF, or text copied from a page — the first reader of text that knows it (or the one named). */
export function importMemo(input: string, options: ImportOptions): ImportResult {
  if (input.includes('\u0000') || /[\u0001-\u0008\u000e-\u001f]/.test(input.slice(0, 4096))) {
    return badInput(options, 'import-binary', 'the input is not text (it holds control bytes)', 'give a PDF, a Word file (.docx), a web page, Markdown, or the memo text');
  }
  if (input.trim() === '') return badInput(options, 'import-empty', 'the input is empty', 'give the memo: a PDF, a Word file, a web page, Markdown, or its text');
  const text = input.replace(/^\uFEFF/, '');
  const texts = READERS.filter((r): r is TextReader => r.input === 'text');
  const reader = options.format ? texts.find((r) => r.format === options.format) : texts.find((r) => r.recognise(text));
  if (!reader) throw new Error(`no reader of text for ${options.format ?? 'this input'}`);
  options.progress?.(`reading ${reader.format}`);
  let reading: Reading;
  try {
    reading = reader.read(text);
  } catch (error) {
    return failed(error, options);
  }
  return finish(reading, reader, options);
}

/** A reader's failure as the diagnostic it names; anything else is a bug, thrown on. */
function failed(error: unknown, options: ImportOptions): ImportResult {
  if (!(error instanceof ReadFailure)) throw error;
  return { diagnostics: [diagnostic({ file: options.file, line: error.line }, error.code, error.message, error.hint)] };
}

/**
 * Characters no text holds: a PDF's glyph mapped to NUL or a form feed, a vertical tab (Word's
 * line break inside a paragraph) — a space, or nothing. Text stays text; the memo source and the
 * XML written from it never carry a control character.
 */
function cleanControls(raw: RawMemo): RawMemo {
  const clean = (text: string) => text.replace(/[\u000b\u000c\u0085\u2028\u2029]/gu, ' ').replace(/[\u0000-\u0008\u000e-\u001f\u007f]/gu, '');
  const dirty = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u0085\u2028\u2029]/u;
  if (![...raw.blocks, ...raw.footnotes, ...raw.dropped].some((b) => dirty.test(b.text))) return raw;
  return {
    ...raw,
    dropped: raw.dropped.map((d) => ({ ...d, text: clean(d.text) })),
    blocks: raw.blocks.map((b) => ({ ...b, text: clean(b.text), ...(b.rows ? { rows: b.rows.map((r) => r.map(clean)) } : {}) })),
    footnotes: raw.footnotes.map((f) => ({ ...f, text: clean(f.text) })),
  };
}

/** Shared by every reader: blocks → structure → Markdown, and the report. */
function finish({ raw: read, witness }: Reading, reader: Reader, options: ImportOptions): ImportResult {
  const diagnostics: Diagnostic[] = [];
  const raw = takeTitleBlock(takeNotes(takeContents(cleanControls(read))), { styledHeadings: reader.styledHeadings });
  // Pasted text says its headings only by their shape: a short line is one only where the text confirms it.
  const { title, blocks } = levelHeadings(reader.pasted ? pastedHeadings(raw.blocks) : raw.blocks);
  // Text before any heading has no section to go to: dropped, and said.
  const first = blocks.findIndex((b) => b.kind === 'heading');
  for (const b of blocks.slice(0, first < 0 ? 0 : first)) raw.dropped.push({ line: b.line, text: b.text, why: 'before the first heading' });
  options.progress?.('finding the structure');
  const sections = buildOutline(blocks);
  if (reader.pasted) restoreLists(sections);
  if (sections.length === 0) {
    return badInput(options, 'import-no-structure', 'found no headings: a memo has short heading lines ("はじめに", "1． …") between its paragraphs', 'check that this is the memo text, with its headings on lines of their own');
  }
  const given = { ...raw.meta, ...(title ? { title } : {}), ...options.meta };
  const sample = blocks.slice(0, 200).map((b) => b.text).join('');
  const japanese = (sample.match(/[\u3041-\u30ff\u4e00-\u9fff]/gu) ?? []).length > sample.length * 0.1;
  const meta: MemoMeta = {
    title: given.title ?? sections[0]!.title,
    ...(given.subtitle ? { subtitle: given.subtitle } : {}),
    authors: given.authors ?? [],
    // A declared language where the memo states it (Markdown, a meta file), else the text's own.
    language: options.meta?.language ?? (reader.declaresLanguage ? raw.meta?.language : undefined) ?? (japanese || blocks.length === 0 ? 'ja' : 'en'),
    ...(given.series ? { series: given.series } : {}),
    ...(given.publisher ? { publisher: given.publisher } : {}),
    ...(given.program ? { program: given.program } : {}),
    ...(given.date ? { date: given.date } : {}),
    ...(given.source ? { source: given.source } : {}),
  };
  options.progress?.('writing the memo source');
  const markdown = toMarkdown(meta, sections, raw.footnotes);
  options.progress?.('checking every sentence');
  // Problems of the memo source written are at its lines, not the input's.
  const parsed = parseMemo(markdown, `${options.file} → memo.md`);
  diagnostics.push(...parsed.diagnostics);
  // A document viewer's transcript (in its page, or copied from it) is a PDF's text: the report says so.
  const report = account(raw, title, meta, parsed.memo, read.transcript ? 'viewer-transcript' : reader.format, sections, witness);
  // What the second reading finds in neither the memo source nor the report's lists: lost or altered.
  for (const unit of report.witness.missing.slice(0, 50)) {
    diagnostics.push(
      diagnostic(
        { file: options.file, line: unit.line || 1 },
        'import-lost',
        `${unit.page ? `page ${unit.page}: ` : ''}${unit.unreadable ?? unit.fault ?? (unit.wrong?.[0]?.includes(BLOCK) ? `a sentence runs on from one line to the next ("${unit.wrong[0].split(BLOCK).join('" | "')}"), but the memo source parts it into two paragraphs` : unit.wrong ? `where a line wraps, the memo source writes "${unit.wrong[0]}" for "${unit.text}"` : `this text of the input is not in the memo source, nor listed as dropped: "${unit.text.length > 70 ? `${unit.text.slice(0, 69)}…` : unit.text}"`)}`,
        options.allowDrop ? undefined : unit.unreadable ? '--allow-drop writes the memo source without it' : 'the importer lost or changed it: please report the document to briefdeck; --allow-drop writes the memo source without it',
        options.allowDrop ? 'warning' : 'error',
      ),
    );
  }
  if (report.witness.missing.length > 50) {
    diagnostics.push(diagnostic({ file: options.file, line: 1 }, 'import-lost', `and ${report.witness.missing.length - 50} more pieces of the input not in the memo source`, undefined, options.allowDrop ? 'warning' : 'error'));
  }
  // A list item of no words, from a reader that finds lists in laid-out text (a PDF's, a page's):
  // a marker the reading took apart from the words it opens. (A document that marks its lists,
  // Word's or Markdown's, says itself what an item holds.)
  for (const [i, line] of markdown.split('\n').entries()) {
    if (!LAID_OUT.has(reader.format) || !EMPTY_ITEM.test(line)) continue;
    diagnostics.push(
      diagnostic(
        { file: `${options.file} → memo.md`, line: i + 1 },
        'import-lost',
        `a list item of no words ("${line.trim()}"): a list's marker read apart from the words it opens`,
        options.allowDrop ? undefined : 'the importer misread the list: please report the document to briefdeck; --allow-drop writes the memo source as it is',
        options.allowDrop ? 'warning' : 'error',
      ),
    );
  }
  if (report.inferredDropShare > DROP_LIMIT && !options.allowDrop) {
    const share = Math.round(report.inferredDropShare * 100);
    diagnostics.push(
      diagnostic(
        { file: options.file, line: raw.dropped.find((d) => INFERRED.test(d.why))?.line || 1 },
        'import-dropped',
        `${share}% of the input would be dropped as site text (more than ${DROP_LIMIT * 100}%): the memo may not be where the importer looked`,
        'read the dropped lines listed above; if they really are not the memo, add --allow-drop',
      ),
    );
  }
  return { markdown, report, diagnostics };
}

/** Pages nothing could read count as pieces of the input lost. */
function withUnread(result: WitnessResult, unread: WitnessUnit[]): WitnessResult {
  return unread.length === 0 ? result : { ...result, units: result.units + unread.length, missing: [...unread, ...result.missing] };
}

/** The report: sentences read over the whole input, placed, dropped; markers written. */
function account(
  raw: RawMemo & { titleBlock: TitleLine[] },
  title: string | undefined,
  meta: MemoMeta,
  memo: ReturnType<typeof parseMemo>['memo'],
  format: InputFormat,
  sections: OutlineSection[],
  witness: { reading: string; units: WitnessUnit[]; unread?: WitnessUnit[] },
): ImportReport {
  const labels = new Set(raw.footnotes.map((f) => f.label));
  // Footnote marks are not text: counted without them, as they are written as references.
  const unmark = (text: string) => replaceFootnoteMarks(text, labels, (end) => `${end} `).replace(REF_MARK, ' ');
  // (Not the text before the first heading, which the import dropped and listed: it has no section to go to.)
  const before = new Set(raw.dropped.filter((d) => d.why === 'before the first heading').map((d) => `${d.line}\n${d.text}`));
  const sourceText = [...(title ? [title] : []), ...raw.blocks.filter((b) => !before.has(`${b.line}\n${b.text}`)).map((b) => b.text), ...raw.footnotes.map((f) => f.text)];
  const sentences = sourceText.map(unmark).flatMap(plainSentences);
  const writtenSentences = memo ? [...(title ? [meta.title] : []), ...memoSentences(memo).map((s) => s.text)] : [];
  const written = normalize(writtenSentences.join(''));
  // In order, each sentence is found after the one before it: linear in the input.
  const missing: string[] = [];
  let cursor = 0;
  for (const sentence of sentences) {
    const n = normalize(sentence);
    let at = written.indexOf(n, cursor);
    if (at < 0) at = written.indexOf(n);
    if (at < 0) missing.push(sentence);
    else if (at >= cursor) cursor = at + n.length;
  }
  // Every sentence exactly once: as often in the output as in the input.
  const tally = (list: string[]) => list.reduce((m, s) => m.set(normalize(s), (m.get(normalize(s)) ?? 0) + 1), new Map<string, number>());
  const inCount = tally(sentences);
  const outCount = tally(writtenSentences.flatMap(plainSentences));
  const repeated = [...inCount].filter(([n, count]) => n.length > 4 && (outCount.get(n) ?? 0) > count).map(([n]) => sentences.find((s) => normalize(s) === n)!);
  const droppedSentences = raw.dropped.reduce((n, d) => n + Math.max(1, plainSentences(d.text).length), 0);
  const droppedChars = (list: Dropped[]) => list.reduce((n, d) => n + normalize(d.text).length, 0);
  const total = normalize(sourceText.join('')).length + droppedChars(raw.dropped);
  const markers = sections.flatMap((s) => [
    ...(s.role !== 'plain' ? [{ line: s.line, heading: s.title, marker: `{.${s.role}}`, why: s.why ?? '' }] : []),
    ...s.parts.filter((p) => p.role === 'approach' || p.role === 'initiative').map((p) => ({ line: p.line, heading: p.title, marker: p.role === 'approach' ? `{#${p.id} .approach}` : `{.initiative${p.serves ? ` serves=${p.serves}` : ''}}`, why: p.why ?? '' })),
  ]);
  return {
    format,
    read: sentences.length + droppedSentences,
    body: sentences.length,
    placed: sentences.length - missing.length,
    missing,
    repeated,
    dropped: raw.dropped,
    droppedSentences,
    inferredDropShare: total === 0 ? 0 : droppedChars(raw.dropped.filter((d) => INFERRED.test(d.why))) / total,
    witness: withUnread(memo ? compareWitness(witness.reading, witness.units, memo, raw.dropped, raw.titleBlock) : { reading: witness.reading, units: witness.units.length, found: 0, listed: 0, missing: witness.units }, witness.unread ?? []),
    titleBlock: raw.titleBlock,
    markers,
  };
}
