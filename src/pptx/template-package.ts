// A PowerPoint package as the XML parts it is (ECMA-376 Part 2): its namespaces, relationship and
// content types, its parts read as XML and their relationships, and the error a package that
// cannot be used as a template is. template-read.ts reads a template with it; template-empty.ts
// takes its slides out.
import path from 'node:path';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import type JSZip from 'jszip';
import { BriefdeckError } from '../core/errors.ts';
import type { ThemeColorName } from './template-types.ts';

export const NS = {
  p: 'http://schemas.openxmlformats.org/presentationml/2006/main',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  ct: 'http://schemas.openxmlformats.org/package/2006/content-types',
  p14: 'http://schemas.microsoft.com/office/powerpoint/2010/main',
};
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
export const TYPE = {
  officeDocument: `${REL}officeDocument`,
  slideMaster: `${REL}slideMaster`,
  slideLayout: `${REL}slideLayout`,
  slide: `${REL}slide`,
  theme: `${REL}theme`,
  notesMaster: `${REL}notesMaster`,
};
export const CONTENT = {
  presentation: 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
  template: 'application/vnd.openxmlformats-officedocument.presentationml.template.main+xml',
  slideshow: 'application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml',
  notesMaster: 'application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml',
  theme: 'application/vnd.openxmlformats-officedocument.theme+xml',
};

/**
 * A template that cannot be used: the message names the file and says what it is, the hint what
 * to do; `code` is the diagnostic's (the writer reports it at the deck.yaml line naming the file).
 */
export class TemplateBrokenError extends BriefdeckError {
  readonly code = 'template-broken';
  constructor(file: string, what: string, hint: string) {
    super(`${file}: ${what}`, [], 1, hint);
  }
}

export const SAVE_AS = 'open it in PowerPoint or LibreOffice Impress and save it as a PowerPoint template (.potx) or presentation (.pptx), then name that file';

// ——— XML ———

export function parseXml(text: string, part: string, file: string): Document {
  let problem: string | undefined;
  const fail = (message: string) => {
    problem ??= String(message).split('\n')[0];
  };
  const doc = new DOMParser({ errorHandler: { warning: () => {}, error: fail, fatalError: fail } }).parseFromString(text, 'application/xml') as unknown as Document;
  if (problem || !doc?.documentElement) throw new TemplateBrokenError(file, `its part ${part} is not well-formed XML (${problem?.replace(/^\[xmldom \w+\]\s*/, '').trim() || 'no root element'})`, SAVE_AS);
  return doc;
}

export const serialize = (doc: Document) => {
  const xml = new XMLSerializer().serializeToString(doc as never);
  return xml.startsWith('<?xml') ? xml : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`;
};

/** Element children of `el`, optionally those in namespace `ns` named `local`. */
export function children(el: Element | null | undefined, ns?: string, local?: string): Element[] {
  if (!el) return [];
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const e = n as Element;
    if (ns && (e.namespaceURI !== ns || e.localName !== local)) continue;
    out.push(e);
  }
  return out;
}
export const child = (el: Element | null | undefined, ns: string, local: string) => children(el, ns, local)[0];
/** The first element at this path of children. */
export function at(el: Element | null | undefined, ...steps: Array<[string, string]>): Element | undefined {
  let e: Element | undefined = el ?? undefined;
  for (const [ns, local] of steps) e = child(e, ns, local);
  return e;
}
export const descendants = (el: Element | Document, ns: string, local: string): Element[] => Array.from(el.getElementsByTagNameNS(ns, local));

// ——— the package ———

/** `Target` of a relationship, as a part name (no leading slash), from the part whose rels it is. */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(source), target));
}
export const relsPartOf = (part: string) => path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);

export interface Rel {
  id: string;
  type: string;
  /** The part it names (internal relationships only). */
  target?: string;
}

export class Package {
  private readonly docs = new Map<string, Document>();
  constructor(
    readonly zip: JSZip,
    readonly file: string,
  ) {}

  has(part: string): boolean {
    const entry = this.zip.file(part);
    return !!entry && !entry.dir;
  }

  async text(part: string): Promise<string | undefined> {
    return this.zip.file(part)?.async('string');
  }

  async xml(part: string): Promise<Document> {
    const cached = this.docs.get(part);
    if (cached) return cached;
    const text = await this.text(part);
    if (text === undefined) throw new TemplateBrokenError(this.file, `it names a part ${part} it does not hold`, SAVE_AS);
    const doc = parseXml(text, part, this.file);
    this.docs.set(part, doc);
    return doc;
  }

  async rels(part: string): Promise<Rel[]> {
    const relsPart = part === '' ? '_rels/.rels' : relsPartOf(part);
    if (!this.has(relsPart)) return [];
    const doc = await this.xml(relsPart);
    return descendants(doc, NS.rels, 'Relationship').map((r) => ({
      id: r.getAttribute('Id') ?? '',
      type: r.getAttribute('Type') ?? '',
      ...(r.getAttribute('TargetMode') === 'External' ? {} : { target: resolveTarget(part === '' ? '' : part, r.getAttribute('Target') ?? '') }),
    }));
  }
}

export const COLOR_NAMES: ThemeColorName[] = ['dk1', 'lt1', 'dk2', 'lt2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6', 'hlink', 'folHlink'];
export const OFFICE_DEFAULTS: Record<ThemeColorName, string> = { dk1: '000000', lt1: 'ffffff', dk2: '44546a', lt2: 'e7e6e6', accent1: '4472c4', accent2: 'ed7d31', accent3: 'a5a5a5', accent4: 'ffc000', accent5: '5b9bd5', accent6: '70ad47', hlink: '0563c1', folHlink: '954f72' };

/** A number attribute of `el`, or undefined where it is not given. */
export const num = (el: Element | undefined, name: string) => {
  const v = el?.getAttribute(name);
  return v === null || v === undefined || v === '' ? undefined : Number(v);
};
