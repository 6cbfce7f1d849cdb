// An organisation's PowerPoint template (.pptx or .potx, from PowerPoint, LibreOffice, pptxgenjs,
// Google Slides…) read as the package of XML parts it is: its layouts in presentation order with
// their placeholders and boxes (inherited from the master where the layout gives none), the first
// master's theme colours and fonts, the slide size, and the package with every slide taken out,
// for src/pptx/write.ts to add the deck's slides to (after Pandoc's --reference-doc).
import path from 'node:path';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import JSZip from 'jszip';
import { BriefdeckError } from '../core/errors.ts';
import type { EmuBox, LayoutRole, PlaceholderType, Template, TemplateLayout, TemplatePlaceholder, TemplateTheme, ThemeColorName } from './template-types.ts';

const NS = {
  p: 'http://schemas.openxmlformats.org/presentationml/2006/main',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  ct: 'http://schemas.openxmlformats.org/package/2006/content-types',
  p14: 'http://schemas.microsoft.com/office/powerpoint/2010/main',
};
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const TYPE = {
  officeDocument: `${REL}officeDocument`,
  slideMaster: `${REL}slideMaster`,
  slideLayout: `${REL}slideLayout`,
  slide: `${REL}slide`,
  theme: `${REL}theme`,
  notesMaster: `${REL}notesMaster`,
};
const CONTENT = {
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

const SAVE_AS = 'open it in PowerPoint or LibreOffice Impress and save it as a PowerPoint template (.potx) or presentation (.pptx), then name that file';

// ——— XML ———

function parseXml(text: string, part: string, file: string): Document {
  let problem: string | undefined;
  const fail = (message: string) => {
    problem ??= String(message).split('\n')[0];
  };
  const doc = new DOMParser({ errorHandler: { warning: () => {}, error: fail, fatalError: fail } }).parseFromString(text, 'application/xml') as unknown as Document;
  if (problem || !doc?.documentElement) throw new TemplateBrokenError(file, `its part ${part} is not well-formed XML (${problem?.replace(/^\[xmldom \w+\]\s*/, '').trim() || 'no root element'})`, SAVE_AS);
  return doc;
}

const serialize = (doc: Document) => {
  const xml = new XMLSerializer().serializeToString(doc as never);
  return xml.startsWith('<?xml') ? xml : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`;
};

/** Element children of `el`, optionally those in namespace `ns` named `local`. */
function children(el: Element | null | undefined, ns?: string, local?: string): Element[] {
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
const child = (el: Element | null | undefined, ns: string, local: string) => children(el, ns, local)[0];
/** The first element at this path of children. */
function at(el: Element | null | undefined, ...steps: Array<[string, string]>): Element | undefined {
  let e: Element | undefined = el ?? undefined;
  for (const [ns, local] of steps) e = child(e, ns, local);
  return e;
}
const descendants = (el: Element | Document, ns: string, local: string): Element[] => Array.from(el.getElementsByTagNameNS(ns, local));

// ——— the package ———

/** `Target` of a relationship, as a part name (no leading slash), from the part whose rels it is. */
function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(source), target));
}
const relsPartOf = (part: string) => path.posix.join(path.posix.dirname(part), '_rels', `${path.posix.basename(part)}.rels`);

interface Rel {
  id: string;
  type: string;
  /** The part it names (internal relationships only). */
  target?: string;
}

class Package {
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

// ——— reading ———

const OLE = [0xd0, 0xcf, 0x11, 0xe0];

async function openPackage(bytes: Uint8Array, file: string): Promise<Package> {
  if (OLE.every((b, i) => bytes[i] === b)) {
    throw new TemplateBrokenError(file, 'is a password-protected (encrypted) Office file, or an old binary PowerPoint (.ppt/.pot) file, which briefdeck cannot read', 'remove its password in PowerPoint (File › Info › Protect Presentation) or save it as .potx/.pptx, then name that file');
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new TemplateBrokenError(file, 'is not a PowerPoint template: a .pptx or .potx file is a zip package, and this is not one', SAVE_AS);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    throw new TemplateBrokenError(file, `is not a PowerPoint template: its zip package cannot be read (${String((error as Error)?.message ?? error).split('\n')[0]})`, SAVE_AS);
  }
  await checkSizes(zip, file);
  const pkg = new Package(zip, file);
  if (pkg.has('ppt/presentation.xml') && !pkg.has('[Content_Types].xml')) throw new TemplateBrokenError(file, 'is not a whole PowerPoint package: it has no [Content_Types].xml', SAVE_AS);
  if (!pkg.has('ppt/presentation.xml')) {
    const what = pkg.has('word/document.xml') ? 'a Word document' : pkg.has('xl/workbook.xml') ? 'an Excel workbook' : 'a zip file';
    throw new TemplateBrokenError(file, `is ${what}, not a PowerPoint template (it has no ppt/presentation.xml)`, 'name a PowerPoint template (.potx) or presentation (.pptx) whose masters and layouts the deck should use');
  }
  return pkg;
}

const MB = 1024 * 1024;
/** What a template holds at most, unpacked: all its parts, and one XML part (a zip bomb holds gigabytes). */
export const TEMPLATE_LIMITS = { total: 200 * MB, xmlPart: 30 * MB };
const mb = (n: number) => `${Math.ceil(n / MB)} MB`;
const TOO_BIG_HINT = 'a template holds masters, layouts, a theme and a few pictures; save the template again from PowerPoint or LibreOffice Impress (without its slides), then name that file';

/**
 * Refuses a package that unpacks to more than a template holds: first by the sizes its central
 * directory declares (nothing inflated), then by inflating each part as a stream, counting, and
 * stopping as soon as a part gives more than it declared (a zip that lies about its sizes).
 */
async function checkSizes(zip: JSZip, file: string): Promise<void> {
  const entries = Object.values(zip.files).filter((e) => !e.dir);
  const declared = (e: JSZip.JSZipObject) => Number((e as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0);
  const total = entries.reduce((sum, e) => sum + Math.max(0, declared(e)), 0);
  if (total > TEMPLATE_LIMITS.total) throw new TemplateBrokenError(file, `unpacks to ${mb(total)}, more than a template holds (at most ${mb(TEMPLATE_LIMITS.total)})`, TOO_BIG_HINT);
  const isXml = (name: string) => /\.(xml|rels)$/i.test(name);
  for (const e of entries) {
    if (isXml(e.name) && declared(e) > TEMPLATE_LIMITS.xmlPart) throw new TemplateBrokenError(file, `its part ${e.name} unpacks to ${mb(declared(e))}, more than a template holds (an XML part of at most ${mb(TEMPLATE_LIMITS.xmlPart)})`, TOO_BIG_HINT);
  }
  for (const e of entries) {
    const limit = Math.max(0, declared(e));
    const inflated = await inflatedLength(e, limit);
    if (inflated === 'over') throw new TemplateBrokenError(file, `its part ${e.name} unpacks to more than the ${limit} bytes its zip entry declares, more than a template holds`, SAVE_AS);
    if (inflated instanceof Error) throw new TemplateBrokenError(file, `is not a PowerPoint template: its part ${e.name} cannot be unpacked (${String(inflated.message).split('\n')[0]})`, SAVE_AS);
  }
}

interface PartStream {
  on(event: 'data', f: (chunk: Uint8Array) => void): PartStream;
  on(event: 'error', f: (error: Error) => void): PartStream;
  on(event: 'end', f: () => void): PartStream;
  pause(): PartStream;
  resume(): PartStream;
}

/** The length of a part inflated, counted as it streams (nothing kept); 'over' as soon as it passes `limit`. */
function inflatedLength(entry: JSZip.JSZipObject, limit: number): Promise<number | 'over' | Error> {
  return new Promise((resolve) => {
    let length = 0;
    let done = false;
    const finish = (result: number | 'over' | Error) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    // JSZip's streaming API (JSZipObject.internalStream), which its typings leave out.
    const stream = (entry as unknown as { internalStream(type: 'uint8array'): PartStream }).internalStream('uint8array');
    stream
      .on('data', (chunk) => {
        if (done) return;
        length += chunk.length;
        if (length > limit) {
          stream.pause();
          finish('over');
        }
      })
      .on('error', (error) => finish(error instanceof Error ? error : new Error(String(error))))
      .on('end', () => finish(length))
      .resume();
  });
}

const num = (el: Element | undefined, name: string) => {
  const v = el?.getAttribute(name);
  return v === null || v === undefined || v === '' ? undefined : Number(v);
};

function boxOf(sp: Element): EmuBox | undefined {
  const xfrm = at(sp, [NS.p, 'spPr'], [NS.a, 'xfrm']) ?? at(sp, [NS.p, 'xfrm']);
  const off = child(xfrm, NS.a, 'off');
  const ext = child(xfrm, NS.a, 'ext');
  if (!off || !ext) return undefined;
  const box = { x: num(off, 'x') ?? 0, y: num(off, 'y') ?? 0, cx: num(ext, 'cx') ?? 0, cy: num(ext, 'cy') ?? 0 };
  return Object.values(box).every(Number.isFinite) ? box : undefined;
}

interface RawPlaceholder {
  type: PlaceholderType;
  idx: number;
  name: string;
  box?: EmuBox;
  size?: number;
}

/** Type size (pt) of the first level a list style gives: lvl1pPr's defRPr sz, in hundredths. */
function levelOneSize(lstStyle: Element | undefined): number | undefined {
  const sz = num(at(lstStyle, [NS.a, 'lvl1pPr'], [NS.a, 'defRPr']), 'sz');
  return sz === undefined ? undefined : sz / 100;
}

/** The placeholders of a master's or layout's shape tree (PowerPoint never groups a placeholder). */
function placeholdersOf(root: Element): RawPlaceholder[] {
  const tree = at(root, [NS.p, 'cSld'], [NS.p, 'spTree']);
  const out: RawPlaceholder[] = [];
  const walk = (parent: Element | undefined) => {
    for (const shape of children(parent)) {
      if (shape.namespaceURI !== NS.p || shape.localName === 'grpSp') continue;
      const nv = children(shape).find((c) => c.namespaceURI === NS.p && c.localName.startsWith('nv'));
      const ph = at(nv, [NS.p, 'nvPr'], [NS.p, 'ph']);
      if (!ph) continue;
      const txBody = child(shape, NS.p, 'txBody');
      // The size its list style gives, else the first run's (LibreOffice writes it there).
      const runSize = num(descendants(txBody ?? shape, NS.a, 'rPr')[0] ?? descendants(txBody ?? shape, NS.a, 'endParaRPr')[0], 'sz');
      const size = levelOneSize(child(txBody, NS.a, 'lstStyle')) ?? (runSize === undefined ? undefined : runSize / 100);
      out.push({
        type: (ph.getAttribute('type') || 'obj') as PlaceholderType,
        idx: num(ph, 'idx') ?? 0,
        name: child(nv, NS.p, 'cNvPr')?.getAttribute('name') ?? '',
        ...(boxOf(shape) ? { box: boxOf(shape)! } : {}),
        ...(size !== undefined && Number.isFinite(size) ? { size } : {}),
      });
    }
  };
  walk(tree);
  return out;
}

interface Master {
  part: string;
  placeholders: RawPlaceholder[];
  styles: { title?: number; body?: number; other?: number };
  layouts: string[];
  theme?: string;
}

/** The master's placeholder a layout's inherits from (ECMA-376 §19.3.1.36: by type; body for the content kinds). */
function inherited(master: Master, type: PlaceholderType): RawPlaceholder | undefined {
  const of = (t: PlaceholderType) => master.placeholders.find((p) => p.type === t && p.box);
  if (type === 'title' || type === 'ctrTitle') return of('title') ?? of('ctrTitle');
  if (type === 'dt' || type === 'ftr' || type === 'sldNum' || type === 'hdr') return of(type);
  return of(type) ?? of('body') ?? of('obj');
}

function masterStyle(master: Master, type: PlaceholderType): number | undefined {
  if (type === 'title' || type === 'ctrTitle') return master.styles.title;
  if (type === 'dt' || type === 'ftr' || type === 'sldNum' || type === 'hdr') return master.styles.other;
  return master.styles.body;
}

async function readMaster(pkg: Package, part: string): Promise<Master> {
  const root = (await pkg.xml(part)).documentElement;
  const rels = await pkg.rels(part);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const txStyles = child(root, NS.p, 'txStyles');
  const layouts = children(child(root, NS.p, 'sldLayoutIdLst'), NS.p, 'sldLayoutId')
    .map((l) => byId.get(l.getAttributeNS(NS.r, 'id') ?? ''))
    .filter((r): r is Rel => !!r?.target && r.type === TYPE.slideLayout && pkg.has(r.target))
    .map((r) => r.target!);
  // A master must have a theme (ECMA-376 §13.3.6): PowerPoint opens no file whose master lacks one.
  const themeRel = rels.find((r) => r.type === TYPE.theme && r.target);
  if (!themeRel) throw new TemplateBrokenError(pkg.file, `its slide master ${part} has no theme (no theme relationship), which PowerPoint requires`, SAVE_AS);
  if (!pkg.has(themeRel.target!)) throw new TemplateBrokenError(pkg.file, `its slide master ${part} names a theme part ${themeRel.target} the package does not hold`, SAVE_AS);
  const theme = themeRel.target!;
  return {
    part,
    placeholders: placeholdersOf(root),
    styles: {
      title: levelOneSize(child(txStyles, NS.p, 'titleStyle')),
      body: levelOneSize(child(txStyles, NS.p, 'bodyStyle')),
      other: levelOneSize(child(txStyles, NS.p, 'otherStyle')),
    },
    layouts,
    ...(theme ? { theme } : {}),
  };
}

type Page = { cx: number; cy: number };

/**
 * Where a placeholder of this type sits when neither its layout nor its master gives it a box, as
 * fractions of the page (PowerPoint's own master: the title in the top band, the text in the
 * middle, date, footer and slide number in the bottom band).
 */
const DEFAULT_BOXES: Record<'title' | 'body' | 'dt' | 'ftr' | 'sldNum', [number, number, number, number]> = {
  title: [0.0688, 0.0532, 0.8625, 0.1933],
  body: [0.0688, 0.2662, 0.8625, 0.6345],
  dt: [0.0688, 0.9268, 0.225, 0.0532],
  ftr: [0.3375, 0.9268, 0.325, 0.0532],
  sldNum: [0.7063, 0.9268, 0.225, 0.0532],
};
function defaultBox(type: PlaceholderType, page: Page): EmuBox {
  const kind = type === 'title' || type === 'ctrTitle' ? 'title' : type === 'dt' || type === 'sldNum' ? type : type === 'ftr' || type === 'hdr' ? 'ftr' : 'body';
  const [x, y, w, h] = DEFAULT_BOXES[kind];
  return { x: Math.round(x * page.cx), y: Math.round(y * page.cy), cx: Math.round(w * page.cx), cy: Math.round(h * page.cy) };
}

/** The part of a box on the page; undefined when none of it is (or it has no area). */
function clipped(box: EmuBox | undefined, page: Page): EmuBox | undefined {
  if (!box) return undefined;
  const x0 = Math.min(Math.max(box.x, 0), page.cx);
  const y0 = Math.min(Math.max(box.y, 0), page.cy);
  const x1 = Math.min(Math.max(box.x + box.cx, 0), page.cx);
  const y1 = Math.min(Math.max(box.y + box.cy, 0), page.cy);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, cx: x1 - x0, cy: y1 - y0 } : undefined;
}

async function readLayout(pkg: Package, part: string, master: Master, page: Page): Promise<TemplateLayout> {
  const root = (await pkg.xml(part)).documentElement;
  const placeholders: TemplatePlaceholder[] = [];
  for (const ph of placeholdersOf(root)) {
    const from = inherited(master, ph.type);
    // Its own box, else its master's, each only the part on the page; else one by its type.
    const box = clipped(ph.box, page) ?? clipped(from?.box, page) ?? defaultBox(ph.type, page);
    const size = ph.size ?? from?.size ?? masterStyle(master, ph.type);
    placeholders.push({ type: ph.type, idx: ph.idx, name: ph.name, box, ...(size !== undefined ? { size } : {}) });
  }
  const type = root.getAttribute('type');
  return { part, name: child(root, NS.p, 'cSld')?.getAttribute('name') ?? '', ...(type ? { type } : {}), master: master.part, placeholders };
}

const COLOR_NAMES: ThemeColorName[] = ['dk1', 'lt1', 'dk2', 'lt2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6', 'hlink', 'folHlink'];
const SYSTEM_COLORS: Record<string, string> = { windowText: '000000', window: 'ffffff' };
const OFFICE_DEFAULTS: Record<ThemeColorName, string> = { dk1: '000000', lt1: 'ffffff', dk2: '44546a', lt2: 'e7e6e6', accent1: '4472c4', accent2: 'ed7d31', accent3: 'a5a5a5', accent4: 'ffc000', accent5: '5b9bd5', accent6: '70ad47', hlink: '0563c1', folHlink: '954f72' };

function readTheme(doc: Document | undefined): TemplateTheme {
  const elements = at(doc?.documentElement, [NS.a, 'themeElements']);
  const scheme = child(elements, NS.a, 'clrScheme');
  const colors = {} as Record<ThemeColorName, string>;
  for (const name of COLOR_NAMES) {
    const value = children(child(scheme, NS.a, name))[0];
    let hex: string | undefined;
    if (value?.localName === 'srgbClr') hex = value.getAttribute('val') ?? undefined;
    else if (value?.localName === 'sysClr') hex = value.getAttribute('lastClr') || SYSTEM_COLORS[value.getAttribute('val') ?? ''];
    colors[name] = `#${(hex && /^[0-9a-f]{6}$/i.test(hex) ? hex : OFFICE_DEFAULTS[name]).toLowerCase()}`;
  }
  const fonts = child(elements, NS.a, 'fontScheme');
  const face = (which: string, script: string) => at(fonts, [NS.a, which], [NS.a, script])?.getAttribute('typeface') ?? '';
  return {
    colors,
    fonts: { major: { latin: face('majorFont', 'latin'), ea: face('majorFont', 'ea') }, minor: { latin: face('minorFont', 'latin'), ea: face('minorFont', 'ea') } },
  };
}

