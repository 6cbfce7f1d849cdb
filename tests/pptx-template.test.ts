// PowerPoint templates: an organisation's .pptx/.potx read into layouts, placeholders and a theme
// (LibreOffice's own templates converted by LibreOffice, a master made with pptxgenjs, one edited
// by hand with Japanese layout names, a logo and a footer, and that one as a .potx), and
// briefdeck's own template made from the deck's theme tokens. The package with its slides taken
// out is checked as a package (every relationship's target there, every part typed, no slide, XML
// a conforming parser reads) and opened by LibreOffice with one slide added.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import PptxGenJS from 'pptxgenjs';
import { describe, expect, it } from 'vitest';
import { BriefdeckError } from '../src/core/errors.ts';
import { deckTheme, THEME_NAMES } from '../src/model/theme.ts';
import { defaultTemplate } from '../src/pptx/template-default.ts';
import { layoutFor, readTemplate, templateLook } from '../src/pptx/template-read.ts';
import type { LayoutRole, Template } from '../src/pptx/template-types.ts';
import { FIXTURES, tempDir } from './helpers.ts';
import { officePdf } from './office.ts';
import { xmlProblems } from './xml.ts';

const DIR = path.join(FIXTURES, 'templates');
const fixture = (name: string) => path.join(DIR, name);
const read = (name: string) => readTemplate(readFileSync(fixture(name)), fixture(name));
const ROLES: LayoutRole[] = ['title', 'section', 'content', 'two', 'titleOnly', 'closing'];

interface Expected {
  /** The first layouts, in presentation order. */
  names: string[];
  layouts: number;
  accent1: string;
  dk2: string;
  fonts: Template['theme']['fonts'];
  roles: Record<LayoutRole, string>;
}

const LIBREOFFICE_ROLES: Record<LayoutRole, string> = { title: 'Title Slide', section: 'Title, Content', content: 'Title, Content', two: 'Title, 2 Content', titleOnly: 'Title Only', closing: 'Title Slide' };
const LIBREOFFICE_FONTS = { major: { latin: 'Arial', ea: 'DejaVu Sans' }, minor: { latin: 'Arial', ea: 'DejaVu Sans' } };
const HAND_EDITED: Expected = {
  names: ['クロージング', 'タイトル スライド', 'タイトルとコンテンツ', '2 つのコンテンツ', 'タイトルのみ', 'セクション見出し'],
  layouts: 12,
  accent1: '#c8102e',
  dk2: '#2b2b52',
  fonts: { major: { latin: 'Georgia', ea: 'Yu Mincho' }, minor: { latin: 'Verdana', ea: 'Meiryo' } },
  roles: { title: 'タイトル スライド', section: 'セクション見出し', content: 'タイトルとコンテンツ', two: '2 つのコンテンツ', titleOnly: 'タイトルのみ', closing: 'クロージング' },
};
const FIXTURE_FILES: Record<string, Expected> = {
  'libreoffice-inspiration.pptx': { names: ['Blank Slide', 'Title Slide', 'Title, Content', 'Title, 2 Content', 'Title Only'], layouts: 12, accent1: '#4f81bd', dk2: '#1f497d', fonts: LIBREOFFICE_FONTS, roles: LIBREOFFICE_ROLES },
  'libreoffice-dna.pptx': { names: ['Blank Slide', 'Title Slide', 'Title, Content', 'Title, 2 Content', 'Title Only'], layouts: 12, accent1: '#4f81bd', dk2: '#1f497d', fonts: LIBREOFFICE_FONTS, roles: LIBREOFFICE_ROLES },
  // Two masters: the layouts of both, in order; the theme is the first master's.
  'libreoffice-blue-curve.pptx': { names: ['Blank Slide', 'Title Slide', 'Title, Content'], layouts: 24, accent1: '#4f81bd', dk2: '#1f497d', fonts: LIBREOFFICE_FONTS, roles: LIBREOFFICE_ROLES },
  // Made by PowerPoint (Mac, 14.0): PowerPoint's own layouts, types and inheritance.
  'powerpoint-python-pptx.pptx': {
    names: ['Title Slide', 'Title and Content', 'Section Header', 'Two Content', 'Comparison', 'Title Only', 'Blank'],
    layouts: 11,
    accent1: '#4f81bd',
    dk2: '#1f497d',
    fonts: { major: { latin: 'Calibri', ea: '' }, minor: { latin: 'Calibri', ea: '' } },
    roles: { title: 'Title Slide', section: 'Section Header', content: 'Title and Content', two: 'Two Content', titleOnly: 'Title Only', closing: 'Title Slide' },
  },
  'pptxgenjs-master.pptx': {
    names: ['DEFAULT', 'Cover', 'Content', 'Two Columns', 'Heading Only'],
    layouts: 5,
    accent1: '#4472c4',
    dk2: '#44546a',
    fonts: { major: { latin: 'Georgia', ea: '' }, minor: { latin: 'Verdana', ea: '' } },
    roles: { title: 'Cover', section: 'Content', content: 'Content', two: 'Two Columns', titleOnly: 'Heading Only', closing: 'Cover' },
  },
  'hand-edited-ja.pptx': HAND_EDITED,
  'hand-edited-ja.potx': HAND_EDITED,
};

/** Every file of the package, and what an Open Packaging checker would look for. */
async function packageProblems(zip: JSZip): Promise<string[]> {
  const problems: string[] = [];
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const types = (await zip.file('[Content_Types].xml')!.async('string')) ?? '';
  const defaults = new Set([...types.matchAll(/<Default Extension="([^"]+)"/g)].map((m) => m[1]!.toLowerCase()));
  const overrides = new Set([...types.matchAll(/<Override PartName="([^"]+)"/g)].map((m) => m[1]!.slice(1)));
  for (const part of overrides) if (!names.includes(part)) problems.push(`content type for a missing part ${part}`);
  for (const name of names) {
    if (name === '[Content_Types].xml') continue;
    if (!overrides.has(name) && !defaults.has(name.split('.').pop()!.toLowerCase())) problems.push(`no content type: ${name}`);
    if (!name.endsWith('.rels')) continue;
    const source = name === '_rels/.rels' ? '' : path.posix.join(path.posix.dirname(path.posix.dirname(name)), path.posix.basename(name, '.rels'));
    if (source && !names.includes(source)) problems.push(`relationships of a missing part: ${name}`);
    const xml = await zip.file(name)!.async('string');
    for (const m of xml.matchAll(/<Relationship [^>]*?Target="([^"]+)"[^>]*>/g)) {
      if (/TargetMode="External"/.test(m[0])) continue;
      const target = m[1]!.startsWith('/') ? m[1]!.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(source), m[1]!));
      if (!names.includes(target)) problems.push(`${name} names ${target}, which is not in the package`);
    }
  }
  return problems;
}

