// The presentation model → a .pptx file (after Pandoc's Writers/Powerpoint/Output.hs): each
// slide written as PresentationML into a template's package (src/pptx/template-types.ts) — the
// deck's own or an organisation's — in the layout the model chose, its text in the layout's
// placeholders, colours and typefaces from the template's theme (schemeClr, +mj-/+mn-), a
// diagram one group with its alternative text and connectors attached to its boxes, each picture
// stored once, the notes in each notes page's placeholder, `lang` on every run.
import { BriefdeckError } from '../core/errors.ts';
import { escapeHtml } from '../core/files.ts';
import { describeChar, FORBIDDEN_CHAR_HINT, forbiddenXmlChar, VERTICAL_TAB } from '../core/xml-chars.ts';
import type { Box, Paragraph, Presentation, PptxSlide, Run, Shape } from './model.ts';
import type { Template } from './template-types.ts';
import { zipBytes } from './zip.ts';

const EMU = 914400;
const emu = (inches: number) => Math.round(inches * EMU);
const esc = (text: string) => escapeHtml(text);

const NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CT = {
  slide: 'application/vnd.openxmlformats-officedocument.presentationml.slide+xml',
  notes: 'application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml',
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
};
/** PowerPoint's mark of a shape that only decorates (screen readers skip it). */
const DECORATIVE = '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}"><adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/></a:ext></a:extLst>';

/** A colour: `#rrggbb` literal, anything else a colour of the theme (tx1, bg1, accent1, …). */
export function colorXml(color: string): string {
  return color.startsWith('#') ? `<a:srgbClr val="${color.slice(1).toUpperCase()}"/>` : `<a:schemeClr val="${color}"/>`;
}
const fill = (color: string) => `<a:solidFill>${colorXml(color)}</a:solidFill>`;

/** A slide's relationships as they are made: layout, notes, pictures, links. */
class Rels {
  readonly entries: Array<{ id: string; type: string; target: string; external?: boolean }> = [];
  add(type: string, target: string, external = false): string {
    const found = this.entries.find((e) => e.type === type && e.target === target && !!e.external === external);
    if (found) return found.id;
    const id = `rId${this.entries.length + 1}`;
    this.entries.push({ id, type, target, ...(external ? { external } : {}) });
    return id;
  }
  xml(): string {
    return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${this.entries
      .map((e) => `<Relationship Id="${e.id}" Type="${REL}/${e.type}" Target="${esc(e.target)}"${e.external ? ' TargetMode="External"' : ''}/>`)
      .join('')}</Relationships>`;
  }
}

/** What writing one slide needs: its language, relationships, the pictures' parts, the next shape id. */
interface SlideWriting {
  lang: string;
  rels: Rels;
  /** The part (under ppt/media/) of a picture, by its data: URL. */
  media(src: string): string;
  nextId: number;
  /** Shape ids by name, for connectors. */
  ids: Map<string, number>;
}

function runProps(run: Run, p: Paragraph, w: SlideWriting, free: boolean, tag = 'a:rPr'): string {
  const attrs = [`lang="${w.lang}"`, 'altLang="en-US"', `sz="${Math.round(p.size * 100)}"`];
  const bold = run.bold ?? p.bold;
  if (bold !== undefined) attrs.push(`b="${bold ? 1 : 0}"`);
  if (run.italic) attrs.push('i="1"');
  if (run.strike) attrs.push('strike="sngStrike"');
  if (run.superscript) attrs.push('baseline="30000"');
  attrs.push('dirty="0"');
  const color = run.color ?? p.color;
  const parts = [color ? fill(color) : '', free ? '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/>' : ''];
  if (run.link) {
    const link = 'url' in run.link ? `<a:hlinkClick r:id="${w.rels.add('hyperlink', run.link.url, true)}"/>` : `<a:hlinkClick r:id="${w.rels.add('slide', `slide${run.link.slide}.xml`)}" action="ppaction://hlinksldjump"/>`;
    parts.push(link);
  }
  const inner = parts.join('');
  return inner ? `<${tag} ${attrs.join(' ')}>${inner}</${tag}>` : `<${tag} ${attrs.join(' ')}/>`;
}

function paragraphXml(p: Paragraph, w: SlideWriting, free: boolean): string {
  const attrs: string[] = [];
  const children: string[] = [];
  // PowerPoint's single spacing is 1.2 times the type size; never under it (a line closer than that draws its glyphs above its box).
  children.push(p.relative ? `<a:lnSpc><a:spcPct val="${Math.round(Math.max(1, p.lineHeight / 1.2) * 100000)}"/></a:lnSpc>` : `<a:lnSpc><a:spcPts val="${Math.round(p.size * p.lineHeight * 100)}"/></a:lnSpc>`);
  children.push(`<a:spcBef><a:spcPts val="${Math.round((p.spaceBefore ?? 0) * 100)}"/></a:spcBef>`);
  children.push(`<a:spcAft><a:spcPts val="${Math.round((p.spaceAfter ?? 0) * 100)}"/></a:spcAft>`);
  if (p.bullet) {
    const indent = Math.round(p.size * 1.2 * 12700);
    attrs.push(`marL="${indent * (p.bullet.level + 1)}"`, `indent="${-indent}"`);
    if (p.bullet.level) attrs.push(`lvl="${p.bullet.level}"`);
    children.push('<a:buSzPct val="100000"/>', `<a:buChar char="${String.fromCodePoint(Number.parseInt(p.bullet.char, 16))}"/>`);
  } else {
    attrs.push('marL="0"', 'indent="0"');
    children.push('<a:buNone/>');
  }
  if (p.align) attrs.push(`algn="${p.align === 'center' ? 'ctr' : p.align === 'right' ? 'r' : 'l'}"`);
  const runs: string[] = [];
  for (const run of p.runs) {
    run.text.split(/[\n\v]/).forEach((text, k) => {
      if (k > 0) runs.push('<a:br/>');
      if (text === '') return;
      if (run.field === 'slidenum') runs.push(`<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">${runProps(run, p, w, free)}<a:t>${esc(text)}</a:t></a:fld>`);
      else runs.push(`<a:r>${runProps(run, p, w, free)}<a:t>${esc(text)}</a:t></a:r>`);
    });
  }
  const end = runProps({ text: '' }, { ...p, bold: undefined }, { ...w, rels: new Rels() }, free, 'a:endParaRPr').replace(/<a:hlinkClick[^>]*\/>/, '');
  return `<a:p><a:pPr ${attrs.join(' ')}>${children.join('')}</a:pPr>${runs.join('')}${end}</a:p>`;
}

