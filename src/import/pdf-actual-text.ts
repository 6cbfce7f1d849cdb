// The replacement texts (/ActualText) a PDF's marked content gives the glyphs it draws, which
// pdf.js drops (its text content and operator list keep a marked content's tag, not its
// properties). A writer whose font lacks the characters draws fallback glyphs that its font maps to
// one character and says what they are in /ActualText (LibreOffice without a Japanese font: every
// kanji "本", the text "マニフェスト" only in the spans' /ActualText); a ligature or a hyphen may be
// given so too. Read here from the page's content streams (pdf-lib opens them; the forms it draws
// too), one entry per marked-content opening (BMC, BDC) in the order pdf.js reports them.
// (pdf-lib is loaded when a page needs it: its 0.2 s is no cost of a PDF whose text pdf.js reads right.)
import type { PDFDict, PDFDocument, PDFObject } from 'pdf-lib';

type PdfLib = typeof import('pdf-lib');

/** Per marked-content opening of a page, in drawing order: its /ActualText, or undefined. */
export type Openings = Array<string | undefined>;

type Value = number | boolean | null | Bytes | { name: string } | { op: string } | Value[] | Map<string, Value>;
/** A literal or hex string, as its bytes (one char a byte). */
class Bytes {
  constructor(readonly bytes: string) {}
}

const SPACE = new Set([0, 9, 10, 12, 13, 32]);
const DELIMITER = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/** A PDF text string's bytes → its text: UTF-16BE or UTF-8 by its byte order mark, else PDFDocEncoding (as Latin-1). */
export function textString(bytes: string): string {
  if (bytes.startsWith('\xfe\xff')) {
    let out = '';
    for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
    return out;
  }
  if (bytes.startsWith('\xef\xbb\xbf')) return Buffer.from(bytes.slice(3), 'latin1').toString('utf8');
  return bytes;
}

