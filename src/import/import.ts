// `briefdeck import`: a memo as published (PDF text or web page text) → the memo source.
// Pure: text in, Markdown and a fidelity report out; the CLI does the reading and writing.
import { parse as parseYaml, parseDocument } from 'yaml';
import { diagnostic } from '../errors.ts';
import { memoSentences, normalize } from '../fidelity.ts';
import { parseMemo } from '../parse/parse.ts';
import { splitPlainText } from '../parse/sentences.ts';
import type { Diagnostic, MemoMeta } from '../types.ts';
import { toMarkdown } from './markdown.ts';
import { readPdfText } from './pdf-text.ts';
import { buildOutline, restoreLists } from './structure.ts';
import { replaceFootnoteMarks, type RawMemo } from './text.ts';
import { readWebText } from './web-text.ts';

export type InputFormat = 'pdf-text' | 'web-text';

export interface ImportReport {
  format: InputFormat;
  /** Sentences of the input's body and footnotes. */
  read: number;
  /** Of those, the ones found in the memo source written. */
  placed: number;
  missing: string[];
  /** Sentences the memo source says more often than the input does. */
  repeated: string[];
  dropped: RawMemo['dropped'];
}

export interface ImportResult {
  markdown?: string;
  report?: ImportReport;
  diagnostics: Diagnostic[];
}

/**
 * PDF text keeps its bullet markers and breaks lines at the page's width, inside sentences; a
 * web page loses the markers and keeps a paragraph on one line, ending where a sentence ends.
 */
export function detectFormat(input: string): InputFormat {
  if (/^\s?(・|- )/mu.test(input)) return 'pdf-text';
  const long = input
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 20);
  if (long.length === 0) return 'web-text';
  const broken = long.filter((l) => !/[。．.!?！？）)」』][0-9]{0,2}$/u.test(l)).length;
  return broken / long.length > 0.3 ? 'pdf-text' : 'web-text';
}

/** Sentences of plain text, for counting (the parser's rule), without one-character leftovers. */
export function plainSentences(text: string): string[] {
  return splitPlainText(text)
    .map((s) => s.trim())
    .filter((s) => normalize(s).length > 1);
}

/** Reads the title page facts (series, title, authors…); YAML comments are reported. */
export function readMeta(yamlText: string, file: string, diagnostics: Diagnostic[]): Partial<MemoMeta> {
  const doc = parseDocument(yamlText);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    diagnostics.push(diagnostic({ file, line: e.linePos?.[0]?.line ?? 1 }, 'meta-yaml', `not valid YAML: ${e.message.split('\n')[0]}`));
    return {};
  }
  yamlText.split('\n').forEach((line, i) => {
    const m = /^(\w+):\s+[^'"\s#][^#]*\s(#\S.*)$/.exec(line);
    if (m) {
      diagnostics.push(
        diagnostic({ file, line: i + 1 }, 'meta-comment', `"${m[2]}" after the value of ${m[1]} is a YAML comment, so it is not part of the value`, `quote the value to keep it: ${m[1]}: "${line.slice(line.indexOf(':') + 1).trim()}"`, 'warning'),
      );
    }
  });
  const data = (parseYaml(yamlText) ?? {}) as Record<string, unknown>;
  const meta: Partial<MemoMeta> = {};
  for (const key of ['series', 'title', 'publisher', 'program', 'language', 'source'] as const) {
    if (typeof data[key] === 'string' || typeof data[key] === 'number') meta[key] = String(data[key]);
  }
  if (Array.isArray(data.authors)) meta.authors = data.authors.map(String);
  else if (typeof data.authors === 'string') meta.authors = [data.authors];
  return meta;
}

export interface ImportOptions {
  file: string;
  meta?: Partial<MemoMeta>;
  format?: InputFormat;
}

export function importMemo(input: string, options: ImportOptions): ImportResult {
  const diagnostics: Diagnostic[] = [];
  const at = { file: options.file, line: 1 };
  if (input.includes('\u0000') || /[\u0001-\u0008\u000e-\u001f]/.test(input.slice(0, 4096))) {
    diagnostics.push(diagnostic(at, 'import-binary', 'the input is not text (it holds control bytes)', 'give the text extracted from the PDF, or copied from the web page'));
    return { diagnostics };
  }
  if (input.trim() === '') {
    diagnostics.push(diagnostic(at, 'import-empty', 'the input is empty', 'give the memo text extracted from its PDF or copied from its web page'));
    return { diagnostics };
  }
  const format = options.format ?? detectFormat(input);
  const raw = format === 'pdf-text' ? readPdfText(input) : readWebText(input);
  const sections = buildOutline(raw.blocks);
  if (format === 'web-text') restoreLists(sections);
  if (sections.length === 0) {
    diagnostics.push(
      diagnostic(at, 'import-no-structure', 'found no headings: a memo has short heading lines ("はじめに", "1． …") between its paragraphs', 'check that this is the memo text, with its headings on lines of their own'),
    );
    return { diagnostics };
  }
  const meta: MemoMeta = {
    title: options.meta?.title ?? sections[0]!.title,
    authors: options.meta?.authors ?? [],
    language: options.meta?.language ?? 'ja',
    ...(options.meta?.series ? { series: options.meta.series } : {}),
    ...(options.meta?.publisher ? { publisher: options.meta.publisher } : {}),
    ...(options.meta?.program ? { program: options.meta.program } : {}),
    ...(options.meta?.source ? { source: options.meta.source } : {}),
  };
  const markdown = toMarkdown(meta, sections, raw.footnotes);
  const parsed = parseMemo(markdown, options.file);
  diagnostics.push(...parsed.diagnostics);
  const written = parsed.memo ? normalize(memoSentences(parsed.memo).map((s) => s.text).join('')) : '';
  const sourceText = [...raw.blocks.map((b) => b.text), ...raw.footnotes.map((f) => f.text)];
  // Footnote marks are not text: counted without them, as they are written as references.
  const labels = new Set(raw.footnotes.map((f) => f.label));
  const sentences = sourceText.map((text) => replaceFootnoteMarks(text, labels, (end) => `${end} `)).flatMap(plainSentences);
  const missing = sentences.filter((s) => !written.includes(normalize(s)));
  // Every sentence exactly once: as often in the output as in the input.
  const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
  const given = normalize(sentences.join(""));
  const repeated = [...new Set(sentences)].filter((s) => normalize(s).length > 4 && count(written, normalize(s)) > count(given, normalize(s)));
  return {
    markdown,
    report: { format, read: sentences.length, placed: sentences.length - missing.length, missing, repeated, dropped: raw.dropped },
    diagnostics,
  };
}