function txBody(shape: Extract<Shape, { type: 'text' }>, w: SlideWriting, free: boolean, tag = 'p:txBody'): string {
  const inset = Math.round((shape.inset ?? 0) * 9525);
  const anchor = shape.valign === 'middle' ? 'ctr' : shape.valign === 'bottom' ? 'b' : 't';
  const fit = shape.autofit ? `<a:normAutofit${shape.autofit < 1 ? ` fontScale="${Math.round(shape.autofit * 100000)}"` : ''}/>` : '<a:noAutofit/>';
  const paragraphs = shape.paragraphs.length ? shape.paragraphs.map((p) => paragraphXml(p, w, free)).join('') : '<a:p/>';
  return `<${tag}><a:bodyPr wrap="square" lIns="${inset}" tIns="${inset}" rIns="${inset}" bIns="${inset}" rtlCol="0" anchor="${anchor}">${fit}</a:bodyPr><a:lstStyle/>${paragraphs}</${tag}>`;
}

const xfrm = (box: Box, tag = 'a:xfrm', flip = '') => `<${tag}${flip}><a:off x="${emu(box.x)}" y="${emu(box.y)}"/><a:ext cx="${emu(box.w)}" cy="${emu(box.h)}"/></${tag}>`;

function cNvPr(w: SlideWriting, name: string, alt?: string, decorative = false): string {
  const id = w.nextId++;
  w.ids.set(name, id);
  const descr = alt ? ` descr="${esc(alt)}"` : '';
  return decorative ? `<p:cNvPr id="${id}" name="${esc(name)}"${descr}>${DECORATIVE}</p:cNvPr>` : `<p:cNvPr id="${id}" name="${esc(name)}"${descr}/>`;
}