/** Reads a .pptx or .potx as a template: its layouts, theme and slide size, and the package with its slides taken out. */
export async function readTemplate(bytes: Uint8Array, file: string): Promise<Template> {
  try {
    return await read(bytes, file);
  } catch (error) {
    // XML nested past what the parser's and serializer's recursion can hold (no template does that).
    if (error instanceof RangeError) throw new TemplateBrokenError(file, `cannot be read: its XML nests too deeply (${error.message})`, SAVE_AS);
    throw error;
  }
}

async function read(bytes: Uint8Array, file: string): Promise<Template> {
  const pkg = await openPackage(bytes, file);
  const presentation = (await pkg.xml('ppt/presentation.xml')).documentElement;
  if (presentation.namespaceURI !== NS.p || presentation.localName !== 'presentation') {
    throw new TemplateBrokenError(file, 'is not a PowerPoint template: its ppt/presentation.xml is not a presentation', SAVE_AS);
  }
  const presRels = await pkg.rels('ppt/presentation.xml');
  const relById = new Map(presRels.map((r) => [r.id, r]));
  const masterParts = children(child(presentation, NS.p, 'sldMasterIdLst'), NS.p, 'sldMasterId')
    .map((m) => relById.get(m.getAttributeNS(NS.r, 'id') ?? '')?.target)
    .filter((t): t is string => !!t && pkg.has(t));
  const size = slideSize(child(presentation, NS.p, 'sldSz'));
  const masters: Master[] = [];
  for (const part of masterParts) masters.push(await readMaster(pkg, part));
  const layouts: TemplateLayout[] = [];
  for (const master of masters) for (const part of master.layouts) layouts.push(await readLayout(pkg, part, master, size));
  if (!layouts.length) {
    throw new TemplateBrokenError(file, masters.length ? 'has no slide layouts: its masters list none' : 'has no slide master, so no slide layouts', 'a template needs a slide master with layouts (PowerPoint: View › Slide Master); save one from PowerPoint or LibreOffice Impress and name that file');
  }
  const themePart = masters[0]?.theme;
  const theme = readTheme(themePart ? await pkg.xml(themePart) : undefined);
  const zip = await JSZip.loadAsync(bytes);
  const notesMaster = await emptyPackage(new Package(zip, file), themePart, size);
  return { file, size, layouts, theme, zip, notesMaster };
}

