// PDF post-processing: the metadata and the outline (bookmarks) Chromium does not write, added
// as an incremental update (ISO 32000-1, 7.5.6): Chromium's bytes stay as they are, and new
// objects, a new catalog and a cross-reference section for them are appended. Nothing of the
// document is parsed but its trailer, its catalog and its page tree, so finishing a PDF takes
// milliseconds; loading pdf-lib alone took 0.4 s, and its parse and save 0.1 s more per PDF.
// A PDF whose cross-references are not a classic table (never Chromium's today) is finished
// with pdf-lib instead (finish-pdf-lib.ts).

export type { OutlineNode, PdfInfo } from './info.ts';
import type { OutlineNode, PdfInfo } from './info.ts';

/** Sets metadata and, when given, the outline. Fonts, text and links are left as Chromium wrote them. */
export async function finishPdf(bytes: Uint8Array, info: PdfInfo, outline?: OutlineNode[], now = new Date()): Promise<Uint8Array> {
  const update = incrementalUpdate(bytes, info, outline, now);
  if (update) return update;
  const { finishWithPdfLib } = await import('./finish-pdf-lib.ts');
  return finishWithPdfLib(bytes, info, outline);
}

// ── Reading: a small parser for the objects the update needs ──────────────────────────────

type PdfValue = number | boolean | null | { name: string } | { ref: [number, number] } | { string: Uint8Array } | PdfValue[] | PdfDict;
interface PdfDict {
  dict: Map<string, PdfValue>;
}

const isDict = (v: PdfValue | undefined): v is PdfDict => typeof v === 'object' && v !== null && 'dict' in v;
const isRef = (v: PdfValue | undefined): v is { ref: [number, number] } => typeof v === 'object' && v !== null && 'ref' in v;
const isName = (v: PdfValue | undefined, name?: string): v is { name: string } => typeof v === 'object' && v !== null && 'name' in v && (name === undefined || v.name === name);

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

class Reader {
  constructor(
    private readonly b: Uint8Array,
    public pos: number,
  ) {}

  private skip(): void {
    const { b } = this;
    for (;;) {
      while (this.pos < b.length && WHITE.has(b[this.pos]!)) this.pos++;
      if (b[this.pos] !== 0x25) return; // %: a comment to the end of the line
      while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
    }
  }

  /** A regular token (number, keyword) at the position. */
  token(): string {
    this.skip();
    const start = this.pos;
    while (this.pos < this.b.length && !WHITE.has(this.b[this.pos]!) && !DELIM.has(this.b[this.pos]!)) this.pos++;
    return String.fromCharCode(...this.b.subarray(start, this.pos));
  }

  value(): PdfValue {
    this.skip();
    const { b } = this;
    const c = b[this.pos];
    if (c === 0x2f) {
      this.pos++;
      const start = this.pos;
      while (this.pos < b.length && !WHITE.has(b[this.pos]!) && !DELIM.has(b[this.pos]!)) this.pos++;
      return { name: String.fromCharCode(...b.subarray(start, this.pos)).replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) };
    }
    if (c === 0x3c && b[this.pos + 1] === 0x3c) {
      this.pos += 2;
      const dict = new Map<string, PdfValue>();
      for (;;) {
        this.skip();
        if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
          this.pos += 2;
          return { dict };
        }
        const key = this.value();
        if (!isName(key)) throw new Error('a dictionary key that is not a name');
        dict.set(key.name, this.value());
      }
    }
    if (c === 0x3c) return { string: this.hexString() };
    if (c === 0x28) return { string: this.literalString() };
    if (c === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skip();
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return items;
        }
        items.push(this.value());
      }
    }
    const word = this.token();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) throw new Error(`unexpected "${word}" at ${this.pos}`);
    // An integer followed by another and R is a reference.
    if (/^\d+$/.test(word)) {
      const back = this.pos;
      const generation = this.token();
      if (/^\d+$/.test(generation) && this.token() === 'R') return { ref: [Number(word), Number(generation)] };
      this.pos = back;
    }
    return Number(word);
  }

  private hexString(): Uint8Array {
    const end = this.b.indexOf(0x3e, this.pos);
    const hex = String.fromCharCode(...this.b.subarray(this.pos + 1, end)).replace(/\s+/g, '');
    this.pos = end + 1;
    const padded = hex.length % 2 ? `${hex}0` : hex;
    return Uint8Array.from({ length: padded.length / 2 }, (_, i) => parseInt(padded.slice(i * 2, i * 2 + 2), 16));
  }

  private literalString(): Uint8Array {
    const out: number[] = [];
    let depth = 0;
    const { b } = this;
    for (this.pos++; this.pos < b.length; this.pos++) {
      const c = b[this.pos]!;
      if (c === 0x5c) {
        const n = b[++this.pos]!;
        const escapes: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };
        if (escapes[n] !== undefined) out.push(escapes[n]!);
        else if (n >= 0x30 && n <= 0x37) {
          let octal = String.fromCharCode(n);
          while (octal.length < 3 && b[this.pos + 1]! >= 0x30 && b[this.pos + 1]! <= 0x37) octal += String.fromCharCode(b[++this.pos]!);
          out.push(parseInt(octal, 8) & 0xff);
        } else if (n !== 0x0a && n !== 0x0d) out.push(n);
        continue;
      }
      if (c === 0x28) depth++;
      if (c === 0x29 && depth-- === 0) {
        this.pos++;
        return Uint8Array.from(out);
      }
      out.push(c);
    }
    throw new Error('an unterminated string');
  }
}