/** The template's package with one slide on its content layout, the title placeholder holding `title`. */
async function withOneSlide(template: Template, title: string): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(await template.zip.generateAsync({ type: 'uint8array' }));
  const layout = layoutFor(template, 'content');
  const titlePh = layout.placeholders.find((p) => p.type === 'title' || p.type === 'ctrTitle')!;
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  zip.file(
    'ppt/slides/slide1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/><p:sp><p:nvSpPr><p:cNvPr id="2" name="Title 1"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="${titlePh.type}"${titlePh.idx ? ` idx="${titlePh.idx}"` : ''}/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US"/><a:t>${esc(title)}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`,
  );
  zip.file('ppt/slides/_rels/slide1.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout" Target="../${layout.part.replace(/^ppt\//, '')}"/></Relationships>`);
  const types = await zip.file('[Content_Types].xml')!.async('string');
  zip.file('[Content_Types].xml', types.replace('</Types>', '<Override PartName="/ppt/slides/slide1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/></Types>'));
  const rels = await zip.file('ppt/_rels/presentation.xml.rels')!.async('string');
  zip.file('ppt/_rels/presentation.xml.rels', rels.replace('</Relationships>', '<Relationship Id="rIdTestSlide" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide1.xml"/></Relationships>'));
  const pres = await zip.file('ppt/presentation.xml')!.async('string');
  const slideId = '<p:sldId id="256" r:id="rIdTestSlide"/>';
  zip.file('ppt/presentation.xml', /<p:sldIdLst\s*\/>/.test(pres) ? pres.replace(/<p:sldIdLst\s*\/>/, `<p:sldIdLst>${slideId}</p:sldIdLst>`) : pres.replace(/<p:sldIdLst>/, `<p:sldIdLst>${slideId}`));
  return zip.generateAsync({ type: 'uint8array' });
}