/** The bounding box of shapes (connectors by their ends). */
function boundsOf(shapes: Shape[]): Box {
  const boxes = shapes.map((s) => (s.type === 'connector' ? { x: Math.min(s.start.x, s.end.x), y: Math.min(s.start.y, s.end.y), w: Math.abs(s.end.x - s.start.x), h: Math.abs(s.end.y - s.start.y) } : s.type === 'group' ? boundsOf(s.shapes) : s.box));
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, w: Math.max(...boxes.map((b) => b.x + b.w)) - x, h: Math.max(...boxes.map((b) => b.y + b.h)) - y };
}

function shapeXml(shape: Shape, w: SlideWriting): string {
  switch (shape.type) {
    case 'text': {
      const ph = shape.ph;
      const free = !ph;
      const phXml = ph ? `<p:ph${ph.type === 'obj' ? '' : ` type="${ph.type}"`}${ph.idx ? ` idx="${ph.idx}"` : ''}/>` : '';
      const geometry = shape.box ? `${xfrm(shape.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>` : '';
      const look = `${shape.fill ? fill(shape.fill) : ph ? '' : '<a:noFill/>'}${shape.line ? `<a:ln w="19050">${fill(shape.line)}</a:ln>` : ''}`;
      const spPr = geometry || look ? `<p:spPr>${geometry}${look}</p:spPr>` : '<p:spPr/>';
      return `<p:sp><p:nvSpPr>${cNvPr(w, shape.name, shape.alt)}<p:cNvSpPr${ph ? '><a:spLocks noGrp="1"/></p:cNvSpPr>' : ' txBox="1"/>'}<p:nvPr>${phXml}</p:nvPr></p:nvSpPr>${spPr}${txBody(shape, w, free)}</p:sp>`;
    }
    case 'rect':
      return `<p:sp><p:nvSpPr>${cNvPr(w, shape.name, undefined, true)}<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>${xfrm(shape.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>${fill(shape.fill)}<a:ln><a:noFill/></a:ln></p:spPr></p:sp>`;
    case 'image': {
      const rid = w.rels.add('image', `../media/${w.media(shape.data)}`);
      return `<p:pic><p:nvPicPr>${cNvPr(w, shape.name, shape.alt, !shape.alt)}<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="${rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>${xfrm(shape.box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>`;
    }
    case 'table':
      return tableXml(shape, w);
    case 'group': {
      const box = boundsOf(shape.shapes);
      const head = `<p:grpSp><p:nvGrpSpPr>${cNvPr(w, shape.name, shape.alt)}<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="${emu(box.x)}" y="${emu(box.y)}"/><a:ext cx="${emu(box.w)}" cy="${emu(box.h)}"/><a:chOff x="${emu(box.x)}" y="${emu(box.y)}"/><a:chExt cx="${emu(box.w)}" cy="${emu(box.h)}"/></a:xfrm></p:grpSpPr>`;
      // Boxes first (connectors name them), connectors drawn under them.
      const others = shape.shapes.filter((s) => s.type !== 'connector').map((s) => shapeXml(s, w));
      const connectors = shape.shapes.filter((s) => s.type === 'connector').map((s) => shapeXml(s, w));
      return `${head}${connectors.join('')}${others.join('')}</p:grpSp>`;
    }
    case 'connector': {
      const from = w.ids.get(shape.from.shape);
      const to = w.ids.get(shape.to.shape);
      const x = Math.min(shape.start.x, shape.end.x);
      const y = Math.min(shape.start.y, shape.end.y);
      const flip = `${shape.end.x < shape.start.x ? ' flipH="1"' : ''}${shape.end.y < shape.start.y ? ' flipV="1"' : ''}`;
      const ends = `${from ? `<a:stCxn id="${from}" idx="${shape.from.site}"/>` : ''}${to ? `<a:endCxn id="${to}" idx="${shape.to.site}"/>` : ''}`;
      return (
        `<p:cxnSp><p:nvCxnSpPr>${cNvPr(w, shape.name, undefined, true)}<p:cNvCxnSpPr>${ends}</p:cNvCxnSpPr><p:nvPr/></p:nvCxnSpPr>` +
        `<p:spPr>${xfrm({ x, y, w: Math.abs(shape.end.x - shape.start.x), h: Math.abs(shape.end.y - shape.start.y) }, 'a:xfrm', flip)}<a:prstGeom prst="straightConnector1"><a:avLst/></a:prstGeom>` +
        `<a:ln w="${Math.round(shape.width * 12700)}">${fill(shape.color)}<a:tailEnd type="triangle" w="med" len="med"/></a:ln></p:spPr></p:cxnSp>`
      );
    }
  }
}