/** The sizes a slide may have (ECMA-376's ST_SlideSizeCoordinate: 1 in to 56 in), in EMU. */
const SLIDE_SIZE = { min: 914400, max: 51206400 };
/** PowerPoint's default, 16:9 (13.33 × 7.5 in). */
const WIDESCREEN = { cx: 12192000, cy: 6858000 };

/** The slide size p:sldSz gives; PowerPoint's 16:9 where it gives none, or one no slide can have (zero, negative, past 56 in). */
function slideSize(sldSz: Element | undefined): { cx: number; cy: number } {
  const ok = (v: number | undefined): v is number => v !== undefined && Number.isInteger(v) && v >= SLIDE_SIZE.min && v <= SLIDE_SIZE.max;
  const cx = num(sldSz, 'cx');
  const cy = num(sldSz, 'cy');
  return ok(cx) && ok(cy) ? { cx, cy } : { ...WIDESCREEN };
}

// ——— the package with no slides ———

const SLIDE_TYPES = new Set([TYPE.slide]);
const THUMBNAIL = 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail';

/** Takes every slide out of the package (and what only slides used), and gives it a notes master; returns the notes master's part. */
async function emptyPackage(pkg: Package, themePart: string | undefined, size: { cx: number; cy: number }): Promise<string> {
  const { zip } = pkg;
  const parts = () => Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const removed = new Set<string>();
  const remove = (part: string) => {
    if (!pkg.has(part)) return;
    zip.remove(part);
    removed.add(part);
    const rels = relsPartOf(part);
    if (pkg.has(rels)) zip.remove(rels);
  };
  // The slides, by relationship and by folder; and the package's preview picture, which shows the
  // template's first slide (the writer's file would show it in a file browser).
  for (const rel of await pkg.rels('ppt/presentation.xml')) if (SLIDE_TYPES.has(rel.type) && rel.target) remove(rel.target);
  for (const rel of await pkg.rels('')) if (rel.type === THUMBNAIL && rel.target) remove(rel.target);
  // A macro-enabled template's (.potm, .pptm) macros: a .pptx holds none (PowerPoint refuses one
  // that does), and briefdeck's file runs no code of a template.
  for (const rel of await pkg.rels('ppt/presentation.xml')) if (/\/vbaProject$/.test(rel.type) && rel.target) remove(rel.target);
  for (const part of parts()) if (/^ppt\/slides\/[^/]+\.xml$/.test(part)) remove(part);
  // What is no longer reachable from the package's root relationships (notes pages, comments,
  // pictures and charts of the slides) goes too.
  const reachable = new Set<string>();
  const queue = (await pkg.rels('')).map((r) => r.target).filter((t): t is string => !!t);
  while (queue.length) {
    const part = queue.pop()!;
    if (reachable.has(part) || !pkg.has(part)) continue;
    reachable.add(part);
    for (const r of await pkg.rels(part)) if (r.target) queue.push(r.target);
  }
  for (const part of parts()) {
    if (part === '[Content_Types].xml' || part.endsWith('.rels')) continue;
    if (!reachable.has(part)) remove(part);
  }
  for (const part of parts()) {
    if (!part.endsWith('.rels')) continue;
    const source = part === '_rels/.rels' ? '' : path.posix.join(path.posix.dirname(path.posix.dirname(part)), path.posix.basename(part, '.rels'));
    if (source !== '' && !pkg.has(source)) zip.remove(part);
  }
  // Relationships that named a removed part.
  for (const part of parts()) {
    if (!part.endsWith('.rels')) continue;
    const source = part === '_rels/.rels' ? '' : path.posix.join(path.posix.dirname(path.posix.dirname(part)), path.posix.basename(part, '.rels'));
    const doc = parseXml((await pkg.text(part))!, part, pkg.file);
    let changed = false;
    for (const r of descendants(doc, NS.rels, 'Relationship')) {
      if (r.getAttribute('TargetMode') === 'External') continue;
      const target = resolveTarget(source, r.getAttribute('Target') ?? '');
      if (removed.has(target) || !pkg.has(target)) {
        r.parentNode?.removeChild(r);
        changed = true;
      }
    }
    if (changed) zip.file(part, serialize(doc), { createFolders: false });
  }
  // A master's list of layouts keeps only layouts that are there.
  for (const part of parts()) {
    if (!/^ppt\/slideMasters\/[^/]+\.xml$/.test(part)) continue;
    const ids = new Set((await pkg.rels(part)).filter((r) => r.target && pkg.has(r.target)).map((r) => r.id));
    const doc = parseXml((await pkg.text(part))!, part, pkg.file);
    const gone = children(child(doc.documentElement, NS.p, 'sldLayoutIdLst'), NS.p, 'sldLayoutId').filter((l) => !ids.has(l.getAttributeNS(NS.r, 'id') ?? ''));
    for (const l of gone) l.parentNode?.removeChild(l);
    if (gone.length) zip.file(part, serialize(doc), { createFolders: false });
  }
  // presentation.xml: no slides, no sections or custom shows naming them.
  const presDoc = parseXml((await pkg.text('ppt/presentation.xml'))!, 'ppt/presentation.xml', pkg.file);
  const pres = presDoc.documentElement;
  let sldIdLst = child(pres, NS.p, 'sldIdLst');
  if (sldIdLst) for (const c of children(sldIdLst)) sldIdLst.removeChild(c);
  else {
    sldIdLst = presDoc.createElementNS(NS.p, 'p:sldIdLst');
    const after = child(pres, NS.p, 'handoutMasterIdLst') ?? child(pres, NS.p, 'notesMasterIdLst') ?? child(pres, NS.p, 'sldMasterIdLst');
    pres.insertBefore(sldIdLst, after ? after.nextSibling : pres.firstChild);
  }
  // The slide size read (the template's, or 16:9 where its own is none a slide can have).
  let sldSz = child(pres, NS.p, 'sldSz');
  if (!sldSz) {
    sldSz = presDoc.createElementNS(NS.p, 'p:sldSz');
    pres.insertBefore(sldSz, sldIdLst.nextSibling);
  }
  if (num(sldSz, 'cx') !== size.cx || num(sldSz, 'cy') !== size.cy) {
    sldSz.setAttribute('cx', String(size.cx));
    sldSz.setAttribute('cy', String(size.cy));
    sldSz.removeAttribute('type');
  }
  for (const el of [...children(pres, NS.p, 'custShowLst'), ...descendants(pres, NS.p14, 'sectionLst')]) {
    const ext = el.parentNode as Element | null;
    el.parentNode?.removeChild(el);
    if (ext && ext.localName === 'ext' && children(ext).length === 0) ext.parentNode?.removeChild(ext);
  }
  // viewProps' outline view lists slides by relationship.
  if (pkg.has('ppt/viewProps.xml')) {
    const view = parseXml((await pkg.text('ppt/viewProps.xml'))!, 'ppt/viewProps.xml', pkg.file);
    const lists = descendants(view, NS.p, 'sldLst');
    for (const l of lists) l.parentNode?.removeChild(l);
    if (lists.length) zip.file('ppt/viewProps.xml', serialize(view), { createFolders: false });
  }
  // The notes master: the template's, else a minimal one of ours.
  const presRels = parseXml((await pkg.text('ppt/_rels/presentation.xml.rels'))!, 'ppt/_rels/presentation.xml.rels', pkg.file);
  const relTarget = (id: string | null) => {
    const r = descendants(presRels, NS.rels, 'Relationship').find((x) => x.getAttribute('Id') === id);
    return r ? resolveTarget('ppt/presentation.xml', r.getAttribute('Target') ?? '') : undefined;
  };
  for (const m of children(child(pres, NS.p, 'sldMasterIdLst'), NS.p, 'sldMasterId')) {
    const target = relTarget(m.getAttributeNS(NS.r, 'id'));
    if (!target || !pkg.has(target)) m.parentNode?.removeChild(m);
  }
  const existing = children(child(pres, NS.p, 'notesMasterIdLst'), NS.p, 'notesMasterId')
    .map((n) => relTarget(n.getAttributeNS(NS.r, 'id')))
    .find((t) => t && pkg.has(t));
  const contentTypes = parseXml((await pkg.text('[Content_Types].xml')) ?? '', '[Content_Types].xml', pkg.file);
  const types = contentTypes.documentElement;
  let notesMaster = existing;
  if (!notesMaster) {
    for (const l of children(pres, NS.p, 'notesMasterIdLst')) pres.removeChild(l);
    let n = 1;
    while (pkg.has(`ppt/notesMasters/notesMaster${n}.xml`)) n++;
    notesMaster = `ppt/notesMasters/notesMaster${n}.xml`;
    let t = 1;
    while (pkg.has(`ppt/theme/theme${t}.xml`)) t++;
    const notesTheme = `ppt/theme/theme${t}.xml`;
    zip.file(notesTheme, themePart && pkg.has(themePart) ? (await pkg.text(themePart))! : FALLBACK_THEME, { createFolders: false });
    zip.file(notesMaster, notesMasterXml(size), { createFolders: false });
    zip.file(relsPartOf(notesMaster), relsXml([{ id: 'rId1', type: TYPE.theme, target: `../theme/theme${t}.xml` }]), { createFolders: false });
    const ids = new Set(descendants(presRels, NS.rels, 'Relationship').map((r) => r.getAttribute('Id')));
    let rid = 1;
    while (ids.has(`rId${rid}`)) rid++;
    const rel = presRels.createElementNS(NS.rels, 'Relationship');
    rel.setAttribute('Id', `rId${rid}`);
    rel.setAttribute('Type', TYPE.notesMaster);
    rel.setAttribute('Target', `notesMasters/notesMaster${n}.xml`);
    presRels.documentElement.appendChild(rel);
    const list = presDoc.createElementNS(NS.p, 'p:notesMasterIdLst');
    const id = presDoc.createElementNS(NS.p, 'p:notesMasterId');
    id.setAttributeNS(NS.r, 'r:id', `rId${rid}`);
    list.appendChild(id);
    const masterList = child(pres, NS.p, 'sldMasterIdLst');
    pres.insertBefore(list, masterList ? masterList.nextSibling : pres.firstChild);
    addOverride(contentTypes, `/${notesMaster}`, CONTENT.notesMaster);
    addOverride(contentTypes, `/${notesTheme}`, CONTENT.theme);
    zip.file('ppt/_rels/presentation.xml.rels', serialize(presRels), { createFolders: false });
  }
  zip.file('ppt/presentation.xml', serialize(presDoc), { createFolders: false });
  // [Content_Types].xml: no overrides for removed parts; the main part a presentation's.
  for (const o of descendants(contentTypes, NS.ct, 'Override')) {
    const part = (o.getAttribute('PartName') ?? '').replace(/^\//, '');
    if (!pkg.has(part)) o.parentNode?.removeChild(o);
    else if (part === 'ppt/presentation.xml') o.setAttribute('ContentType', CONTENT.presentation);
  }
  if (!descendants(contentTypes, NS.ct, 'Override').some((o) => o.getAttribute('PartName') === '/ppt/presentation.xml')) addOverride(contentTypes, '/ppt/presentation.xml', CONTENT.presentation);
  if (!children(types, NS.ct, 'Default').some((d) => d.getAttribute('Extension')?.toLowerCase() === 'rels')) {
    const d = contentTypes.createElementNS(NS.ct, 'Default');
    d.setAttribute('Extension', 'rels');
    d.setAttribute('ContentType', 'application/vnd.openxmlformats-package.relationships+xml');
    types.insertBefore(d, types.firstChild);
  }
  zip.file('[Content_Types].xml', serialize(contentTypes), { createFolders: false });
  return notesMaster;
}

function addOverride(doc: Document, partName: string, contentType: string): void {
  const o = doc.createElementNS(NS.ct, 'Override');
  o.setAttribute('PartName', partName);
  o.setAttribute('ContentType', contentType);
  doc.documentElement.appendChild(o);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function relsXml(rels: Array<{ id: string; type: string; target: string }>): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rels}">${rels.map((r) => `<Relationship Id="${escapeXml(r.id)}" Type="${escapeXml(r.type)}" Target="${escapeXml(r.target)}"/>`).join('')}</Relationships>`;
}