/** The operations of a content stream (its bytes as Latin-1), each with its operands. */
function* operations(text: string): Generator<{ op: string; operands: Value[] }> {
  let at = 0;
  const n = text.length;
  const skipSpace = () => {
    while (at < n) {
      const c = text.charCodeAt(at);
      if (SPACE.has(c)) at++;
      else if (c === 37 /* % */) while (at < n && text[at] !== '\n' && text[at] !== '\r') at++;
      else break;
    }
  };
  const regular = () => {
    const from = at;
    while (at < n && !SPACE.has(text.charCodeAt(at)) && !DELIMITER.has(text.charCodeAt(at))) at++;
    return text.slice(from, at);
  };
  const literal = (): Bytes => {
    at++; // (
    let depth = 1;
    let out = '';
    while (at < n) {
      const c = text[at++]!;
      if (c === '\\') {
        const e = text[at++] ?? '';
        const escaped: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
        if (e in escaped) out += escaped[e];
        else if (/[0-7]/u.test(e)) {
          let octal = e;
          while (octal.length < 3 && /[0-7]/u.test(text[at] ?? '')) octal += text[at++];
          out += String.fromCharCode(parseInt(octal, 8) & 0xff);
        } else if (e === '\r') {
          if (text[at] === '\n') at++;
        } else if (e !== '\n') out += e;
      } else if (c === '(') {
        depth++;
        out += c;
      } else if (c === ')') {
        if (--depth === 0) break;
        out += c;
      } else out += c;
    }
    return new Bytes(out);
  };
  const value = (): Value | undefined => {
    skipSpace();
    if (at >= n) return undefined;
    const c = text[at]!;
    if (c === '(') return literal();
    if (c === '<' && text[at + 1] === '<') {
      at += 2;
      const dict = new Map<string, Value>();
      for (;;) {
        skipSpace();
        if (at >= n) break;
        if (text[at] === '>' && text[at + 1] === '>') {
          at += 2;
          break;
        }
        const key = value();
        if (key === undefined) break;
        const v = value();
        if (key && typeof key === 'object' && !(key instanceof Bytes) && 'name' in key) dict.set(key.name, v ?? null);
      }
      return dict;
    }
    if (c === '<') {
      const end = text.indexOf('>', at);
      const hex = text.slice(at + 1, end < 0 ? n : end).replace(/[^0-9a-fA-F]/gu, '');
      at = end < 0 ? n : end + 1;
      let out = '';
      for (let i = 0; i < hex.length; i += 2) out += String.fromCharCode(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
      return new Bytes(out);
    }
    if (c === '[') {
      at++;
      const list: Value[] = [];
      for (;;) {
        skipSpace();
        if (at >= n) break;
        if (text[at] === ']') {
          at++;
          break;
        }
        const v = value();
        if (v === undefined) break;
        list.push(v);
      }
      return list;
    }
    if (c === '/') {
      at++;
      return { name: regular().replace(/#([0-9a-fA-F]{2})/gu, (_, h: string) => String.fromCharCode(parseInt(h, 16))) };
    }
    if (c === ')' || c === '>' || c === ']' || c === '{' || c === '}') {
      at++;
      return null;
    }
    const word = regular();
    if (/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/u.test(word)) return Number(word);
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    return { op: word };
  };
  let operands: Value[] = [];
  for (;;) {
    const v = value();
    if (v === undefined) return;
    if (v && typeof v === 'object' && !(v instanceof Bytes) && 'op' in v) {
      if (v.op === 'BI') {
        // An inline image: its dictionary up to ID, then bytes up to EI between white space.
        const id = text.indexOf('ID', at);
        const end = id < 0 ? -1 : text.slice(id + 3).search(/[\0\t\n\f\r ]EI(?:[\0\t\n\f\r ]|$)/u);
        at = end < 0 ? n : id + 3 + end + 3;
        operands = [];
        continue;
      }
      yield { op: v.op, operands };
      operands = [];
    } else operands.push(v);
  }
}

/** The /ActualText of a marked content's properties given inline. */
function inlineActualText(props: Value | undefined): string | undefined {
  const v = props instanceof Map ? props.get('ActualText') : undefined;
  return v instanceof Bytes && v.bytes ? textString(v.bytes) : undefined;
}

/** The text of a marked content's properties: inline, or named in the resources' /Properties. */
function actualText(lib: PdfLib, props: Value | undefined, resources: PDFDict | undefined): string | undefined {
  let text = inlineActualText(props);
  if (props && typeof props === 'object' && !(props instanceof Bytes) && 'name' in props) {
    const { PDFDict, PDFName } = lib;
    const dict = resources?.lookupMaybe(PDFName.of('Properties'), PDFDict)?.lookupMaybe(PDFName.of(props.name), PDFDict);
    const v = dict?.lookup(PDFName.of('ActualText'));
    if (v instanceof lib.PDFString || v instanceof lib.PDFHexString) text = v.decodeText();
  }
  // (An empty one, a hyphen's at a line's end, is left to the reader's own rules for hyphens.)
  return text ? text : undefined;
}

function streamText(lib: PdfLib, stream: PDFObject | undefined): string {
  if (stream instanceof lib.PDFRawStream) return Buffer.from(lib.decodePDFRawStream(stream).decode()).toString('latin1');
  return '';
}

/** One content stream's openings, the forms it draws read in place (as pdf.js reads them). */
function walk(lib: PdfLib | undefined, text: string, resources: PDFDict | undefined, out: Openings, depth: number): void {
  for (const { op, operands } of operations(text)) {
    if (op === 'BMC') out.push(undefined);
    else if (op === 'BDC') out.push(lib ? actualText(lib, operands[1], resources) : inlineActualText(operands[1]));
    else if (op === 'Do' && lib && depth < 12) {
      const { PDFDict, PDFName } = lib;
      const name = operands[0];
      if (!name || typeof name !== 'object' || name instanceof Bytes || !('name' in name)) continue;
      const form = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.lookup(PDFName.of(name.name));
      if (!(form instanceof lib.PDFRawStream) || form.dict.get(PDFName.of('Subtype')) !== PDFName.of('Form')) continue;
      walk(lib, streamText(lib, form), form.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? resources, out, depth + 1);
    }
  }
}

/** The openings of one content stream, its properties inline (a test's view of the scan). */
export function streamOpenings(text: string): Openings {
  const out: Openings = [];
  walk(undefined, text, undefined, out, 0);
  return out;
}

/**
 * A reader of the pages' openings (numbered from 1), opening the document once, when first asked:
 * undefined for a page of an encrypted document, or one whose streams pdf-lib cannot read.
 */
export function actualTextReader(bytes: Uint8Array): (page: number) => Promise<Openings | undefined> {
  let opened: Promise<{ lib: PdfLib; doc: PDFDocument } | undefined> | undefined;
  return async (number) => {
    opened ??= import('pdf-lib').then(async (lib) => {
      try {
        const doc = await lib.PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
        return doc.isEncrypted ? undefined : { lib, doc };
      } catch {
        return undefined;
      }
    });
    const { lib, doc } = (await opened) ?? {};
    const page = doc?.getPages()[number - 1];
    if (!lib || !doc || !page) return undefined;
    try {
      const contents = page.node.Contents();
      const parts = contents instanceof lib.PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
      const openings: Openings = [];
      // (A page's streams are one stream cut anywhere: joined, with white space between.)
      walk(lib, parts.map((part) => streamText(lib, part)).join('\n'), page.node.Resources(), openings, 0);
      return openings;
    } catch {
      return undefined; // a stream pdf-lib cannot decode: the page keeps what pdf.js reads
    }
  };
}

/**
 * Replaces what a marked content with /ActualText draws by that text, given a page's items in
 * drawing order with its marked-content openings and ends (pdf.js's text content with its marked
 * content, or its operator list): the first drawing inside the outermost such content gets the
 * text, the others inside it nothing. Undefined where the page's openings do not match the items'
 * (pdf.js read the page otherwise): the page keeps what pdf.js reads.
 */
export function applyActualText<T>(items: T[], kind: (item: T) => 'open' | 'close' | 'draw' | 'other', openings: Openings, replace: (item: T, text: string | undefined) => T | undefined): T[] | undefined {
  const opens = items.filter((i) => kind(i) === 'open').length;
  if (opens !== openings.length || openings.every((o) => o === undefined)) return undefined;
  const out: T[] = [];
  let next = 0;
  let depth = 0;
  let active: { depth: number; text: string; given: boolean } | undefined;
  for (const item of items) {
    const k = kind(item);
    if (k === 'open') {
      depth++;
      const text = openings[next++];
      if (!active && text !== undefined) active = { depth, text, given: false };
      out.push(item);
    } else if (k === 'close') {
      if (active?.depth === depth) active = undefined;
      depth = Math.max(0, depth - 1);
      out.push(item);
    } else if (k === 'draw' && active) {
      const replaced = replace(item, active.given ? undefined : active.text);
      active.given = true;
      if (replaced !== undefined) out.push(replaced);
    } else out.push(item);
  }
  return out;
}