function tableXml(shape: Extract<Shape, { type: 'table' }>, w: SlideWriting): string {
  const insetX = Math.round(shape.insetX * 9525);
  const insetY = Math.round(shape.insetY * 9525);
  const rowH = emu(shape.box.h / (shape.rows.length + 1));
  // Rule widths in px, as theme.css draws them (a px is 9525 EMU).
  const border = (tag: string, color: string | undefined, px: number) => (color ? `<a:${tag} w="${Math.round(px * 9525)}">${fill(color)}</a:${tag}>` : `<a:${tag} w="0"><a:noFill/></a:${tag}>`);
  const cell = (p: Paragraph, header: boolean) => {
    const body = txBody({ type: 'text', name: '', box: shape.box, paragraphs: [p], valign: 'top' }, w, true, 'a:txBody').replace(/<a:bodyPr[^>]*>[\s\S]*?<\/a:bodyPr>/, '<a:bodyPr/>');
    return `<a:tc>${body}<a:tcPr marL="${insetX}" marR="${insetX}" marT="${insetY}" marB="${insetY}" anchor="t">${border('lnL', undefined, 0)}${border('lnR', undefined, 0)}${border('lnT', undefined, 0)}${header ? border('lnB', shape.rule, shape.ruleWidth) : border('lnB', shape.line, shape.lineWidth)}${header ? fill(shape.headerFill) : '<a:noFill/>'}</a:tcPr></a:tc>`;
  };
  const rows = [`<a:tr h="${rowH}">${shape.header.map((p) => cell(p, true)).join('')}</a:tr>`, ...shape.rows.map((r) => `<a:tr h="${rowH}">${r.map((p) => cell(p, false)).join('')}</a:tr>`)];
  return (
    `<p:graphicFrame><p:nvGraphicFramePr>${cNvPr(w, shape.name, shape.alt)}<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>` +
    `${xfrm(shape.box, 'p:xfrm')}<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1"/>` +
    `<a:tblGrid>${shape.columns.map((c) => `<a:gridCol w="${emu(c)}"/>`).join('')}</a:tblGrid>${rows.join('')}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`
  );
}

function slideXml(slide: PptxSlide, w: SlideWriting): string {
  const bg = slide.background ? `<p:bg><p:bgPr>${fill(slide.background)}<a:effectLst/></p:bgPr></p:bg>` : '';
  const shapes = slide.shapes.map((s) => shapeXml(s, w)).join('');
  return (
    `${XML_HEAD}<p:sld ${NS}><p:cSld>${bg}<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>` +
    `<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>${shapes}</p:spTree></p:cSld>` +
    `<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`
  );
}

/** A notes page: the slide's picture, and the notes a paragraph each in the notes placeholder. */
export function notesXml(notes: string[], lang: string): string {
  const run = (text: string) => `<a:r><a:rPr lang="${lang}" altLang="en-US" dirty="0"/><a:t>${esc(text)}</a:t></a:r>`;
  const paragraphs = notes.length ? notes.map((text) => `<a:p>${text.split(/[\n\v]/).map(run).join('<a:br/>')}</a:p>`).join('') : `<a:p><a:endParaRPr lang="${lang}" dirty="0"/></a:p>`;
  return (
    `${XML_HEAD}<p:notes ${NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>` +
    `<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>` +
    `<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/>` +
    `<p:txBody><a:bodyPr/><a:lstStyle/>${paragraphs}</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>`
  );
}

/** The relative target from a part in ppt/<folder>/ to another part of the package. */
const fromPpt = (part: string) => `../${part.replace(/^ppt\//, '')}`;

function withOverrides(types: string, parts: Array<{ part: string; type: string }>, defaults: Array<{ ext: string; type: string }>): string {
  let xml = types;
  for (const d of defaults) if (!new RegExp(`<Default Extension="${d.ext}"`, 'i').test(xml)) xml = xml.replace('</Types>', `<Default Extension="${d.ext}" ContentType="${d.type}"/></Types>`);
  for (const p of parts) {
    xml = xml.replace(new RegExp(`<Override PartName="/${p.part.replace(/[.[\]]/g, '\\$&')}"[^>]*/>`), '');
    xml = xml.replace('</Types>', `<Override PartName="/${p.part}" ContentType="${p.type}"/></Types>`);
  }
  return xml;
}