/** A notes master with the notes page's slide image, notes body and page number (portrait A4-ish, as PowerPoint's). */
function notesMasterXml(slide: { cx: number; cy: number }): string {
  const page = { cx: 6858000, cy: 9144000 };
  const imgW = Math.round(page.cx * 0.8);
  const imgH = Math.round((imgW * slide.cy) / slide.cx);
  const sp = (id: number, name: string, ph: string, box: EmuBox, body = '<a:p><a:endParaRPr lang="en-US"/></a:p>') =>
    `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>${ph}</p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="${box.x}" y="${box.y}"/><a:ext cx="${box.cx}" cy="${box.cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>${body}</p:txBody></p:sp>`;
  const imgBox = { x: Math.round((page.cx - imgW) / 2), y: 685800, cx: imgW, cy: imgH };
  const bodyY = imgBox.y + imgH + 457200;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:notesMaster xmlns:a="${NS.a}" xmlns:r="${NS.r}" xmlns:p="${NS.p}"><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>${[
    `<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="${imgBox.x}" y="${imgBox.y}"/><a:ext cx="${imgBox.cx}" cy="${imgBox.cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln w="12700"><a:solidFill><a:prstClr val="black"/></a:solidFill></a:ln></p:spPr></p:sp>`,
    sp(3, 'Notes Placeholder 2', '<p:ph type="body" sz="quarter" idx="3"/>', { x: 685800, y: bodyY, cx: page.cx - 1371600, cy: page.cy - bodyY - 914400 }),
    sp(4, 'Slide Number Placeholder 3', '<p:ph type="sldNum" sz="quarter" idx="5"/>', { x: page.cx - 3429000, y: page.cy - 685800, cx: 2971800, cy: 457200 }, '<a:p><a:pPr algn="r"/><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr lang="en-US"/><a:t>‹#›</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p>'),
  ].join('')}</p:spTree></p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:notesStyle><a:lvl1pPr marL="0" algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" hangingPunct="1"><a:defRPr sz="1200" kern="1200"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl1pPr></p:notesStyle></p:notesMaster>`;
}

