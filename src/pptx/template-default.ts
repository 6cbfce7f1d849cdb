// briefdeck's own PowerPoint template, made from the deck's theme tokens (templates/theme.json via
// src/model/theme.ts) so that the PowerPoint file looks like the HTML deck: one master (title,
// body, date, footer, slide number) and the layouts Title, Section, Title and Content, Two Content,
// Title Only and Closing, laid out after templates/theme.css; its colour scheme and fonts are the
// deck's, and every text style names theme colours and fonts, never literal ones, so another
// ppt/theme/theme1.xml restyles the slides. Written as OOXML, zipped, then read as any template.
import JSZip from 'jszip';
import { contrastRatio, furnitureBoxes, headFoot, luminance, type Theme } from '../model/theme.ts';
import { readTemplate, relsXml } from './template-read.ts';
import type { EmuBox, Template, ThemeColorName } from './template-types.ts';
import { zipBytes } from './zip.ts';

const NS = {
  p: 'http://schemas.openxmlformats.org/presentationml/2006/main',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
};
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
const CT = 'application/vnd.openxmlformats-officedocument.';

/** EMU per CSS pixel: 914400 per inch, 96 px per inch. */
const EMU_PER_PX = 914400 / 96;
const emu = (px: number) => Math.round(px * EMU_PER_PX);
/** OOXML type size (hundredths of a point) of a size in px. */
const sz = (px: number) => Math.round(px * 0.75 * 100);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const hex = (color: string) => color.replace(/^#/, '').toUpperCase();

/** The first family of a CSS font-family list, unquoted. */
const firstFamily = (family: string) => family.split(',')[0]!.trim().replace(/^["']|["']$/g, '');

/** A box in px → EMU. */
const box = (x: number, y: number, w: number, h: number): EmuBox => ({ x: emu(x), y: emu(y), cx: emu(w), cy: emu(h) });

interface Ph {
  id: number;
  name: string;
  type: string;
  idx?: number;
  box?: EmuBox;
  /** Its first level's look where it differs from the master's styles. */
  style?: { sizePx?: number; bold?: boolean; noBullet?: boolean; align?: 'r'; color?: string; fonts?: 'mj' | 'mn' };
  /** Text shown in PowerPoint's master view. */
  prompt?: string;
  anchor?: 't' | 'ctr' | 'b';
  field?: 'slidenum' | 'datetime';
}

function placeholder(ph: Ph): string {
  const attrs = `${ph.type === 'obj' ? '' : ` type="${ph.type}"`}${ph.idx ? ` idx="${ph.idx}"` : ''}`;
  const xfrm = ph.box ? `<a:xfrm><a:off x="${ph.box.x}" y="${ph.box.y}"/><a:ext cx="${ph.box.cx}" cy="${ph.box.cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>` : '';
  const text = ph.field
    ? `<a:p><a:fld id="{${ph.field === 'slidenum' ? 'B6F15528-21DE-4FAA-801E-634DDDAF4B2B' : 'C9A6B5E4-1F3D-4C2B-9A7E-2D5F8E6B3A10'}}" type="${ph.field === 'slidenum' ? 'slidenum' : 'datetime1'}"><a:rPr lang="en-US"/><a:t>${ph.field === 'slidenum' ? '‹#›' : ''}</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p>`
    : `<a:p><a:r><a:rPr lang="en-US"/><a:t>${esc(ph.prompt ?? '')}</a:t></a:r></a:p>`;
  // No insets: the text starts where the deck's does (the slide's padding), not 0.1 in inside it.
  const bodyPr = `<a:bodyPr lIns="0" tIns="0" rIns="0" bIns="0"${ph.anchor ? ` anchor="${ph.anchor}"` : ''}><a:normAutofit/></a:bodyPr>`;
  return `<p:sp><p:nvSpPr><p:cNvPr id="${ph.id}" name="${esc(ph.name)}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph${attrs}/></p:nvPr></p:nvSpPr><p:spPr>${xfrm}</p:spPr><p:txBody>${bodyPr}<a:lstStyle>${levelOne(ph.style)}</a:lstStyle>${text}</p:txBody></p:sp>`;
}

function levelOne(style: Ph['style']): string {
  if (!style) return '';
  const { sizePx, bold, noBullet, align, color, fonts } = style;
  const faces = fonts ? `<a:latin typeface="+${fonts}-lt"/><a:ea typeface="+${fonts}-ea"/><a:cs typeface="+${fonts}-cs"/>` : '';
  const rPr = `<a:defRPr${sizePx ? ` sz="${sz(sizePx)}"` : ''}${bold === undefined ? '' : ` b="${bold ? 1 : 0}"`}>${color ? `<a:solidFill><a:schemeClr val="${color}"/></a:solidFill>` : ''}${faces}</a:defRPr>`;
  return `<a:lvl1pPr${noBullet ? ' marL="0" indent="0"' : ''}${align ? ` algn="${align}"` : ''}>${noBullet ? '<a:buNone/>' : ''}${rPr}</a:lvl1pPr>`;
}

const spTree = (shapes: string[]) =>
  `<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>${shapes.join('')}</p:spTree>`;

/** A run's look in a style: theme colour and theme fonts (heading or body). */
const defRPr = (sizePx: number, color: string, fonts: 'mj' | 'mn', bold = false) =>
  `<a:defRPr sz="${sz(sizePx)}"${bold ? ' b="1"' : ' b="0"'} kern="1200"><a:solidFill><a:schemeClr val="${color}"/></a:solidFill><a:latin typeface="+${fonts}-lt"/><a:ea typeface="+${fonts}-ea"/><a:cs typeface="+${fonts}-cs"/></a:defRPr>`;

/** The slots of the colour scheme and how the master maps them (dk1 stays the darker of each pair). */
function colorScheme(theme: Theme): { scheme: Record<ThemeColorName, string>; clrMap: string } {
  const c = theme.color;
  const darkFirst = (bg: string, tx: string) => luminance(bg) <= luminance(tx);
  // bg1/tx1: background and text; bg2/tx2: accentSoft and muted.
  const one = darkFirst(c.background, c.text);
  const two = darkFirst(c.accentSoft, c.muted);
  const scheme: Record<ThemeColorName, string> = {
    dk1: one ? c.background : c.text,
    lt1: one ? c.text : c.background,
    dk2: two ? c.accentSoft : c.muted,
    lt2: two ? c.muted : c.accentSoft,
    accent1: c.accent,
    accent2: c.line,
    accent3: c.highlight,
    accent4: c.muted,
    accent5: c.accentSoft,
    accent6: c.text,
    hlink: c.accent,
    folHlink: c.muted,
  };
  const clrMap = `bg1="${one ? 'dk1' : 'lt1'}" tx1="${one ? 'lt1' : 'dk1'}" bg2="${two ? 'dk2' : 'lt2'}" tx2="${two ? 'lt2' : 'dk2'}" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"`;
  return { scheme, clrMap };
}

function themeXml(theme: Theme): string {
  const { scheme } = colorScheme(theme);
  const face = esc(firstFamily(theme.font.family));
  const font = (which: 'majorFont' | 'minorFont') => `<a:${which}><a:latin typeface="${face}"/><a:ea typeface="${face}"/><a:cs typeface=""/></a:${which}>`;
  const solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="${NS.a}" name="briefdeck"><a:themeElements><a:clrScheme name="briefdeck">${(Object.keys(scheme) as ThemeColorName[]).map((n) => `<a:${n}><a:srgbClr val="${hex(scheme[n])}"/></a:${n}>`).join('')}</a:clrScheme><a:fontScheme name="briefdeck">${font('majorFont')}${font('minorFont')}</a:fontScheme><a:fmtScheme name="briefdeck"><a:fillStyleLst>${solid.repeat(3)}</a:fillStyleLst><a:lnStyleLst><a:ln w="9525">${solid}</a:ln><a:ln w="19050">${solid}</a:ln><a:ln w="28575">${solid}</a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>${solid.repeat(3)}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>`;
}

interface Geometry {
  x: number;
  width: number;
  title: EmuBox;
  body: EmuBox;
  /** Top of the body in px, and its height. */
  bodyTop: number;
  bodyHeight: number;
  ftr: EmuBox;
  dt: EmuBox;
  sldNum: EmuBox;
}

/** Where the master puts things, after templates/theme.css: the frame's padding, two title lines, the footer band. */
function geometry(theme: Theme): Geometry {
  const { slide, font } = theme;
  const x = slide.paddingX;
  const width = slide.width - 2 * x;
  const titleHeight = 2 * font.title * font.titleLineHeight;
  // Under two title lines: its margin, the accent rule, the body's own margin, as on the deck's own slides.
  const { bodyTop } = headFoot(theme, slide.paddingTop + titleHeight, { px: font.title, afterEm: theme.head.titleAfterEm });
  const bodyHeight = slide.height - slide.paddingBottom - bodyTop;
  // The bottom band the layouts leave free, as templates/theme.css draws it (theme.json "furniture"):
  // the footer at the left (the date, which the deck has not, at its right end), the slide number
  // where Reveal draws it.
  const { band, number } = furnitureBoxes(theme);
  const dateWidth = font.small * 8;
  return {
    x,
    width,
    title: box(x, slide.paddingTop, width, titleHeight),
    body: box(x, bodyTop, width, bodyHeight),
    bodyTop,
    bodyHeight,
    ftr: box(band.x, band.y, band.width - dateWidth, band.height),
    dt: box(band.x + band.width - dateWidth, band.y, dateWidth, band.height),
    sldNum: box(number.x, number.y, number.width, number.height),
  };
}

function masterXml(theme: Theme, g: Geometry, clrMap: string, layoutCount: number): string {
  const { font } = theme;
  const indent = (level: number) => emu(font.body * 1.4 * level);
  const bullet = (char: string, color: string) => `<a:buClr><a:schemeClr val="${color}"/></a:buClr><a:buFontTx/><a:buChar char="${char}"/>`;
  const furniture = { sizePx: font.small, color: 'tx2', fonts: 'mn' } as const;
  const spaceAfter = (px: number) => `<a:spcAft><a:spcPts val="${Math.round(px * 0.75 * 100)}"/></a:spcAft>`;
  const shapes = [
    // The title from the top of its two lines, as the deck sets it at the slide's top padding.
    placeholder({ id: 2, name: 'Title Placeholder 1', type: 'title', box: g.title, anchor: 't', prompt: 'Title' }),
    placeholder({ id: 3, name: 'Text Placeholder 2', type: 'body', idx: 1, box: g.body, anchor: 't', prompt: 'Text' }),
    // The footer band in the muted colour and the body font (theme.css .bd-furniture), said on each
    // placeholder as well as in otherStyle, which not every reader applies to them.
    placeholder({ id: 4, name: 'Date Placeholder 3', type: 'dt', idx: 2, box: g.dt, anchor: 'ctr', field: 'datetime', style: furniture }),
    placeholder({ id: 5, name: 'Footer Placeholder 4', type: 'ftr', idx: 3, box: g.ftr, anchor: 'ctr', prompt: '', style: furniture }),
    placeholder({ id: 6, name: 'Slide Number Placeholder 5', type: 'sldNum', idx: 4, box: g.sldNum, anchor: 'ctr', field: 'slidenum', style: { ...furniture, sizePx: theme.furniture.number.size, align: 'r' } }),
  ];
  const ids = Array.from({ length: layoutCount }, (_, i) => `<p:sldLayoutId id="${2147483649 + i}" r:id="rId${i + 1}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sldMaster xmlns:a="${NS.a}" xmlns:r="${NS.r}" xmlns:p="${NS.p}"><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr val="bg1"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>${spTree(shapes)}</p:cSld><p:clrMap ${clrMap}/><p:sldLayoutIdLst>${ids}</p:sldLayoutIdLst><p:txStyles><p:titleStyle><a:lvl1pPr algn="l" eaLnBrk="1" latinLnBrk="0" hangingPunct="1"><a:lnSpc><a:spcPct val="${Math.round((font.titleLineHeight / 1.2) * 100000)}"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buNone/>${defRPr(font.title, 'tx1', 'mj', true)}</a:lvl1pPr></p:titleStyle><p:bodyStyle><a:lvl1pPr marL="${indent(1)}" indent="-${indent(1)}" algn="l" eaLnBrk="1" latinLnBrk="0" hangingPunct="1"><a:lnSpc><a:spcPct val="${Math.round((font.lineHeight / 1.2) * 100000)}"/></a:lnSpc>${spaceAfter(font.body * 0.45)}${bullet('■', 'accent1')}${defRPr(font.body, 'tx1', 'mn')}</a:lvl1pPr><a:lvl2pPr marL="${indent(2)}" indent="-${indent(1)}" algn="l" eaLnBrk="1" latinLnBrk="0" hangingPunct="1"><a:lnSpc><a:spcPct val="${Math.round((font.lineHeight / 1.2) * 100000)}"/></a:lnSpc>${spaceAfter(font.subitem * 0.35)}${bullet('–', 'tx2')}${defRPr(font.subitem, 'tx1', 'mn')}</a:lvl2pPr></p:bodyStyle><p:otherStyle><a:lvl1pPr algn="l" eaLnBrk="1" latinLnBrk="0" hangingPunct="1">${defRPr(font.small, 'tx2', 'mn')}</a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>`;
}

interface LayoutSpec {
  name: string;
  type?: string;
  /** The accent as background, text in the scheme colour that reads on it. */
  onAccent?: string;
  shapes: Ph[];
}

function layoutXml(spec: LayoutSpec, g: Geometry, theme: Theme): string {
  const furnitureStyle = { sizePx: theme.font.small, color: 'tx2', fonts: 'mn' } as const;
  const furniture: Ph[] = [
    { id: 90, name: 'Footer Placeholder', type: 'ftr', idx: 3, style: furnitureStyle },
    { id: 91, name: 'Slide Number Placeholder', type: 'sldNum', idx: 4, field: 'slidenum', style: { ...furnitureStyle, sizePx: theme.furniture.number.size, align: 'r' } },
  ];
  const colored = (ph: Ph): Ph => (spec.onAccent ? { ...ph, style: { ...ph.style, color: spec.onAccent } } : ph);
  const shapes = [...spec.shapes, ...furniture].map((ph) => placeholder(colored(ph.type === 'ftr' || ph.type === 'sldNum' ? { ...ph, box: ph.box ?? (ph.type === 'ftr' ? g.ftr : g.sldNum) } : ph)));
  const bg = spec.onAccent ? '<p:bg><p:bgPr><a:solidFill><a:schemeClr val="accent1"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>' : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sldLayout xmlns:a="${NS.a}" xmlns:r="${NS.r}" xmlns:p="${NS.p}"${spec.type ? ` type="${spec.type}"` : ''} preserve="1"><p:cSld name="${esc(spec.name)}">${bg}${spTree(shapes)}</p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>`;
}

function layouts(theme: Theme, g: Geometry, onAccent: string): LayoutSpec[] {
  const { font, slide } = theme;
  const px = (b: EmuBox) => ({ x: b.x / EMU_PER_PX, y: b.y / EMU_PER_PX, w: b.cx / EMU_PER_PX, h: b.cy / EMU_PER_PX });
  const body = px(g.body);
  const gap = font.body * 1.4;
  const half = (body.w - gap) / 2;
  // Title and closing: the title large in the upper part of the slide less its bottom band, the rest under it (theme.css .bd-kind-title).
  const coverTop = slide.paddingTop;
  const coverRoom = slide.height - slide.coverPaddingBottom - coverTop;
  const coverTitlePx = font.title * font.coverTitleScale;
  const coverTitle = box(g.x, coverTop, g.width, coverRoom * 0.6);
  const coverSub = box(g.x, coverTop + coverRoom * 0.6, g.width, slide.height - slide.paddingBottom - (coverTop + coverRoom * 0.6));
  const sectionTitlePx = font.title * font.sectionTitleScale;
  const sectionTitle = box(g.x, slide.paddingTop, g.width, 2 * sectionTitlePx * font.titleLineHeight);
  const sectionBodyTop = slide.paddingTop + 2 * sectionTitlePx * font.titleLineHeight + font.body;
  return [
    {
      name: 'Title',
      type: 'title',
      onAccent,
      shapes: [
        { id: 2, name: 'Title 1', type: 'ctrTitle', box: coverTitle, anchor: 'b', prompt: 'Title', style: { sizePx: coverTitlePx, bold: false } },
        { id: 3, name: 'Subtitle 2', type: 'subTitle', idx: 1, box: coverSub, anchor: 't', prompt: 'Subtitle', style: { sizePx: font.subtitle, noBullet: true } },
      ],
    },
    {
      name: 'Section',
      type: 'secHead',
      shapes: [
        { id: 2, name: 'Title 1', type: 'title', box: sectionTitle, anchor: 't', prompt: 'Section', style: { sizePx: sectionTitlePx } },
        { id: 3, name: 'Text Placeholder 2', type: 'body', idx: 1, box: box(g.x, sectionBodyTop, g.width, slide.height - slide.paddingBottom - sectionBodyTop), anchor: 't', prompt: 'Parts' },
      ],
    },
    {
      name: 'Title and Content',
      type: 'obj',
      shapes: [
        { id: 2, name: 'Title 1', type: 'title', prompt: 'Title' },
        { id: 3, name: 'Content Placeholder 2', type: 'body', idx: 1, prompt: 'Text' },
      ],
    },
    {
      name: 'Two Content',
      type: 'twoObj',
      shapes: [
        { id: 2, name: 'Title 1', type: 'title', prompt: 'Title' },
        { id: 3, name: 'Content Placeholder 2', type: 'body', idx: 1, box: box(body.x, body.y, half, body.h), prompt: 'Text' },
        { id: 4, name: 'Content Placeholder 3', type: 'body', idx: 2, box: box(body.x + half + gap, body.y, half, body.h), prompt: 'Text' },
      ],
    },
    { name: 'Title Only', type: 'titleOnly', shapes: [{ id: 2, name: 'Title 1', type: 'title', prompt: 'Title' }] },
    {
      name: 'Closing',
      onAccent,
      shapes: [
        { id: 2, name: 'Title 1', type: 'title', box: coverTitle, anchor: 'b', prompt: 'Title', style: { sizePx: coverTitlePx, bold: false } },
        { id: 3, name: 'Text Placeholder 2', type: 'body', idx: 1, box: coverSub, anchor: 't', prompt: 'Text', style: { sizePx: font.subtitle, noBullet: true } },
      ],
    },
  ];
}

/** briefdeck's own template for a deck's theme: its layouts, colours and fonts, and the package to write slides into. */
export async function defaultTemplate(theme: Theme, options: { language: string }): Promise<Template> {
  const { clrMap } = colorScheme(theme);
  const g = geometry(theme);
  // Text on the accent: whichever of the deck's background and text colours reads better on it.
  const c = theme.color;
  const onAccent = contrastRatio(c.accent, c.background) >= contrastRatio(c.accent, c.text) ? 'bg1' : 'tx1';
  const specs = layouts(theme, g, onAccent);
  const lang = options.language.includes('-') ? options.language : ({ ja: 'ja-JP', en: 'en-US', zh: 'zh-CN', ko: 'ko-KR' } as Record<string, string>)[options.language] ?? options.language;
  const zip = new JSZip();
  const put = (name: string, text: string) => zip.file(name, text, { createFolders: false });
  put(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/ppt/presentation.xml" ContentType="${CT}presentationml.presentation.main+xml"/><Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="${CT}presentationml.slideMaster+xml"/>${specs.map((_, i) => `<Override PartName="/ppt/slideLayouts/slideLayout${i + 1}.xml" ContentType="${CT}presentationml.slideLayout+xml"/>`).join('')}<Override PartName="/ppt/theme/theme1.xml" ContentType="${CT}theme+xml"/><Override PartName="/ppt/presProps.xml" ContentType="${CT}presentationml.presProps+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="${CT}extended-properties+xml"/></Types>`,
  );
  put(
    '_rels/.rels',
    relsXml([
      { id: 'rId1', type: `${REL}officeDocument`, target: 'ppt/presentation.xml' },
      { id: 'rId2', type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', target: 'docProps/core.xml' },
      { id: 'rId3', type: `${REL}extended-properties`, target: 'docProps/app.xml' },
    ]),
  );
  put(
    'docProps/core.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>briefdeck</dc:title><dc:language>${esc(lang)}</dc:language></cp:coreProperties>`,
  );
  put(
    'docProps/app.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>briefdeck</Application></Properties>`,
  );
  const { slide } = theme;
  put(
    'ppt/presentation.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:presentation xmlns:a="${NS.a}" xmlns:r="${NS.r}" xmlns:p="${NS.p}" saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldIdLst/><p:sldSz cx="${emu(slide.width)}" cy="${emu(slide.height)}"/><p:notesSz cx="6858000" cy="9144000"/><p:defaultTextStyle><a:lvl1pPr>${defRPr(theme.font.body, 'tx1', 'mn').replace('<a:defRPr ', `<a:defRPr lang="${esc(lang)}" `)}</a:lvl1pPr></p:defaultTextStyle></p:presentation>`,
  );
  put(
    'ppt/_rels/presentation.xml.rels',
    relsXml([
      { id: 'rId1', type: `${REL}slideMaster`, target: 'slideMasters/slideMaster1.xml' },
      { id: 'rId2', type: `${REL}theme`, target: 'theme/theme1.xml' },
      { id: 'rId3', type: `${REL}presProps`, target: 'presProps.xml' },
    ]),
  );
  put('ppt/presProps.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:presentationPr xmlns:a="${NS.a}" xmlns:r="${NS.r}" xmlns:p="${NS.p}"/>`);
  put('ppt/theme/theme1.xml', themeXml(theme));
  put('ppt/slideMasters/slideMaster1.xml', masterXml(theme, g, clrMap, specs.length));
  put(
    'ppt/slideMasters/_rels/slideMaster1.xml.rels',
    relsXml([...specs.map((_, i) => ({ id: `rId${i + 1}`, type: `${REL}slideLayout`, target: `../slideLayouts/slideLayout${i + 1}.xml` })), { id: `rId${specs.length + 1}`, type: `${REL}theme`, target: '../theme/theme1.xml' }]),
  );
  specs.forEach((spec, i) => {
    put(`ppt/slideLayouts/slideLayout${i + 1}.xml`, layoutXml(spec, g, theme));
    put(`ppt/slideLayouts/_rels/slideLayout${i + 1}.xml.rels`, relsXml([{ id: 'rId1', type: `${REL}slideMaster`, target: '../slideMasters/slideMaster1.xml' }]));
  });
  // Read back here, not written out: its parts stored, so reading them inflates nothing (the deck's file is compressed as it is written).
  const bytes = await zipBytes(zip, { stored: true });
  const template = await readTemplate(bytes, 'briefdeck');
  delete template.file;
  return template;
}