/** The slides in presentation.xml and its relationships (the template's own kept). */
function listSlides(presentation: string, rels: string, count: number): { presentation: string; rels: string } {
  const used = new Set([...rels.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]!));
  let n = 1;
  const ids: string[] = [];
  const entries: string[] = [];
  for (let i = 1; i <= count; i++) {
    while (used.has(`rId${n}`)) n++;
    used.add(`rId${n}`);
    ids.push(`<p:sldId id="${255 + i}" r:id="rId${n}"/>`);
    entries.push(`<Relationship Id="rId${n}" Type="${REL}/slide" Target="slides/slide${i}.xml"/>`);
  }
  const list = `<p:sldIdLst>${ids.join('')}</p:sldIdLst>`;
  let xml = presentation.replace(/<p:sldIdLst\s*\/>|<p:sldIdLst>[\s\S]*?<\/p:sldIdLst>/, '');
  // After the masters (and the notes and handout masters), before the slide size.
  const after = /<\/p:handoutMasterIdLst>|<\/p:notesMasterIdLst>|<\/p:sldMasterIdLst>/g;
  let at = -1;
  for (const m of xml.matchAll(after)) at = Math.max(at, m.index! + m[0].length);
  xml = at >= 0 ? `${xml.slice(0, at)}${list}${xml.slice(at)}` : xml.replace(/<p:sldSz\b/, `${list}<p:sldSz`);
  if (!/xmlns:r=/.test(xml.slice(0, xml.indexOf('>', xml.indexOf('<p:presentation'))))) xml = xml.replace('<p:presentation', `<p:presentation xmlns:r="${REL}"`);
  return { presentation: xml, rels: rels.replace('</Relationships>', `${entries.join('')}</Relationships>`) };
}

