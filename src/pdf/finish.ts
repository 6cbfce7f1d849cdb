// PDF post-processing: the metadata and the outline (bookmarks) Chromium does not write, added
// as an incremental update (ISO 32000-1, 7.5.6): Chromium's bytes stay as they are, and new
// objects, a new catalog and a cross-reference section for them are appended. Nothing of the
// document is parsed but its trailer, its catalog and its page tree, so finishing a PDF takes
// milliseconds; loading pdf-lib alone took 0.4 s, and its parse and save 0.1 s more per PDF.
// A PDF whose cross-references are not a classic table (never Chromium's today) is finished
// with pdf-lib instead (finish-pdf-lib.ts).

export type { OutlineNode, PdfInfo } from './info.ts';
import type { OutlineNode, PdfInfo } from './info.ts';
import { isDict, isRef, pageRefs, readDocument, readObject, type Document, type PdfValue } from './objects.ts';

/** Sets metadata and, when given, the outline. Fonts, text and links are left as Chromium wrote them. */
export async function finishPdf(bytes: Uint8Array, info: PdfInfo, outline?: OutlineNode[], now = new Date()): Promise<Uint8Array> {
  const update = incrementalUpdate(bytes, info, outline, now);
  if (update) return update;
  const { finishWithPdfLib } = await import('./finish-pdf-lib.ts');
  return finishWithPdfLib(bytes, info, outline);
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