async function emptyPackageChecks(template: Template, label: string): Promise<void> {
  const zip = template.zip;
  expect(await packageProblems(zip), label).toEqual([]);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  expect(names.filter((n) => /^ppt\/(slides|notesSlides|comments)\//.test(n)), label).toEqual([]);
  const pres = await zip.file('ppt/presentation.xml')!.async('string');
  expect(pres, label).not.toMatch(/<p:sldId /);
  expect(pres, label).toMatch(/<p:sldIdLst\s*\/>|<p:sldIdLst><\/p:sldIdLst>/);
  expect(pres, label).toMatch(/<p:notesMasterIdLst><p:notesMasterId r:id="[^"]+"\/><\/p:notesMasterIdLst>/);
  expect(names, label).toContain(template.notesMaster);
  const types = await zip.file('[Content_Types].xml')!.async('string');
  expect(types, label).toContain('<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>');
  expect(types, label).not.toContain('template.main+xml');
  // Every layout of the template is still there for the slides.
  for (const layout of template.layouts) expect(names, label).toContain(layout.part);
  // The XML parses (expat, as LibreOffice and PowerPoint refuse what XML 1.0 forbids).
  const file = path.join(tempDir(), 'empty.pptx');
  writeFileSync(file, await zip.generateAsync({ type: 'uint8array' }));
  expect(xmlProblems(file), label).toEqual({ parts: expect.any(Number), problems: [] });
}

describe('reading a template', () => {
  for (const [name, expected] of Object.entries(FIXTURE_FILES)) {
    it(`${name}: its layouts with their placeholders inside the slide, its theme's colours and fonts`, async () => {
      const t = await read(name);
      expect(t.file).toBe(fixture(name));
      expect(t.layouts.map((l) => l.name).slice(0, expected.names.length)).toEqual(expected.names);
      expect(t.layouts).toHaveLength(expected.layouts);
      for (const layout of t.layouts) {
        expect(layout.part).toMatch(/^ppt\/slideLayouts\/slideLayout\d+\.xml$/);
        expect(layout.master).toMatch(/^ppt\/slideMasters\/slideMaster\d+\.xml$/);
        for (const ph of layout.placeholders) {
          const where = `${name} ${layout.name} ${ph.type}/${ph.idx}`;
          expect(ph.box.cx, where).toBeGreaterThan(0);
          expect(ph.box.cy, where).toBeGreaterThan(0);
          expect(ph.box.x, where).toBeGreaterThanOrEqual(0);
          expect(ph.box.y, where).toBeGreaterThanOrEqual(0);
          expect(ph.box.x + ph.box.cx, where).toBeLessThanOrEqual(t.size.cx);
          expect(ph.box.y + ph.box.cy, where).toBeLessThanOrEqual(t.size.cy);
          if (ph.size !== undefined) expect(ph.size, where).toBeGreaterThan(4);
        }
      }
      // The content layout's body has the room and type size the file gives it.
      const content = layoutFor(t, 'content');
      expect(content.placeholders.filter((p) => p.type === 'title')).toHaveLength(1);
      expect(content.placeholders.find((p) => p.type === 'body' || p.type === 'obj')?.size).toBeGreaterThan(10);
      expect(t.theme.colors.accent1).toBe(expected.accent1);
      expect(t.theme.colors.dk2).toBe(expected.dk2);
      // A system colour by its last colour (LibreOffice's dk1/lt1 are windowText/window).
      expect(t.theme.colors.dk1).toBe('#000000');
      expect(t.theme.colors.lt1).toBe('#ffffff');
      expect(t.theme.fonts).toEqual(expected.fonts);
    });
  }

  it('a layout with no box of its own takes its master’s (pptxgenjs footers, LibreOffice’s footer and slide number)', async () => {
    const lo = await read('libreoffice-inspiration.pptx');
    const master = await lo.zip.file('ppt/slideMasters/slideMaster1.xml')!.async('string');
    const ftr = /<p:ph type="ftr"[^>]*\/>[\s\S]*?<a:off x="(\d+)" y="(\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(master)!.slice(1).map(Number);
    const layout = lo.layouts.find((l) => l.name === 'Title, Content')!;
    expect(layout.placeholders.find((p) => p.type === 'ftr')!.box).toEqual({ x: ftr[0], y: ftr[1], cx: ftr[2], cy: ftr[3] });
    // LibreOffice puts type sizes in the master's runs: a layout's title takes the master's.
    expect(layout.placeholders.find((p) => p.type === 'title')!.size).toBe(27);
  });

  it('the theme of the hand-edited template: its colours and fonts; its master keeps its logo and footer text', async () => {
    const t = await read('hand-edited-ja.pptx');
    const names = Object.keys(t.zip.files);
    expect(names).toContain('ppt/media/logo.png');
    const master = await t.zip.file('ppt/slideMasters/slideMaster1.xml')!.async('string');
    expect(master).toContain('Example Ministry · 内部資料');
    expect(master).toContain('descr="Example Ministry logo"');
  });
});

describe('choosing a layout for each kind of slide', () => {
  for (const [name, expected] of Object.entries(FIXTURE_FILES)) {
    it(`${name}: by type, placeholders and name`, async () => {
      const t = await read(name);
      const chosen = Object.fromEntries(ROLES.map((r) => [r, layoutFor(t, r).name]));
      expect(chosen).toEqual(expected.roles);
    });
  }

  it('Google Slides’ names (TITLE_AND_BODY, SECTION_HEADER…) where the layouts carry no type', async () => {
    const t = await defaultTemplate(deckTheme('light'), { language: 'en' });
    const google: Record<string, string> = { Title: 'TITLE', Section: 'SECTION_HEADER', 'Title and Content': 'TITLE_AND_BODY', 'Two Content': 'TITLE_AND_TWO_COLUMNS', 'Title Only': 'TITLE_ONLY', Closing: 'MAIN_POINT' };
    for (const layout of t.layouts) {
      const xml = await t.zip.file(layout.part)!.async('string');
      t.zip.file(layout.part, xml.replace(/ type="\w+"( preserve)/, '$1').replace(`<p:cSld name="${layout.name}">`, `<p:cSld name="${google[layout.name]}">`));
    }
    const g = await readTemplate(await t.zip.generateAsync({ type: 'uint8array' }), 'google.pptx');
    expect(g.layouts.map((l) => [l.name, l.type])).toEqual(Object.values(google).map((n) => [n, undefined]));
    expect(Object.fromEntries(ROLES.map((r) => [r, layoutFor(g, r).name]))).toEqual({ title: 'TITLE', section: 'SECTION_HEADER', content: 'TITLE_AND_BODY', two: 'TITLE_AND_TWO_COLUMNS', titleOnly: 'TITLE_ONLY', closing: 'TITLE' });
  });

  it('layouts without a type (pptxgenjs): text slides go to the one named for text, never to a cover whose subtitle box is larger', async () => {
    /** A 4:3 template whose layouts are a title and a body each, with these names and body boxes (inches). */
    const made = async (layouts: Array<[string, string, { x: number; y: number; w: number; h: number }]>) => {
      const pptx = new PptxGenJS();
      pptx.layout = 'LAYOUT_4x3';
      for (const [title, background, body] of layouts) {
        pptx.defineSlideMaster({
          title,
          background: { color: background },
          objects: [
            { placeholder: { options: { name: 'title', type: 'title', x: 0.4, y: 0.3, w: 9.2, h: 0.8 }, text: 'Title' } },
            { placeholder: { options: { name: 'body', type: 'body', ...body }, text: 'Text' } },
          ],
        });
      }
      const bytes = (await pptx.write({ outputType: 'uint8array' })) as Uint8Array;
      return readTemplate(bytes, 'corp.pptx');
    };
    const wide = { x: 0.5, y: 2.4, w: 9, h: 1 };
    const small = { x: 0.4, y: 1.3, w: 3, h: 1.2 };
    // The adversarial tester's template: every content slide went to the dark "Cover".
    const corp = await made([
      ['Cover', '113355', wide],
      ['Content', 'FFFFFF', small],
    ]);
    expect(corp.layouts.map((l) => [l.name, l.type])).toEqual([
      ['DEFAULT', undefined],
      ['Cover', undefined],
      ['Content', undefined],
    ]);
    expect([layoutFor(corp, 'content').name, layoutFor(corp, 'title').name]).toEqual(['Content', 'Cover']);
    // In Japanese, and against an agenda's larger body.
    const ja = await made([
      ['アジェンダ', 'FFFFFF', wide],
      ['コンテンツ', 'FFFFFF', small],
    ]);
    expect(layoutFor(ja, 'content').name).toBe('コンテンツ');
    // No name says text: any layout not named for a cover, section or closing, before those.
    const plain = await made([
      ['Section Header', '113355', wide],
      ['Thank You', '113355', wide],
      ['Main', 'FFFFFF', small],
    ]);
    expect(layoutFor(plain, 'content').name).toBe('Main');
  });

  it('a closing layout by its name, as a whole word: "Agenda" or "Appendix" is none, "The End" and "Thank you" are', async () => {
    const t = await defaultTemplate(deckTheme('light'), { language: 'en' });
    const rename = async (from: string, to: string) => {
      const part = t.layouts.find((l) => l.name === from)!.part;
      const xml = await t.zip.file(part)!.async('string');
      t.zip.file(part, xml.replace(/<p:cSld name="[^"]*">/, `<p:cSld name="${to}">`));
    };
    await rename('Title Only', 'Agenda');
    await rename('Two Content', 'Appendix');
    const reread = async () => readTemplate(await t.zip.generateAsync({ type: 'uint8array' }), 'named.pptx');
    expect(layoutFor(await reread(), 'closing').name).toBe('Closing');
    await rename('Closing', 'Thank you');
    expect(layoutFor(await reread(), 'closing').name).toBe('Thank you');
    await rename('Closing', 'The End');
    expect(layoutFor(await reread(), 'closing').name).toBe('The End');
    await rename('Closing', 'Contact');
    expect(layoutFor(await reread(), 'closing').name).toBe('Title');
  });

  it('honours an override by layout name, in any case; a name the template lacks is an error naming the ones it has', async () => {
    const t = await read('libreoffice-inspiration.pptx');
    expect(layoutFor(t, 'section', { section: 'centered text' }).name).toBe('Centered Text');
    expect(layoutFor(t, 'content', { section: 'Centered Text' }).name).toBe('Title, Content');
    const ja = await read('hand-edited-ja.pptx');
    expect(layoutFor(ja, 'closing', { closing: 'タイトルのみ' }).name).toBe('タイトルのみ');
    let error: unknown;
    try {
      layoutFor(t, 'two', { two: 'Comparison' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BriefdeckError);
    const message = (error as Error).message;
    expect(message).toContain('"Comparison"');
    expect(message).toContain(fixture('libreoffice-inspiration.pptx'));
    expect(message).toContain('"Title, 2 Content"');
    expect(message).toContain('"Title Only"');
  });
});

describe('briefdeck’s own template', () => {
  for (const name of THEME_NAMES) {
    it(`${name}: the named layouts, the deck's colours and font, text styles in theme colours and fonts`, async () => {
      const theme = deckTheme(name);
      const t = await defaultTemplate(theme, { language: 'ja' });
      expect(t.file).toBeUndefined();
      expect(t.layouts.map((l) => [l.name, l.type])).toEqual([
        ['Title', 'title'],
        ['Section', 'secHead'],
        ['Title and Content', 'obj'],
        ['Two Content', 'twoObj'],
        ['Title Only', 'titleOnly'],
        ['Closing', undefined],
      ]);
      const phs = (layout: string) => t.layouts.find((l) => l.name === layout)!.placeholders.map((p) => `${p.type}/${p.idx}`);
      expect(phs('Title')).toEqual(['ctrTitle/0', 'subTitle/1', 'ftr/3', 'sldNum/4']);
      expect(phs('Section')).toEqual(['title/0', 'body/1', 'ftr/3', 'sldNum/4']);
      expect(phs('Title and Content')).toEqual(['title/0', 'body/1', 'ftr/3', 'sldNum/4']);
      expect(phs('Two Content')).toEqual(['title/0', 'body/1', 'body/2', 'ftr/3', 'sldNum/4']);
      expect(phs('Title Only')).toEqual(['title/0', 'ftr/3', 'sldNum/4']);
      expect(phs('Closing')).toEqual(['title/0', 'body/1', 'ftr/3', 'sldNum/4']);
      for (const role of ROLES) expect(layoutFor(t, role).name).toBe({ title: 'Title', section: 'Section', content: 'Title and Content', two: 'Two Content', titleOnly: 'Title Only', closing: 'Closing' }[role]);
      // The slide and its geometry from the tokens: 1280 × 720 px, the title at the padding, sizes in pt.
      const emu = (px: number) => Math.round((px * 914400) / 96);
      expect(t.size).toEqual({ cx: emu(theme.slide.width), cy: emu(theme.slide.height) });
      const content = t.layouts.find((l) => l.name === 'Title and Content')!;
      const title = content.placeholders.find((p) => p.type === 'title')!;
      expect([title.box.x, title.box.y]).toEqual([emu(theme.slide.paddingX), emu(theme.slide.paddingTop)]);
      expect(title.box.cx).toBe(emu(theme.slide.width - 2 * theme.slide.paddingX));
      expect(title.size).toBe(theme.font.title * 0.75);
      const body = content.placeholders.find((p) => p.type === 'body')!;
      expect(body.size).toBe(theme.font.body * 0.75);
      expect(body.box.y).toBeGreaterThan(title.box.y + title.box.cy);
      const footer = content.placeholders.find((p) => p.type === 'ftr')!;
      expect(footer.box.y).toBeGreaterThanOrEqual(body.box.y + body.box.cy);
      expect(footer.box.y + footer.box.cy).toBeLessThanOrEqual(t.size.cy);
      // Colours: through the master's colour map, tx1 is the text, bg1 the background…
      const master = await t.zip.file('ppt/slideMasters/slideMaster1.xml')!.async('string');
      const clrMap = Object.fromEntries([.../<p:clrMap ([^>]*)\/>/.exec(master)![1]!.matchAll(/(\w+)="(\w+)"/g)].map((m) => [m[1], m[2]]));
      const slot = (name: string) => t.theme.colors[clrMap[name] as keyof Template['theme']['colors']];
      const c = theme.color;
      expect({ tx1: slot('tx1'), bg1: slot('bg1'), tx2: slot('tx2'), bg2: slot('bg2'), accent1: slot('accent1'), accent2: slot('accent2'), accent3: slot('accent3') }).toEqual({
        tx1: c.text,
        bg1: c.background,
        tx2: c.muted,
        bg2: c.accentSoft,
        accent1: c.accent,
        accent2: c.line,
        accent3: c.highlight,
      });
      // … and dk1 stays the darker one, as OOXML expects (the dark themes map bg1 to dk1).
      const lum = (hex: string) => parseInt(hex.slice(1, 3), 16) + parseInt(hex.slice(3, 5), 16) + parseInt(hex.slice(5, 7), 16);
      expect(lum(t.theme.colors.dk1)).toBeLessThan(lum(t.theme.colors.lt1));
      expect(clrMap.bg1).toBe(name === 'light' ? 'lt1' : 'dk1');
      expect(t.theme.fonts).toEqual({ major: { latin: 'Noto Sans JP', ea: 'Noto Sans JP' }, minor: { latin: 'Noto Sans JP', ea: 'Noto Sans JP' } });
      // Styles name theme colours and fonts only: swapping ppt/theme/theme1.xml restyles every slide.
      for (const part of ['ppt/slideMasters/slideMaster1.xml', ...t.layouts.map((l) => l.part)]) {
        const xml = await t.zip.file(part)!.async('string');
        expect(xml, part).not.toMatch(/<a:srgbClr|<a:sysClr/);
        for (const m of xml.matchAll(/typeface="([^"]*)"/g)) expect(m[1], part).toMatch(/^\+m[jn]-(lt|ea|cs)$/);
      }
      expect(master).toContain('<a:buChar char="■"/>');
      expect(master).toContain('<a:buChar char="–"/>');
      expect(master).toMatch(/<p:titleStyle>[\s\S]*?<a:latin typeface="\+mj-lt"\/><a:ea typeface="\+mj-ea"\/>/);
      expect(master).toMatch(/<p:bodyStyle>[\s\S]*?<a:latin typeface="\+mn-lt"\/><a:ea typeface="\+mn-ea"\/>/);
      // Title and Closing: the accent behind, the text in whichever of bg1/tx1 reads better on it.
      const contrast = (a: string, b: string) => {
        const l = (h: string) => {
          const [r, g, bl] = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
          return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
        };
        const [hi, lo] = [l(a), l(b)].sort((x, y) => y - x);
        return (hi! + 0.05) / (lo! + 0.05);
      };
      const onAccent = contrast(c.accent, c.background) >= contrast(c.accent, c.text) ? 'bg1' : 'tx1';
      for (const cover of ['Title', 'Closing']) {
        const xml = await t.zip.file(t.layouts.find((l) => l.name === cover)!.part)!.async('string');
        expect(xml, cover).toMatch(/<p:bg><p:bgPr><a:solidFill><a:schemeClr val="accent1"\/>/);
        const colours = [...xml.matchAll(/<a:defRPr[^>]*>(?:<a:solidFill><a:schemeClr val="(\w+)"\/>)?/g)].map((m) => m[1]);
        expect(colours.length, cover).toBeGreaterThan(0);
        expect(new Set(colours), cover).toEqual(new Set([onAccent]));
      }
      await emptyPackageChecks(t, name);
    });
  }

  it('a theme part swapped restyles it: the slides name slots, so another theme1.xml gives other colours and fonts', async () => {
    const t = await defaultTemplate(deckTheme('light'), { language: 'en' });
    const other = await read('hand-edited-ja.pptx');
    t.zip.file('ppt/theme/theme1.xml', await other.zip.file('ppt/theme/theme1.xml')!.async('string'));
    const again = await readTemplate(await t.zip.generateAsync({ type: 'uint8array' }), 'swapped.pptx');
    expect(again.theme.colors.accent1).toBe('#c8102e');
    expect(again.theme.fonts.major.latin).toBe('Georgia');
    expect(again.layouts.map((l) => l.name)).toEqual(t.layouts.map((l) => l.name));
  });
});

describe('the package with no slides', () => {
  for (const name of Object.keys(FIXTURE_FILES)) {
    it(`${name}: consistent, with no slide, a notes master, a presentation's content type`, async () => {
      const t = await read(name);
      // The fixture had slides (and pptxgenjs' its notes pages): they are gone, the masters stay.
      const source = await JSZip.loadAsync(readFileSync(fixture(name)));
      expect(Object.keys(source.files).some((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toBe(true);
      await emptyPackageChecks(t, name);
      expect(Object.keys(t.zip.files).filter((n) => n.startsWith('ppt/slideMasters/') && n.endsWith('.xml')).length).toBe(Object.keys(source.files).filter((n) => n.startsWith('ppt/slideMasters/') && n.endsWith('.xml')).length);
    });
  }

  it('pictures only the slides showed go with them; the master’s stay', async () => {
    const source = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
    expect(Object.keys(source.files).filter((n) => n.startsWith('ppt/media/'))).toEqual(['ppt/media/image1.gif', 'ppt/media/image2.jpeg']);
    const t = await read('powerpoint-python-pptx.pptx');
    expect(Object.keys(t.zip.files).filter((n) => n.startsWith('ppt/media/'))).toEqual([]);
    const types = await t.zip.file('[Content_Types].xml')!.async('string');
    expect(types).not.toContain('/ppt/slides/');
    const ja = await read('hand-edited-ja.pptx');
    expect(Object.keys(ja.zip.files).filter((n) => n.startsWith('ppt/media/'))).toEqual(['ppt/media/logo.png']);
  });

  it('the package’s preview picture (the template’s first slide) goes; its custom properties stay', async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
    zip.file('docProps/thumbnail.jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
    zip.file('docProps/custom.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Classification"><vt:lpwstr>Internal</vt:lpwstr></property></Properties>');
    const rels = await zip.file('_rels/.rels')!.async('string');
    zip.file('_rels/.rels', rels.replace('</Relationships>', '<Relationship Id="rIdThumb" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/><Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>'));
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toContain('<Default Extension="jpeg"');
    zip.file('[Content_Types].xml', types.replace('</Types>', '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>'));
    const t = await readTemplate(await zip.generateAsync({ type: 'uint8array' }), 'preview.pptx');
    const names = Object.keys(t.zip.files);
    expect(names).not.toContain('docProps/thumbnail.jpeg');
    expect(names).toContain('docProps/custom.xml');
    expect(await t.zip.file('_rels/.rels')!.async('string')).not.toContain('thumbnail');
    expect(await packageProblems(t.zip)).toEqual([]);
  });

  it('a macro-enabled template (.potm) gives a presentation without its macros', async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
    zip.file('ppt/vbaProject.bin', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]));
    const rels = await zip.file('ppt/_rels/presentation.xml.rels')!.async('string');
    zip.file('ppt/_rels/presentation.xml.rels', rels.replace('</Relationships>', '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'));
    const types = await zip.file('[Content_Types].xml')!.async('string');
    zip.file(
      '[Content_Types].xml',
      types
        .replace('application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml', 'application/vnd.ms-powerpoint.template.macroEnabled.main+xml')
        .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
    );
    const t = await readTemplate(await zip.generateAsync({ type: 'uint8array' }), 'macros.potm');
    expect(Object.keys(t.zip.files)).not.toContain('ppt/vbaProject.bin');
    expect(await t.zip.file('ppt/_rels/presentation.xml.rels')!.async('string')).not.toContain('vbaProject');
    await emptyPackageChecks(t, 'macros.potm');
    expect(await t.zip.file('[Content_Types].xml')!.async('string')).not.toContain('macroEnabled');
  });

  it('a macro-enabled presentation (.pptm) renamed .pptx: its VBA project, relationship and content type go', async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
    const types = await zip.file('[Content_Types].xml')!.async('string');
    zip.file('[Content_Types].xml', types.replace('presentationml.presentation.main+xml', 'ms-powerpoint.presentation.macroEnabled.main+xml').replace('</Types>', '<Override PartName="/ppt/vbaProject.bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'));
    const rels = await zip.file('ppt/_rels/presentation.xml.rels')!.async('string');
    zip.file('ppt/_rels/presentation.xml.rels', rels.replace('</Relationships>', '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>'));
    zip.file('ppt/vbaProject.bin', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0x66, 0x61, 0x6b, 0x65]));
    const t = await readTemplate(await zip.generateAsync({ type: 'uint8array' }), 'macro.pptx');
    expect(Object.keys(t.zip.files).filter((n) => /vba/i.test(n))).toEqual([]);
    expect(await t.zip.file('ppt/_rels/presentation.xml.rels')!.async('string')).not.toMatch(/vba/i);
    const out = await t.zip.file('[Content_Types].xml')!.async('string');
    expect(out).not.toMatch(/vba|macroEnabled/i);
    await emptyPackageChecks(t, 'macro.pptx');
  });

  it('sections, custom shows and the outline view that name the slides go with them', async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
    const pres = await zip.file('ppt/presentation.xml')!.async('string');
    const show = '<p:custShowLst><p:custShow name="Short" id="0"><p:sldLst><p:sld r:id="rId2"/></p:sldLst></p:custShow></p:custShowLst>';
    const sections =
      '<p:extLst><p:ext uri="{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"><p14:sectionLst xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main"><p14:section name="Opening" id="{6B0C3F59-6C36-4E4B-9C6B-7D0E6C3E2A11}"><p14:sldIdLst><p14:sldId id="256"/></p14:sldIdLst></p14:section></p14:sectionLst></p:ext></p:extLst>';
    zip.file('ppt/presentation.xml', pres.replace('<p:defaultTextStyle>', `${show}<p:defaultTextStyle>`).replace('</p:presentation>', `${sections}</p:presentation>`));
    const view = await zip.file('ppt/viewProps.xml')!.async('string');
    // The outline view's list of slides, where PowerPoint writes it (after the slide view).
    zip.file('ppt/viewProps.xml', view.replace('<p:notesTextViewPr>', '<p:outlineViewPr><p:cViewPr><p:scale><a:sx n="33" d="100"/><a:sy n="33" d="100"/></p:scale><p:origin x="0" y="0"/></p:cViewPr><p:sldLst><p:sld r:id="rId1" collapse="1"/></p:sldLst></p:outlineViewPr><p:notesTextViewPr>'));
    zip.file('ppt/_rels/viewProps.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide1.xml"/></Relationships>');
    const t = await readTemplate(await zip.generateAsync({ type: 'uint8array' }), 'sections.pptx');
    const after = await t.zip.file('ppt/presentation.xml')!.async('string');
    expect(after).not.toMatch(/custShow|sectionLst|p14:sldId/);
    expect(after).not.toMatch(/<p:ext uri="\{521415D9/);
    const viewAfter = await t.zip.file('ppt/viewProps.xml')!.async('string');
    expect(viewAfter).toContain('<p:outlineViewPr>');
    expect(viewAfter).not.toContain('<p:sldLst>');
    expect(await packageProblems(t.zip)).toEqual([]);
    await emptyPackageChecks(t, 'sections.pptx');
  });

  it('LibreOffice opens each, one slide added on the content layout, and prints its title', async () => {
    const dir = tempDir('briefdeck-template-lo-');
    const files: Array<{ file: string; title: string }> = [];
    const templates: Array<[string, Template]> = [];
    for (const name of Object.keys(FIXTURE_FILES)) templates.push([name.replace(/\W/g, '-'), await read(name)]);
    for (const theme of THEME_NAMES) templates.push([`default-${theme}`, await defaultTemplate(deckTheme(theme), { language: 'ja' })]);
    for (const [i, [label, t]] of templates.entries()) {
      // Short, so that no template's title box wraps it.
      const title = `Briefing ${i + 1}`;
      const file = path.join(dir, `${label}.pptx`);
      writeFileSync(file, await withOneSlide(t, title));
      files.push({ file, title });
    }
    officePdf(files.map((f) => f.file), dir);
    for (const { file, title } of files) {
      const pdf = file.replace(/\.pptx$/, '.pdf');
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)![1]), pdf).toBe(1);
      expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' '), pdf).toContain(title);
    }
  }, 300_000);
});

