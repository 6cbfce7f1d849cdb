// A template's package with every slide taken out (and what only slides used: their notes, the
// preview picture, sections and custom shows naming them), given a notes master: what the writer
// adds the deck's slides to.
import path from 'node:path';
import type { EmuBox } from './template-types.ts';
import { child, children, COLOR_NAMES, CONTENT, descendants, NS, num, OFFICE_DEFAULTS, parseXml, relsPartOf, resolveTarget, serialize, TYPE, type Package } from './template-package.ts';

const SLIDE_TYPES = new Set([TYPE.slide]);
const THUMBNAIL = 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail';

/** Takes every slide out of the package (and what only slides used), and gives it a notes master; returns the notes master's part. */
export async function emptyPackage(pkg: Package, themePart: string | undefined, size: { cx: number; cy: number }): Promise<string> {
  const removed = await removeSlides(pkg);
  await dropRelationships(pkg, removed);
  await dropMissingLayouts(pkg);
  const presDoc = parseXml((await pkg.text('ppt/presentation.xml'))!, 'ppt/presentation.xml', pkg.file);
  emptyPresentation(presDoc, size);
  await dropOutlineSlides(pkg);
  const contentTypes = parseXml((await pkg.text('[Content_Types].xml')) ?? '', '[Content_Types].xml', pkg.file);
  const notesMaster = await withNotesMaster(pkg, presDoc, contentTypes, themePart, size);
  pkg.zip.file('ppt/presentation.xml', serialize(presDoc), { createFolders: false });
  fixContentTypes(pkg, contentTypes);
  return notesMaster;
}

const partsOf = (pkg: Package) => Object.keys(pkg.zip.files).filter((n) => !pkg.zip.files[n]!.dir);
/** The part a .rels part is of ('' for the package's own). */
const relsSource = (part: string) => (part === '_rels/.rels' ? '' : path.posix.join(path.posix.dirname(path.posix.dirname(part)), path.posix.basename(part, '.rels')));

/** Removes the slides, the preview picture, macros and every part no longer reachable; returns the parts removed. */
async function removeSlides(pkg: Package): Promise<Set<string>> {
  const { zip } = pkg;
  const parts = () => partsOf(pkg);
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
    const source = relsSource(part);
    if (source !== '' && !pkg.has(source)) zip.remove(part);
  }
  return removed;
}

/** Relationships that named a removed part go. */
async function dropRelationships(pkg: Package, removed: Set<string>): Promise<void> {
  for (const part of partsOf(pkg)) {
    if (!part.endsWith('.rels')) continue;
    const source = relsSource(part);
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
    if (changed) pkg.zip.file(part, serialize(doc), { createFolders: false });
  }
}

/** A master's list of layouts keeps only layouts that are there. */
async function dropMissingLayouts(pkg: Package): Promise<void> {
  for (const part of partsOf(pkg)) {
    if (!/^ppt\/slideMasters\/[^/]+\.xml$/.test(part)) continue;
    const ids = new Set((await pkg.rels(part)).filter((r) => r.target && pkg.has(r.target)).map((r) => r.id));
    const doc = parseXml((await pkg.text(part))!, part, pkg.file);
    const gone = children(child(doc.documentElement, NS.p, 'sldLayoutIdLst'), NS.p, 'sldLayoutId').filter((l) => !ids.has(l.getAttributeNS(NS.r, 'id') ?? ''));
    for (const l of gone) l.parentNode?.removeChild(l);
    if (gone.length) pkg.zip.file(part, serialize(doc), { createFolders: false });
  }
}

/** presentation.xml: no slides, no sections or custom shows naming them; the slide size read (the template's, or 16:9 where its own is none a slide can have). */
function emptyPresentation(presDoc: Document, size: { cx: number; cy: number }): void {
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
}

/** viewProps' outline view lists slides by relationship: those lists go. */
async function dropOutlineSlides(pkg: Package): Promise<void> {
  if (pkg.has('ppt/viewProps.xml')) {
    const view = parseXml((await pkg.text('ppt/viewProps.xml'))!, 'ppt/viewProps.xml', pkg.file);
    const lists = descendants(view, NS.p, 'sldLst');
    for (const l of lists) l.parentNode?.removeChild(l);
    if (lists.length) pkg.zip.file('ppt/viewProps.xml', serialize(view), { createFolders: false });
  }
}

/** The notes master: the template's, else a minimal one of ours (with its theme, relationship and content types); masters whose part is missing leave the list. */
async function withNotesMaster(pkg: Package, presDoc: Document, contentTypes: Document, themePart: string | undefined, size: { cx: number; cy: number }): Promise<string> {
  const { zip } = pkg;
  const pres = presDoc.documentElement;
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
  return notesMaster;
}

/** [Content_Types].xml: no overrides for removed parts; the main part a presentation's; .rels parts typed. */
function fixContentTypes(pkg: Package, contentTypes: Document): void {
  const types = contentTypes.documentElement;
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
  pkg.zip.file('[Content_Types].xml', serialize(contentTypes), { createFolders: false });
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