const latin1 = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

interface Document {
  bytes: Uint8Array;
  /** Byte offset of each object, by number (classic cross-reference table). */
  offsets: Map<number, number>;
  trailer: PdfDict;
  startxref: number;
}

/** The trailer and cross-reference table of a PDF whose last section is a classic table; undefined otherwise. */
function readDocument(bytes: Uint8Array): Document | undefined {
  const tail = latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length);
  const match = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!match) return undefined;
  const startxref = Number(match[1]);
  const offsets = new Map<number, number>();
  let trailer: PdfDict | undefined;
  // The newest section first; an older one (Prev) only fills in what a newer one did not say.
  for (let at: number | undefined = startxref, guard = 0; at !== undefined && guard < 32; guard++) {
    const reader: Reader = new Reader(bytes, at);
    if (reader.token() !== 'xref') return undefined;
    for (;;) {
      const first = reader.token();
      if (first === 'trailer') break;
      const count = Number(reader.token());
      if (!/^\d+$/.test(first) || !Number.isInteger(count)) return undefined;
      for (let i = 0; i < count; i++) {
        const offset = Number(reader.token());
        reader.token(); // generation
        const kind = reader.token();
        const number = Number(first) + i;
        if (kind === 'n' && !offsets.has(number)) offsets.set(number, offset);
      }
    }
    const dict: PdfValue = reader.value();
    if (!isDict(dict)) return undefined;
    trailer ??= dict;
    const prev: PdfValue | undefined = dict.dict.get('Prev');
    at = typeof prev === 'number' ? prev : undefined;
  }
  return trailer ? { bytes, offsets, trailer, startxref } : undefined;
}

function readObject(doc: Document, ref: PdfValue | undefined): PdfValue | undefined {
  if (!isRef(ref)) return ref;
  const offset = doc.offsets.get(ref.ref[0]);
  if (offset === undefined) return undefined;
  const reader = new Reader(doc.bytes, offset);
  if (Number(reader.token()) !== ref.ref[0]) return undefined;
  reader.token();
  if (reader.token() !== 'obj') return undefined;
  return reader.value();
}

/** The page objects in order, from the page tree. */
function pageRefs(doc: Document, node: PdfValue | undefined, depth = 0): Array<{ ref: [number, number] }> {
  const dict = readObject(doc, node);
  if (!isDict(dict) || depth > 32) return [];
  if (isName(dict.dict.get('Type'), 'Page')) return isRef(node) ? [node] : [];
  const kids = readObject(doc, dict.dict.get('Kids'));
  return Array.isArray(kids) ? kids.flatMap((kid) => pageRefs(doc, kid, depth + 1)) : [];
}

// ── Writing ────────────────────────────────────────────────────────────────────────────────

/** A text string: UTF-16BE with its byte order mark, in hex (any script, no escaping). */
function textString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

