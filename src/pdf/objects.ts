// Reading a PDF as far as its incremental update needs (ISO 32000-1, 7.3 and 7.5): its trailer,
// its classic cross-reference table, and the objects it names — the catalog and the page tree —
// parsed from the bytes where the table says they are. Nothing else of the document is read.

export type PdfValue = number | boolean | null | { name: string } | { ref: [number, number] } | { string: Uint8Array } | PdfValue[] | PdfDict;
export interface PdfDict {
  dict: Map<string, PdfValue>;
}

export const isDict = (v: PdfValue | undefined): v is PdfDict => typeof v === 'object' && v !== null && 'dict' in v;
export const isRef = (v: PdfValue | undefined): v is { ref: [number, number] } => typeof v === 'object' && v !== null && 'ref' in v;
export const isName = (v: PdfValue | undefined, name?: string): v is { name: string } => typeof v === 'object' && v !== null && 'name' in v && (name === undefined || v.name === name);

export const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
export const DELIM = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));

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

export const latin1 = (bytes: Uint8Array, start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));

export interface Document {
  bytes: Uint8Array;
  /** Byte offset of each object, by number (classic cross-reference table). */
  offsets: Map<number, number>;
  trailer: PdfDict;
  startxref: number;
}

/** The trailer and cross-reference table of a PDF whose last section is a classic table; undefined otherwise. */
export function readDocument(bytes: Uint8Array): Document | undefined {
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

export function readObject(doc: Document, ref: PdfValue | undefined): PdfValue | undefined {
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
export function pageRefs(doc: Document, node: PdfValue | undefined, depth = 0): Array<{ ref: [number, number] }> {
  const dict = readObject(doc, node);
  if (!isDict(dict) || depth > 32) return [];
  if (isName(dict.dict.get('Type'), 'Page')) return isRef(node) ? [node] : [];
  const kids = readObject(doc, dict.dict.get('Kids'));
  return Array.isArray(kids) ? kids.flatMap((kid) => pageRefs(doc, kid, depth + 1)) : [];
}
