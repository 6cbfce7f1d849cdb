// The readers of `briefdeck import`, as a table (like Pandoc's `readers` list): one row per format
// the memo may come in — its name, how it is recognised (magic bytes, or the text's own shape),
// whether it reads bytes or text, and its read. Every row gives the same thing: the memo's blocks
// (RawMemo) and a second, rule-free reading of the input (the witness) the report checks against.
// import.ts tries the rows in order and shares the rest (structure, Markdown, the report): adding a
// format is one reader module and one row here.
import { looksLikeMarkdown, readMarkdown } from './commonmark.ts';
import { checkDepth, NestedTooDeep } from './depth.ts';
import { looksLikeDocx, readDocx } from './docx.ts';
import { looksLikeHtml, readHtml } from './html.ts';
import { looksLikePdf, readPdfRuns } from './pdf.ts';
import { oneGlyph } from './pdf-glyphs.ts';
import { layoutPdf } from './pdf-layout.ts';
import { attachLinks, pdfLinks } from './pdf-links.ts';
import { readPdfText } from './pdf-text.ts';
import { pdfWitness } from './pdf-witness.ts';
import type { RawMemo } from './text.ts';
import { readWebText } from './web-text.ts';
import { looksLikeWebText } from './web-page.ts';
import { docxWitness, htmlWitness, markdownWitness, textWitness, type WitnessUnit } from './witness.ts';

/** The formats the report names: a reader's, or a viewer's transcript (a PDF's text in a web page). */
export type InputFormat = 'pdf' | 'docx' | 'html' | 'markdown' | 'pdf-text' | 'web-text' | 'viewer-transcript';

/** What a reader gives: the memo's blocks, and the input read again without the importer's rules. */
export interface Reading {
  raw: RawMemo & { transcript?: boolean };
  witness: { reading: string; units: WitnessUnit[]; unread?: WitnessUnit[] };
  /** What the reader's library said about the input (warnings), in its words. */
  warnings?: string[];
}

/** Why a reader could not read the input: a diagnostic at the input's line (1 for a whole file). */
export class ReadFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
    readonly line = 1,
  ) {
    super(message);
  }
}

interface Row {
  format: Exclude<InputFormat, 'viewer-transcript'>;
  /** How the input is recognised, in words (the README's table). */
  recognisedBy: string;
  /** The input states its headings (styles, tags, `#`), so a title block may be told by its style. */
  styledHeadings: boolean;
  /** Pasted text: its headings are told by their shape only, and its lists restored. */
  pasted: boolean;
  /** The input may declare its language (`lang`, front matter), which is then taken. */
  declaresLanguage: boolean;
}
export interface BytesReader extends Row {
  input: 'bytes';
  recognise(bytes: Uint8Array): boolean;
  read(bytes: Uint8Array, progress?: (message: string) => void): Promise<Reading>;
}
export interface TextReader extends Row {
  input: 'text';
  recognise(text: string): boolean;
  read(text: string): Reading;
}
export type Reader = BytesReader | TextReader;

const readDocxFailure = (error: unknown) => new ReadFailure('import-docx', `the Word file cannot be read: ${(error as Error).message}`, 'save it again as .docx from Word or LibreOffice');

/** Emphasis, links, lists or quotes (or a page's elements) nested past the reader's limit. */
function depthFailure(error: unknown, what: string): never {
  if (!(error instanceof NestedTooDeep)) throw error;
  throw new ReadFailure(
    'import-too-deep',
    `${what} more than ${error.at.limit} levels deep here: briefdeck reads no deeper (no memo nests so; reading it would take minutes)`,
    'check that this is the memo as published; remove the nesting',
    error.at.line,
  );
}

/**
 * Pages whose words are images (a scanned page among text pages, a page that is a picture of a
 * table): nothing can read them, so they are never counted as placed.
 */
function unreadPages(pages: Array<{ number: number; runs: Array<{ text: string }>; images?: number; unmappedGlyphs?: number }>): WitnessUnit[] {
  return pages.flatMap((p) => {
    const unit = { text: '', line: p.number, page: p.number };
    if (p.runs.length === 0 && (p.images ?? 0) > 0) return [{ ...unit, unreadable: 'it holds no text, only images: its words cannot be read (run OCR on the PDF, or give the memo in another form)' }];
    if (p.unmappedGlyphs) return [{ ...unit, unreadable: `${p.unmappedGlyphs === 1 ? '1 glyph it draws maps' : `${p.unmappedGlyphs} glyphs it draws map`} to no character, and nothing in the PDF says what ${p.unmappedGlyphs === 1 ? 'it is' : 'they are'}: that text cannot be read (the PDF was made without the memo's fonts: make it again where they are installed, or give the memo in another form)` }];
    const glyph = oneGlyph(p.runs.map((r) => r.text).join(''));
    return glyph ? [{ ...unit, unreadable: `its fonts map the glyphs it draws to one character ("${glyph.char}" is ${glyph.count} of its ${glyph.letters} letters): its words cannot be read (the PDF was made without the memo's fonts: make it again where they are installed, or give the memo in another form)` }] : [];
  });
}