function serialize(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(6)));
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(serialize).join(' ')}]`;
  if ('name' in value) return `/${value.name.replace(/[^!-~]|[()<>[\]{}/%#]/g, (c) => `#${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}`;
  if ('ref' in value) return `${value.ref[0]} ${value.ref[1]} R`;
  if ('string' in value) return `<${[...value.string].map((b) => b.toString(16).padStart(2, '0')).join('')}>`;
  return `<<${[...value.dict].map(([k, v]) => `${serialize({ name: k })} ${serialize(v)}`).join(' ')}>>`;
}

const pdfDate = (d: Date) => `(D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z)`;

/** The document information dictionary: title, authors, subject, briefdeck as creator, the dates. */
function infoDictionary(info: PdfInfo, now: Date): string {
  const entries = [
    `/Title ${textString(info.title)}`,
    info.authors.length ? `/Author ${textString(info.authors.join(', '))}` : '',
    info.subject ? `/Subject ${textString(info.subject)}` : '',
    `/Creator ${textString('briefdeck')}`,
    `/Producer ${textString('briefdeck (Chromium)')}`,
    `/CreationDate ${pdfDate(now)}`,
    `/ModDate ${pdfDate(now)}`,
  ].filter(Boolean);
  return `<<${entries.join(' ')}>>`;
}

/**
 * The outline's objects (numbered from `take()`), into `objects`: each bookmark linked to its
 * neighbours, its parent and its page. Returns the outline root's number.
 */
function outlineObjects(outline: OutlineNode[], pages: Array<{ ref: [number, number] }>, take: () => number, objects: Map<number, string>): number {
  const outlineRoot = take();
  const write = (items: OutlineNode[], parent: number): { first: number; last: number; count: number } => {
    const numbers = items.map(() => take());
    let count = 0;
    items.forEach((item, i) => {
      const page = pages[Math.min(item.page, pages.length - 1)]!;
      const parts = [`/Title ${textString(item.title)}`, `/Parent ${parent} 0 R`, `/Dest [${page.ref[0]} ${page.ref[1]} R /XYZ null null null]`];
      if (i > 0) parts.push(`/Prev ${numbers[i - 1]} 0 R`);
      if (i < items.length - 1) parts.push(`/Next ${numbers[i + 1]} 0 R`);
      if (item.children.length > 0) {
        const sub = write(item.children, numbers[i]!);
        parts.push(`/First ${sub.first} 0 R`, `/Last ${sub.last} 0 R`, `/Count ${sub.count}`);
        count += sub.count;
      }
      objects.set(numbers[i]!, `<<${parts.join(' ')}>>`);
      count += 1;
    });
    return { first: numbers[0]!, last: numbers.at(-1)!, count };
  };
  const top = write(outline, outlineRoot);
  objects.set(outlineRoot, `<</Type /Outlines /First ${top.first} 0 R /Last ${top.last} 0 R /Count ${top.count}>>`);
  return outlineRoot;
}

/** The update's bytes appended to the document, or undefined when it cannot be made here. */
function incrementalUpdate(bytes: Uint8Array, info: PdfInfo, outline: OutlineNode[] | undefined, now: Date): Uint8Array | undefined {
  let doc: Document | undefined;
  let catalog: PdfValue | undefined;
  let pages: Array<{ ref: [number, number] }>;
  try {
    doc = readDocument(bytes);
    if (!doc) return undefined;
    catalog = readObject(doc, doc.trailer.dict.get('Root'));
    if (!isDict(catalog)) return undefined;
    pages = pageRefs(doc, catalog.dict.get('Pages'));
  } catch {
    return undefined;
  }
  const root = doc.trailer.dict.get('Root');
  const size = doc.trailer.dict.get('Size');
  if (!isRef(root) || typeof size !== 'number' || (outline?.length && pages.length === 0)) return undefined;

  let next = size;
  const take = () => next++;
  const objects = new Map<number, string>();
  const infoNumber = take();
  objects.set(infoNumber, infoDictionary(info, now));

  const entries = new Map(catalog.dict);
  entries.set('Lang', { string: new TextEncoder().encode(info.language) });
  const preferences = readObject(doc, entries.get('ViewerPreferences'));
  const viewer = new Map(isDict(preferences) ? preferences.dict : []);
  viewer.set('DisplayDocTitle', true);
  entries.set('ViewerPreferences', { dict: viewer });
  if (outline && outline.length > 0) {
    entries.set('Outlines', { ref: [outlineObjects(outline, pages, take, objects), 0] });
    entries.set('PageMode', { name: 'UseOutlines' });
  }
  objects.set(root.ref[0], serialize({ dict: entries }));

  const trailer = new Map(doc.trailer.dict);
  trailer.set('Size', next);
  trailer.set('Info', { ref: [infoNumber, 0] });
  trailer.set('Prev', doc.startxref);
  return appendSection(bytes, objects, root.ref, trailer);
}

/**
 * `bytes` with the objects appended (the catalog `root` keeping its generation), a cross-reference
 * table with one subsection per run of numbers, and the trailer.
 */
function appendSection(bytes: Uint8Array, objects: Map<number, string>, root: [number, number], trailer: Map<string, PdfValue>): Uint8Array {
  const generation = (number: number) => (number === root[0] ? root[1] : 0);
  let text = bytes[bytes.length - 1] === 0x0a ? '' : '\n';
  const offsets = new Map<number, number>();
  const encoder = new TextEncoder();
  let length = bytes.length + text.length;
  for (const [number, body] of [...objects].sort((a, b) => a[0] - b[0])) {
    offsets.set(number, length);
    const chunk = `${number} ${generation(number)} obj\n${body}\nendobj\n`;
    text += chunk;
    length += encoder.encode(chunk).length;
  }
  const xrefAt = length;
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  let xref = 'xref\n';
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    xref += `${numbers[i]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) xref += `${String(offsets.get(numbers[k]!)).padStart(10, '0')} ${String(generation(numbers[k]!)).padStart(5, '0')} n \n`;
    i = j + 1;
  }
  text += `${xref}trailer\n${serialize({ dict: trailer })}\nstartxref\n${xrefAt}\n%%EOF\n`;
  const appended = encoder.encode(text);
  const out = new Uint8Array(bytes.length + appended.length);
  out.set(bytes);
  out.set(appended, bytes.length);
  return out;
}