function coreXml(deck: Presentation): string {
  return (
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${esc(deck.title)}</dc:title>${deck.subject ? `<dc:subject>${esc(deck.subject)}</dc:subject>` : ''}<dc:creator>${esc(deck.authors.join(', '))}</dc:creator><dc:language>${esc(deck.lang)}</dc:language><cp:lastModifiedBy>briefdeck</cp:lastModifiedBy></cp:coreProperties>`
  );
}

function appXml(deck: Presentation): string {
  const notes = deck.slides.filter((s) => s.notes.length).length;
  return `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>briefdeck</Application><Slides>${deck.slides.length}</Slides><Notes>${notes}</Notes><Company>briefdeck</Company></Properties>`;
}

/** The root relationships with the document's properties parts named. */
function withPropertyRels(rels: string): string {
  let xml = rels;
  const add = (type: string, target: string) => {
    if (xml.includes(`/${type}"`) || new RegExp(`Type="[^"]*/${type}"`).test(xml)) return;
    const used = new Set([...xml.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]!));
    let n = 1;
    while (used.has(`rId${n}`)) n++;
    xml = xml.replace('</Relationships>', `<Relationship Id="rId${n}" Type="${type.includes('metadata') ? 'http://schemas.openxmlformats.org/package/2006/relationships' : REL}/${type}" Target="${target}"/></Relationships>`);
  };
  add('metadata/core-properties', 'docProps/core.xml');
  add('extended-properties', 'docProps/app.xml');
  return xml;
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/gif': 'gif', 'image/svg+xml': 'svg' };

/**
 * The model with every vertical tab (PowerPoint's soft line break, come in with the memo's text
 * or deck.yaml's) a line break: a break in a run's text is an <a:br/>, and a vertical tab is a
 * character XML forbids.
 */
function withLineBreaks<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\v') ? value.replaceAll('\v', '\n') : value) as T;
  if (Array.isArray(value)) return value.map(withLineBreaks) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withLineBreaks(v)])) as T;
  return value;
}

/** The .pptx file's bytes: the presentation's slides written into the template's package. */
export async function writePresentation(model: Presentation, template: Template): Promise<Uint8Array> {
  const deck = withLineBreaks(model);
  const zip = template.zip;
  const media = new Map<string, string>();
  const mediaPart = (src: string) => {
    let name = media.get(src);
    if (!name) {
      const type = /^data:([^;,]+)/.exec(src)?.[1] ?? 'image/png';
      name = `briefdeck-picture${media.size + 1}.${EXTENSIONS[type] ?? 'png'}`;
      media.set(src, name);
      // Stored as they are: a PNG or JPEG is compressed already.
      zip.file(`ppt/media/${name}`, Buffer.from(src.slice(src.indexOf(',') + 1), 'base64'), { compression: 'STORE' });
    }
    return name;
  };
  const parts: Array<{ part: string; type: string }> = [];
  deck.slides.forEach((slide, i) => {
    const n = i + 1;
    const rels = new Rels();
    rels.add('slideLayout', fromPpt(slide.layout));
    const w: SlideWriting = { lang: deck.lang, rels, media: mediaPart, nextId: 2, ids: new Map() };
    const xml = slideXml(slide, w);
    rels.add('notesSlide', `../notesSlides/notesSlide${n}.xml`);
    zip.file(`ppt/slides/slide${n}.xml`, xml);
    zip.file(`ppt/slides/_rels/slide${n}.xml.rels`, rels.xml());
    const notesRels = new Rels();
    notesRels.add('notesMaster', fromPpt(template.notesMaster));
    notesRels.add('slide', `../slides/slide${n}.xml`);
    zip.file(`ppt/notesSlides/notesSlide${n}.xml`, notesXml(slide.notes, deck.lang));
    zip.file(`ppt/notesSlides/_rels/notesSlide${n}.xml.rels`, notesRels.xml());
    parts.push({ part: `ppt/slides/slide${n}.xml`, type: CT.slide }, { part: `ppt/notesSlides/notesSlide${n}.xml`, type: CT.notes });
  });
  const presentation = await zip.file('ppt/presentation.xml')!.async('string');
  const presentationRels = (await zip.file('ppt/_rels/presentation.xml.rels')?.async('string')) ?? `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  const listed = listSlides(presentation, presentationRels, deck.slides.length);
  zip.file('ppt/presentation.xml', listed.presentation);
  zip.file('ppt/_rels/presentation.xml.rels', listed.rels);
  zip.file('docProps/core.xml', coreXml(deck));
  zip.file('docProps/app.xml', appXml(deck));
  zip.file('_rels/.rels', withPropertyRels((await zip.file('_rels/.rels')?.async('string')) ?? `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`));
  parts.push({ part: 'docProps/core.xml', type: CT.core }, { part: 'docProps/app.xml', type: CT.app });
  const types = await zip.file('[Content_Types].xml')!.async('string');
  const defaults = [...new Set([...media.values()].map((n) => n.split('.').pop()!))].map((ext) => ({ ext, type: Object.entries(EXTENSIONS).find(([, e]) => e === ext)![0] }));
  zip.file('[Content_Types].xml', withOverrides(types, parts, defaults));
  await checkCharacters(zip);
  return zipBytes(zip);
}

/**
 * Every XML part holds only characters XML 1.0 allows, or no file is made: the memo and deck.yaml
 * are checked where they are read (src/parse/parse.ts, src/config/yaml.ts), and this is the last
 * guard, for text from anywhere else, that no PowerPoint file is written that PowerPoint repairs
 * and LibreOffice refuses.
 */
async function checkCharacters(zip: Template['zip']): Promise<void> {
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir || !/\.(xml|rels)$/.test(name)) continue;
    const xml = await file.async('string');
    const bad = forbiddenXmlChar(xml) ?? (xml.includes(VERTICAL_TAB) ? { char: VERTICAL_TAB, index: xml.indexOf(VERTICAL_TAB) } : undefined);
    if (!bad) continue;
    const around = xml.slice(Math.max(0, bad.index - 40), bad.index).replace(/<[^>]*>?/g, ' ').replace(/^.*\s{2,}/, '').trim();
    throw new BriefdeckError(`the PowerPoint file was not written: its part ${name} would hold the character ${describeChar(bad.char)}${around ? ` (after "${around}")` : ''}, which XML forbids`, [], 1, FORBIDDEN_CHAR_HINT);
  }
}