describe('what a template gives the HTML deck (its accent and body font, where brand says none)', () => {
  it('accent1 and the minor font, Latin then East Asian, as a CSS family list', async () => {
    expect(templateLook(await read('hand-edited-ja.potx'))).toEqual({ accent: '#c8102e', fontFamily: '"Verdana", "Meiryo", sans-serif' });
    expect(templateLook(await read('libreoffice-inspiration.pptx'))).toEqual({ accent: '#4f81bd', fontFamily: '"Arial", "DejaVu Sans", sans-serif' });
    // pptxgenjs names no East Asian font.
    expect(templateLook(await read('pptxgenjs-master.pptx'))).toEqual({ accent: '#4472c4', fontFamily: '"Verdana", sans-serif' });
    const theme = deckTheme('dark');
    expect(templateLook(await defaultTemplate(theme, { language: 'ja' }))).toEqual({ accent: theme.color.accent, fontFamily: '"Noto Sans JP", sans-serif' });
  });

  it('no font family when the theme names none', async () => {
    const t = await read('pptxgenjs-master.pptx');
    t.theme.fonts.minor = { latin: '', ea: '' };
    expect(templateLook(t)).toEqual({ accent: '#4472c4' });
  });
});

describe('a template that cannot be used', () => {
  async function refusal(bytes: Uint8Array, file: string): Promise<Error> {
    try {
      await readTemplate(bytes, file);
    } catch (error) {
      return error as Error;
    }
    throw new Error(`${file} was read`);
  }
  const zipOf = async (files: Record<string, string>) => {
    const zip = new JSZip();
    for (const [name, text] of Object.entries(files)) zip.file(name, text);
    return zip.generateAsync({ type: 'uint8array' });
  };
  const cases: Array<[string, () => Promise<Uint8Array>, RegExp]> = [
    ['notes.txt', async () => new TextEncoder().encode('our template is on the shared drive'), /not a PowerPoint template: a \.pptx or \.potx file is a zip package/],
    ['memo.docx', () => zipOf({ '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>', 'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>' }), /is a Word document, not a PowerPoint template/],
    ['archive.pptx', () => zipOf({ 'readme.txt': 'hello' }), /is a zip file, not a PowerPoint template \(it has no ppt\/presentation\.xml\)/],
    ['locked.pptx', async () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]), /password-protected \(encrypted\) Office file/],
    ['cut.pptx', async () => readFileSync(fixture('libreoffice-inspiration.pptx')).subarray(0, 4000), /its zip package cannot be read/],
  ];
  for (const [file, bytes, what] of cases) {
    it(`${file}: template-broken, naming the file and what to do, no stack trace`, async () => {
      const error = await refusal(await bytes(), `brand/${file}`);
      expect(error).toBeInstanceOf(BriefdeckError);
      expect((error as BriefdeckError & { code?: string }).code).toBe('template-broken');
      expect(error.message).toMatch(new RegExp(`^brand/${file.replace('.', '\\.')}: `));
      expect(error.message).toMatch(what);
      expect(error.message).not.toMatch(/\n\s+at /);
      expect((error as BriefdeckError).hint).toBeTruthy();
    });
  }

  it('XML nested 20,000 groups deep is read (no stack overflow); a package without [Content_Types].xml is template-broken', async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
    const layout = 'ppt/slideLayouts/slideLayout2.xml';
    const xml = await zip.file(layout)!.async('string');
    const group = '<p:grpSp><p:nvGrpSpPr><p:cNvPr id="99" name="g"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>';
    zip.file(layout, xml.replace('</p:spTree>', `${group.repeat(20_000)}${'</p:grpSp>'.repeat(20_000)}</p:spTree>`));
    const deep = await readTemplate(await zip.generateAsync({ type: 'uint8array' }), 'deep.pptx');
    expect(deep.layouts.find((l) => l.part === layout)!.name).toBe('Title and Content');
    zip.remove('[Content_Types].xml');
    const untyped = await refusal(await zip.generateAsync({ type: 'uint8array' }), 'untyped.pptx');
    expect(untyped.message).toBe('untyped.pptx: is not a whole PowerPoint package: it has no [Content_Types].xml');
    expect((untyped as BriefdeckError & { code?: string }).code).toBe('template-broken');
  });

  /** The zip with the sizes its central directory (and local header) declare for `part` set to `size`. */
  function declaring(bytes: Uint8Array, part: string, size: number): Uint8Array {
    const out = new Uint8Array(bytes);
    const view = new DataView(out.buffer);
    const name = (at: number, length: number) => new TextDecoder().decode(out.subarray(at, at + length));
    let patched = 0;
    for (let i = 0; i + 46 < out.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x02014b50 && name(i + 46, view.getUint16(i + 28, true)) === part) (view.setUint32(i + 24, size, true), patched++);
      if (sig === 0x04034b50 && name(i + 30, view.getUint16(i + 26, true)) === part) (view.setUint32(i + 22, size, true), patched++);
    }
    expect(patched).toBe(2);
    return out;
  }

  it('a zip bomb: a package that unpacks to more than a template holds is refused before anything is inflated', async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    // Its central directory says a picture unpacks to 1.2 GB (a theme part of 1.2 GB took a minute and 1.4 GB, then a stack trace).
    const started = Date.now();
    const bomb = await refusal(declaring(bytes, 'ppt/media/image1.gif', 1200 * 1024 * 1024), 'brand/bomb.pptx');
    expect(Date.now() - started).toBeLessThan(5000);
    expect((bomb as BriefdeckError & { code?: string }).code).toBe('template-broken');
    expect(bomb.message).toMatch(/^brand\/bomb\.pptx: unpacks to 12\d\d MB, more than a template holds \(at most 200 MB\)$/);
    expect((bomb as BriefdeckError).hint).toMatch(/save the template again/);
    // One XML part of 31 MB (whitespace, 31 KB packed): more than an XML part of a template holds.
    const theme = await zip.file('ppt/theme/theme1.xml')!.async('string');
    zip.file('ppt/theme/theme1.xml', theme.replace('?>', `?>${' '.repeat(31 * 1024 * 1024)}`));
    const big = await refusal(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), 'big.pptx');
    expect(big.message).toBe('big.pptx: its part ppt/theme/theme1.xml unpacks to 32 MB, more than a template holds (an XML part of at most 30 MB)');
  });

  it('a part that unpacks to more than its zip entry declares is refused as it inflates, not read whole', async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
    const theme = await zip.file('ppt/theme/theme1.xml')!.async('string');
    zip.file('ppt/theme/theme1.xml', theme.replace('?>', `?>${' '.repeat(8 * 1024 * 1024)}`));
    const bytes = declaring(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), 'ppt/theme/theme1.xml', 4000);
    const liar = await refusal(bytes, 'liar.pptx');
    expect((liar as BriefdeckError & { code?: string }).code).toBe('template-broken');
    expect(liar.message).toBe('liar.pptx: its part ppt/theme/theme1.xml unpacks to more than the 4000 bytes its zip entry declares, more than a template holds');
  });

  it('a slide size of zero is taken as PowerPoint’s 16:9, so no placeholder is judged against an empty page', async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
    const pres = await zip.file('ppt/presentation.xml')!.async('string');
    zip.file('ppt/presentation.xml', pres.replace(/<p:sldSz [^>]*\/>/, '<p:sldSz cx="0" cy="0"/>'));
    const t = await readTemplate(await zip.generateAsync({ type: 'uint8array' }), 'flat.pptx');
    expect(t.size).toEqual({ cx: 12192000, cy: 6858000 });
  });

  it('a slide size no slide can have (negative, or past 56 in) is PowerPoint’s 16:9, in the size read and in the package written', async () => {
    for (const bad of ['cx="0" cy="-5"', 'cx="2147483647" cy="6858000"', 'cx="9144000.5" cy="6858000"']) {
      const zip = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
      const pres = await zip.file('ppt/presentation.xml')!.async('string');
      expect(pres).toContain('<p:sldSz cx="9144000" cy="6858000" type="screen4x3"/>');
      zip.file('ppt/presentation.xml', pres.replace('<p:sldSz cx="9144000" cy="6858000"', `<p:sldSz ${bad}`));
      const t = await readTemplate(await zip.generateAsync({ type: 'uint8array' }), 'badsize.pptx');
      expect(t.size, bad).toEqual({ cx: 12192000, cy: 6858000 });
      expect(await t.zip.file('ppt/presentation.xml')!.async('string'), bad).toContain('<p:sldSz cx="12192000" cy="6858000"/>');
    }
  });

  it('a master without its theme (no theme relationship, or the theme part missing) is template-broken, naming the file', async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
    zip.remove('ppt/theme/theme1.xml');
    const missing = await refusal(await zip.generateAsync({ type: 'uint8array' }), 'brand/notheme.pptx');
    expect((missing as BriefdeckError & { code?: string }).code).toBe('template-broken');
    expect(missing.message).toBe('brand/notheme.pptx: its slide master ppt/slideMasters/slideMaster1.xml names a theme part ppt/theme/theme1.xml the package does not hold');
    expect((missing as BriefdeckError).hint).toMatch(/save it as a PowerPoint template/);
    const rels = await zip.file('ppt/slideMasters/_rels/slideMaster1.xml.rels')!.async('string');
    zip.file('ppt/slideMasters/_rels/slideMaster1.xml.rels', rels.replace(/<Relationship [^>]*relationships\/theme"[^>]*\/>/, ''));
    const unrelated = await refusal(await zip.generateAsync({ type: 'uint8array' }), 'brand/notheme.pptx');
    expect(unrelated.message).toBe('brand/notheme.pptx: its slide master ppt/slideMasters/slideMaster1.xml has no theme (no theme relationship), which PowerPoint requires');
  });

  it('a placeholder with no box anywhere (layout nor master) gets one by its type inside the template’s page, not briefdeck’s 13.33 in one', async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
    for (const name of Object.keys(zip.files).filter((n) => /^ppt\/(slideLayouts|slideMasters)\/[^/]+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async('string');
      zip.file(name, xml.replace(/(<p:spPr[^>]*>)<a:xfrm[^>]*>[\s\S]*?<\/a:xfrm>/g, '$1'));
    }
    const t = await readTemplate(await zip.generateAsync({ type: 'uint8array' }), 'noxfrm.pptx');
    expect(t.size).toEqual({ cx: 9144000, cy: 6858000 });
    const content = t.layouts.find((l) => l.name === 'Title and Content')!;
    const box = (type: string) => content.placeholders.find((p) => p.type === type)!.box;
    expect(content.placeholders.map((p) => p.type).sort()).toEqual(['dt', 'ftr', 'obj', 'sldNum', 'title']);
    for (const layout of t.layouts) {
      for (const p of layout.placeholders) {
        expect(p.box.x + p.box.cx, `${layout.name} ${p.name}`).toBeLessThanOrEqual(t.size.cx);
        expect(p.box.y + p.box.cy, `${layout.name} ${p.name}`).toBeLessThanOrEqual(t.size.cy);
      }
    }
    // The title in the top band, the body under it, date, footer and slide number in the bottom band, side by side.
    expect(box('title').y + box('title').cy).toBeLessThanOrEqual(box('obj').y);
    expect(box('title').cy).toBeLessThan(t.size.cy / 4);
    expect(box('obj').y + box('obj').cy).toBeLessThanOrEqual(box('ftr').y);
    for (const f of ['dt', 'ftr', 'sldNum']) expect(box(f).y, f).toBeGreaterThan(t.size.cy * 0.9);
    expect(box('dt').x + box('dt').cx).toBeLessThanOrEqual(box('ftr').x);
    expect(box('ftr').x + box('ftr').cx).toBeLessThanOrEqual(box('sldNum').x);
  });

  it('every placeholder box is clipped to the slide: one 2147483647 EMU wide and tall is the page’s width and height', async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
    for (const name of Object.keys(zip.files).filter((n) => /^ppt\/(slideLayouts|slideMasters)\/[^/]+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async('string');
      zip.file(name, xml.replace(/(<p:spPr[^>]*><a:xfrm[^>]*>)<a:off [^>]*\/><a:ext [^>]*\/>/g, '$1<a:off x="0" y="0"/><a:ext cx="2147483647" cy="2147483647"/>'));
    }
    const t = await readTemplate(await zip.generateAsync({ type: 'uint8array' }), 'huge.pptx');
    const boxes = t.layouts.flatMap((l) => l.placeholders.map((p) => p.box));
    expect(boxes.length).toBeGreaterThan(30);
    for (const b of boxes) expect(b).toEqual({ x: 0, y: 0, cx: 9144000, cy: 6858000 });
    // A box partly off the page keeps its part on the page; one wholly off it takes its master's (clipped: the page).
    const layout = 'ppt/slideLayouts/slideLayout1.xml';
    const xml = await zip.file(layout)!.async('string');
    let n = 0;
    zip.file(layout, xml.replace(/<a:off x="0" y="0"\/><a:ext cx="2147483647" cy="2147483647"\/>/g, () => (n++ === 0 ? '<a:off x="-914400" y="6400800"/><a:ext cx="3000000" cy="900000"/>' : '<a:off x="10000000" y="0"/><a:ext cx="3000000" cy="900000"/>')));
    const moved = (await readTemplate(await zip.generateAsync({ type: 'uint8array' }), 'moved.pptx')).layouts.find((l) => l.part === layout)!;
    expect(moved.placeholders[0]!.box).toEqual({ x: 0, y: 6400800, cx: 2085600, cy: 457200 });
    expect(moved.placeholders.slice(0, 2).map((p) => p.type)).toEqual(['ctrTitle', 'subTitle']);
    expect(moved.placeholders[1]!.box).toEqual({ x: 0, y: 0, cx: 9144000, cy: 6858000 });
  });

  it('a layout the master lists but the package lacks is left out, and out of the master’s list', async () => {
    const zip = await JSZip.loadAsync(readFileSync(fixture('powerpoint-python-pptx.pptx')));
    zip.remove('ppt/slideLayouts/slideLayout2.xml');
    zip.remove('ppt/slideLayouts/_rels/slideLayout2.xml.rels');
    const t = await readTemplate(await zip.generateAsync({ type: 'uint8array' }), 'gap.pptx');
    expect(t.layouts).toHaveLength(10);
    expect(t.layouts.map((l) => l.name)).not.toContain('Title and Content');
    expect(await packageProblems(t.zip)).toEqual([]);
    const master = await t.zip.file('ppt/slideMasters/slideMaster1.xml')!.async('string');
    const rels = await t.zip.file('ppt/slideMasters/_rels/slideMaster1.xml.rels')!.async('string');
    const listed = [...master.matchAll(/<p:sldLayoutId [^>]*r:id="([^"]+)"/g)].map((m) => m[1]);
    expect(listed).toHaveLength(10);
    for (const id of listed) expect(rels).toContain(`Id="${id}"`);
  });

  it('a package with no slide layouts, and one whose XML is broken, are template-broken too', async () => {
    const t = await defaultTemplate(deckTheme('light'), { language: 'en' });
    const master = await t.zip.file('ppt/slideMasters/slideMaster1.xml')!.async('string');
    t.zip.file('ppt/slideMasters/slideMaster1.xml', master.replace(/<p:sldLayoutIdLst>[\s\S]*?<\/p:sldLayoutIdLst>/, ''));
    const noLayouts = await refusal(await t.zip.generateAsync({ type: 'uint8array' }), 'empty.potx');
    expect(noLayouts.message).toMatch(/^empty\.potx: has no slide layouts/);
    expect((noLayouts as BriefdeckError).hint).toMatch(/Slide Master/);
    t.zip.file('ppt/slideMasters/slideMaster1.xml', master.replace('</p:sldMaster>', ''));
    const broken = await refusal(await t.zip.generateAsync({ type: 'uint8array' }), 'broken.pptx');
    expect(broken.message).toMatch(/^broken\.pptx: its part ppt\/slideMasters\/slideMaster1\.xml is not well-formed XML/);
    expect((broken as BriefdeckError & { code?: string }).code).toBe('template-broken');
  });
});