/**
 * PDF text keeps its bullet markers and breaks lines at the page's width, inside sentences; a
 * web page loses the markers and keeps a paragraph on one line, ending where a sentence ends.
 */
export function detectFormat(input: string): 'pdf-text' | 'web-text' {
  // A page's copy says so by its site lines and its paragraphs' ends (web-page.ts), where it can tell.
  const web = looksLikeWebText(input);
  if (web !== undefined) return web ? 'web-text' : 'pdf-text';
  if (/^\s?(・|- )/mu.test(input)) return 'pdf-text';
  const long = input
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 20);
  if (long.length === 0) return 'web-text';
  const broken = long.filter((l) => !/[。．.!?！？）)」』][0-9]{0,2}$/u.test(l)).length;
  return broken / long.length > 0.3 ? 'pdf-text' : 'web-text';
}

/** The readers, tried in this order: bytes first (by their magic), then text (by its shape); the last text row takes any text. */
export const READERS: readonly Reader[] = [
  {
    format: 'pdf',
    input: 'bytes',
    recognisedBy: '%PDF- in its first 1024 bytes',
    styledHeadings: false,
    pasted: false,
    declaresLanguage: false,
    recognise: looksLikePdf,
    async read(bytes, progress) {
      let read;
      try {
        read = await readPdfRuns(bytes, (page, pages) => progress?.(`read page ${page} of ${pages}`));
      } catch (error) {
        throw new ReadFailure('import-pdf', `the PDF cannot be read: ${(error as Error).message}`, 'check that the file is a whole PDF (not encrypted, not cut short)');
      }
      if (read.pages.every((p) => p.runs.length === 0)) {
        throw new ReadFailure('import-pdf-no-text', 'the PDF holds no text (scanned pages?)', 'run OCR on it first (e.g. ocrmypdf), or give the memo in another form');
      }
      // The document's own title heading goes before its metadata (often a file name or a site's title).
      const laid = layoutPdf(read.pages, read.writer);
      // Its link annotations, on the words they cover.
      attachLinks(laid.blocks, pdfLinks(read.pages));
      return {
        raw: { ...laid, meta: read.meta },
        witness: { reading: 'the text items of each page, as the content stream draws them', units: pdfWitness(read.pages), unread: unreadPages(read.pages) },
      };
    },
  },
  {
    format: 'docx',
    input: 'bytes',
    recognisedBy: 'a zip (PK\\3\\4) holding word/',
    styledHeadings: true,
    pasted: false,
    declaresLanguage: false,
    recognise: looksLikeDocx,
    async read(bytes) {
      let raw;
      let units: WitnessUnit[];
      try {
        raw = await readDocx(bytes);
        units = await docxWitness(bytes);
      } catch (error) {
        throw readDocxFailure(error);
      }
      return { raw, witness: { reading: 'the paragraphs of word/document.xml, its footnotes and endnotes', units }, warnings: raw.warnings };
    },
  },
  {
    format: 'html',
    input: 'text',
    recognisedBy: 'text that opens with a doctype or an <html>, <head>, <body>, <article> or <meta> element',
    styledHeadings: true,
    pasted: false,
    declaresLanguage: true,
    recognise: looksLikeHtml,
    read(text) {
      let raw;
      try {
        checkDepth(text);
        raw = readHtml(text);
      } catch (error) {
        depthFailure(error, 'elements of the page nest');
      }
      return { raw, witness: { reading: "the text of each block of the page's body", units: htmlWitness(text) } };
    },
  },
  {
    format: 'markdown',
    input: 'text',
    recognisedBy: 'text with front matter, or # headings (with ## under them, a # title first, or lists, **strong** or links around one)',
    styledHeadings: true,
    pasted: false,
    declaresLanguage: true,
    recognise: looksLikeMarkdown,
    read(text) {
      let raw;
      try {
        raw = readMarkdown(text);
      } catch (error) {
        depthFailure(error, 'emphasis, links, lists or quotes nest');
      }
      return { raw, witness: { reading: 'its lines without their Markdown syntax', units: markdownWitness(text) } };
    },
  },
  {
    format: 'pdf-text',
    input: 'text',
    recognisedBy: "text copied from a PDF: bullet markers kept, lines broken inside sentences (detectFormat)",
    styledHeadings: false,
    pasted: false,
    declaresLanguage: false,
    recognise: (text) => detectFormat(text) === 'pdf-text',
    read(text) {
      let raw;
      try {
        raw = readPdfText(text);
      } catch (error) {
        depthFailure(error, 'emphasis, links, lists or quotes nest');
      }
      return { raw, witness: { reading: 'its lines', units: textWitness(text) } };
    },
  },
  {
    format: 'web-text',
    input: 'text',
    recognisedBy: 'any other text: copied from a web page (a paragraph on one line)',
    styledHeadings: false,
    pasted: true,
    declaresLanguage: false,
    recognise: () => true,
    read(text) {
      let raw;
      try {
        raw = readWebText(text);
      } catch (error) {
        depthFailure(error, 'emphasis, links, lists or quotes nest');
      }
      return { raw, witness: { reading: 'its lines', units: textWitness(text) } };
    },
  },
];