/** A theme part for a package whose master names none (Office's colours and fonts). */
const FALLBACK_THEME = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="${NS.a}" name="Office Theme"><a:themeElements><a:clrScheme name="Office">${COLOR_NAMES.map((n) => `<a:${n}><a:srgbClr val="${OFFICE_DEFAULTS[n].toUpperCase()}"/></a:${n}>`).join('')}</a:clrScheme><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>`;

// ——— choosing a layout ———

const ROLE_TYPES: Record<LayoutRole, string[]> = {
  title: ['title'],
  section: ['secHead'],
  content: ['obj', 'tx'],
  // twoColTx: Google Slides' "Title and two columns".
  two: ['twoObj', 'twoTxTwoObj', 'twoColTx'],
  titleOnly: ['titleOnly'],
  closing: [],
};

/** Common layout names, English (PowerPoint's, LibreOffice's, Google Slides' as TITLE_AND_BODY) and PowerPoint ja's. */
const ROLE_NAMES: Record<LayoutRole, RegExp> = {
  title: /^(title slide|title|cover|cover slide|タイトル スライド|タイトルスライド|表紙)$/i,
  section: /^(section header|section heading|section title|section|セクション見出し|セクション ヘッダー)$/i,
  content: /^(title and content|title, content|title and text|title and body|content|タイトルとコンテンツ|タイトルとテキスト)$/i,
  two: /^(two content|two contents|title and two content|title and two columns|title, 2 content|2 つのコンテンツ|2つのコンテンツ)$/i,
  titleOnly: /^(title only|タイトルのみ)$/i,
  // Whole words: "Agenda", "Legend" and "Appendix" hold "end" and are no closing slide.
  closing: /(^|[^a-z])(closing|end|thanks?|thank you)([^a-z]|$)|クロージング|終了|終わり|おわり|エンド|ご清聴/i,
};

const isTitle = (p: TemplatePlaceholder) => p.type === 'title' || p.type === 'ctrTitle';
const isBody = (p: TemplatePlaceholder) => p.type === 'body' || p.type === 'obj';
const isFurniture = (p: TemplatePlaceholder) => p.type === 'dt' || p.type === 'ftr' || p.type === 'sldNum' || p.type === 'hdr';

const area = (p: TemplatePlaceholder) => p.box.cx * p.box.cy;
/** The room a layout gives its body text: its largest body's area. */
const bodyRoom = (l: TemplateLayout) => Math.max(0, ...l.placeholders.filter(isBody).map(area));

function shapeOf(l: TemplateLayout) {
  const main = l.placeholders.filter((p) => !isFurniture(p));
  return { titles: main.filter(isTitle).length, bodies: main.filter(isBody).length, ctr: main.some((p) => p.type === 'ctrTitle'), sub: main.some((p) => p.type === 'subTitle'), others: main.filter((p) => !isTitle(p) && !isBody(p)).length };
}

/** Of the layouts that fit, the one with the most room for text (a cover's short subtitle box is not a content layout's body). */
function roomiest(layouts: TemplateLayout[]): TemplateLayout | undefined {
  return layouts.reduce<TemplateLayout | undefined>((best, l) => (!best || bodyRoom(l) > bodyRoom(best) ? l : best), undefined);
}

const words = (name: string) => name.trim().replace(/[_\s]+/g, ' ');
/** A name that says a layout is for text: Content, Title and Content, Body, Text, コンテンツ, 本文… */
const TEXT_NAME = /(^|[^a-z])(contents?|body|text|bullets?)([^a-z]|$)|コンテンツ|テキスト|本文|箇条書き/i;
/** A name that says a layout is for a slide of its own kind: a cover, title, closing, section or agenda slide. */
const OWN_KIND_NAME = /(^|[^a-z])(cover|title slide|closing|end|thanks?|thank you|section( header| heading| title)?|agenda|divider)([^a-z]|$)|^title$|表紙|タイトル ?スライド|セクション|クロージング|アジェンダ|目次|ご清聴/i;

/**
 * A text slide's layout among those that fit by placeholders (layouts without a type, as
 * pptxgenjs and Google Slides write them): one named for text first, then any not named for a
 * cover, title, closing, section or agenda slide, the roomiest of them; a cover only when nothing
 * else fits (its subtitle box may be larger than the content layout's body).
 */
function forText(layouts: TemplateLayout[]): TemplateLayout | undefined {
  const named = layouts.filter((l) => TEXT_NAME.test(words(l.name)) && !OWN_KIND_NAME.test(words(l.name)));
  const plain = layouts.filter((l) => !OWN_KIND_NAME.test(words(l.name)));
  return roomiest(named) ?? roomiest(plain) ?? roomiest(layouts);
}

function byPlaceholders(layouts: TemplateLayout[], role: LayoutRole): TemplateLayout | undefined {
  const fits: Record<LayoutRole, (s: ReturnType<typeof shapeOf>) => boolean> = {
    title: (s) => s.ctr || (s.titles === 1 && s.sub),
    section: () => false,
    content: (s) => s.titles === 1 && s.bodies === 1 && s.others === 0,
    two: (s) => s.titles === 1 && s.bodies === 2 && s.others === 0,
    titleOnly: (s) => s.titles === 1 && s.bodies === 0 && s.others === 0,
    closing: () => false,
  };
  const fitting = layouts.filter((l) => fits[role](shapeOf(l)));
  return role === 'content' || role === 'two' ? forText(fitting) : fitting[0];
}

/** The template's layout for a role of slide: the override by name, else by type, by placeholders, by common name, else the closest. */
export function layoutFor(template: Template, role: LayoutRole, overrides?: Partial<Record<LayoutRole, string>>): TemplateLayout {
  const { layouts } = template;
  const wanted = overrides?.[role];
  if (wanted !== undefined) {
    const found = layouts.find((l) => l.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (found) return found;
    const where = template.file ? `${template.file} has` : 'the template has';
    throw new BriefdeckError(`no layout named "${wanted}" for ${role} slides: ${where} ${layouts.map((l) => `"${l.name}"`).join(', ')}`, [], 1, 'name one of those layouts (the names PowerPoint shows under Home › Layout)');
  }
  const byType = ROLE_TYPES[role].map((t) => layouts.find((l) => l.type === t)).find(Boolean);
  if (byType) return byType;
  if (role === 'closing') return layouts.find((l) => ROLE_NAMES.closing.test(l.name)) ?? layoutFor(template, 'title');
  return (
    byPlaceholders(layouts, role) ??
    layouts.find((l) => ROLE_NAMES[role].test(words(l.name))) ??
    forText(layouts.filter((l) => l.placeholders.some(isTitle) && l.placeholders.some(isBody))) ??
    layouts.find((l) => l.placeholders.some(isTitle)) ??
    layouts[0]!
  );
}

/** What a template gives the HTML deck when deck.yaml's brand does not say: its accent and its body font. */
export interface TemplateLook {
  /** accent1, #rrggbb. */
  accent: string;
  /** The body (minor) font, Latin then East Asian, as a CSS font-family list; absent when the theme names none. */
  fontFamily?: string;
}

export function templateLook(template: Template): TemplateLook {
  const { minor } = template.theme.fonts;
  const faces = [...new Set([minor.latin, minor.ea].map((f) => f.trim()).filter((f) => f !== '' && !f.startsWith('+')))];
  const quote = (f: string) => `"${f.replace(/["\\]/g, '')}"`;
  return { accent: template.theme.colors.accent1, ...(faces.length ? { fontFamily: [...faces.map(quote), 'sans-serif'].join(', ') } : {}) };
}
