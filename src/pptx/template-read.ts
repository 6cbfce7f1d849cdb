// An organisation's PowerPoint template (.pptx or .potx, from PowerPoint, LibreOffice, pptxgenjs,
// Google Slides…) read as the package of XML parts it is: its layouts in presentation order with
// their placeholders and boxes (inherited from the master where the layout gives none), the first
// master's theme colours and fonts, the slide size, and the package with every slide taken out,
// for src/pptx/write.ts to add the deck's slides to (after Pandoc's --reference-doc).
import JSZip from 'jszip';
import type { EmuBox, PlaceholderType, Template, TemplateLayout, TemplatePlaceholder, TemplateTheme, ThemeColorName } from './template-types.ts';
import { at, child, children, COLOR_NAMES, descendants, NS, num, OFFICE_DEFAULTS, Package, SAVE_AS, TemplateBrokenError, TYPE, type Rel } from './template-package.ts';
import { emptyPackage } from './template-empty.ts';

export { TemplateBrokenError } from './template-package.ts';
export { relsXml } from './template-empty.ts';
export { layoutFor, templateLook, type TemplateLook } from './template-choose.ts';

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

const SYSTEM_COLORS: Record<string, string> = { windowText: '000000', window: 'ffffff' };

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
