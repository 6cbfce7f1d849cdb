// The editable PowerPoint of a deck, read back as the zip of XML it is and opened in LibreOffice:
// one 16:9 slide per deck slide with real text, the notes in the notes pages, diagrams as boxes
// and attached connectors, Japanese set as Japanese, the brand; every memo sentence in the file.
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDecks, exportDeckPptx } from '../src/pipeline/build.ts';
import { inlineText } from '../src/model/content.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { memoSentences, normalize } from '../src/model/fidelity.ts';
import { pptxProblems } from '../src/pptx/fidelity.ts';
import { readPptx, topLevel, type ReadPresentation } from '../src/pptx/read.ts';
import { loadTheme } from '../src/model/theme.ts';
import type { Memo, Slide } from '../src/model/types.ts';
import { BUNDLED_DECK, copyDeck, FIXTURES, runCli, tempDir } from './helpers.ts';
import { officePdf } from './office.ts';
import { pageCount, pagePixels, pageText } from './poppler.ts';
import { xmlProblems } from './xml.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();
const BRANDED = path.join(FIXTURES, 'brand/dark-brand');
const OTHER_SHAPE = path.join(FIXTURES, 'shapes/english-brief');
const TABLE = path.join(FIXTURES, 'shapes/table-part');
const PICTURE = path.join(FIXTURES, 'images/picture');
const FOOTER = 'Institute for Urban Resilience · December 2026';

interface Made {
  name: string;
  file: string;
  slides: Slide[];
  memo: Memo;
  pres: ReadPresentation;
  /** LibreOffice's PDF of the file. */
  pdf: string;
}
const made = new Map<string, Made>();

/** Text of page `n` (1-based) of a PDF, as pdftotext extracts it. */

/** Share of a region's pixels that differ from its top-left corner's colour (the background). */
function ink(pdf: string, n: number, region = { x0: 0, y0: 0, x1: 1, y1: 1 }): number {
  const page = pagePixels(pdf, n, 24);
  const bg = page.at(1, 1);
  let differing = 0;
  let total = 0;
  for (let y = Math.floor(region.y0 * page.height); y < Math.floor(region.y1 * page.height); y++) {
    for (let x = Math.floor(region.x0 * page.width); x < Math.floor(region.x1 * page.width); x++) {
      const p = page.at(x, y);
      total++;
      if (Math.abs(p[0] - bg[0]) + Math.abs(p[1] - bg[1]) + Math.abs(p[2] - bg[2]) > 60) differing++;
    }
  }
  return differing / total;
}

beforeAll(async () => {
  const out = tempDir();
  const decks = [BUNDLED_DECK, OTHER_SHAPE, TABLE, PICTURE].map((dir) => deckAt(dir));
  const files = await exportDeckPptx(decks, out, browser);
  // The branded deck through `build`, which writes the .pptx beside the PDFs.
  const [branded] = await buildDecks([deckAt(BRANDED)], out, browser, { pptx: true, oneFile: false });
  files.push(branded!.pptx!);
  // LibreOffice opens every file.
  const lo = tempDir('briefdeck-lo-');
  officePdf(files, lo);
  const { compileDeck } = await import('../src/pipeline/compile.ts');
  const { DiagramRenderer } = await import('../src/diagrams/render.ts');
  const renderer = new DiagramRenderer(browser, loadTheme());
  for (const [i, dir] of [BUNDLED_DECK, OTHER_SHAPE, TABLE, PICTURE, BRANDED].entries()) {
    const name = path.basename(dir);
    const compiled = dir === BRANDED ? branded!.deck : await compileDeck(deckAt(dir), renderer);
    made.set(name, { name, file: files[i]!, slides: compiled.slides, memo: compiled.memo, pres: await readPptx(readFileSync(files[i]!)), pdf: path.join(lo, `${name}.pdf`) });
  }
  await renderer.close();
}, 400_000);


const decks = () => [...made.values()];
const get = (name: string) => made.get(name)!;

describe('the PowerPoint file, read as XML', () => {
  it('is XML a conforming parser reads, every part of every file (expat: no character XML 1.0 forbids)', () => {
    for (const deck of decks()) expect(xmlProblems(deck.file), deck.name).toEqual({ parts: expect.any(Number), problems: [] });
  });

  it('has one 16:9 slide per deck slide, none without text', () => {
    for (const deck of decks()) {
      expect(deck.pres.slides.length, deck.name).toBe(deck.slides.length);
      expect(deck.pres.size.cx / deck.pres.size.cy).toBeCloseTo(16 / 9, 3);
      deck.pres.slides.forEach((slide, i) => expect(slide.paragraphs.join('').trim().length, `${deck.name} slide ${i + 1}`).toBeGreaterThan(0));
    }
  });

  it('puts each slide’s speaker notes in its notes page, a paragraph each', () => {
    for (const deck of decks()) {
      deck.slides.forEach((slide, i) => {
        const expected = slide.notes.map((p) => normalize(inlineText(p, true))).filter(Boolean);
        expect(deck.pres.slides[i]!.notes.map(normalize), `${deck.name} slide ${i + 1}`).toEqual(expected);
      });
    }
    expect(get('asi-policy-memo-4').pres.slides.filter((s) => s.notes.length > 0).length).toBeGreaterThan(10);
  });

  it('draws each diagram as a box per node holding its label and a connector per edge, attached to the boxes it joins', () => {
    const deck = get('asi-policy-memo-4');
    let diagrams = 0;
    deck.slides.forEach((slide, i) => {
      const diagram = slide.diagram?.diagram;
      if (diagram?.type !== 'graph') return;
      diagrams++;
      const read = deck.pres.slides[i]!;
      for (const node of diagram.nodes) {
        expect(read.shapes, `slide ${i + 1}`).toContain(`Node ${node.id}`);
        const box = new RegExp(`name="Node ${node.id}"[\\s\\S]*?</p:sp>`).exec(read.xml)![0];
        expect(normalize(htmlText(box))).toBe(normalize(node.label));
      }
      // In columns the column shows what hangs from what (as in the deck): no connectors.
      const drawn = diagram.arrange === 'columns' ? [] : diagram.edges;
      expect(read.connectors.length, `slide ${i + 1}`).toBe(drawn.length);
      for (const edge of drawn) {
        const connector = read.connectors.find((c) => c.name === `Edge ${edge.from}-${edge.to}`)!;
        expect(connector.from).toBe(read.ids.get(`Node ${edge.from}`));
        expect(connector.to).toBe(read.ids.get(`Node ${edge.to}`));
      }
    });
    expect(diagrams).toBe(4);
    expect(deck.slides.some((s) => s.diagram?.diagram.type === 'graph' && s.diagram.diagram.arrange === 'columns')).toBe(true);
  });

  it('sets Japanese as Japanese: every run in ja-JP, in the theme’s typefaces (the deck’s Noto Sans JP), never a literal one', async () => {
    const deck = get('asi-policy-memo-4');
    for (const [i, slide] of deck.pres.slides.entries()) {
      const runs = [...slide.xml.matchAll(/<a:(?:rPr|endParaRPr)\b[^>]*>/g)].map((m) => m[0]);
      expect(runs.length, `slide ${i + 1}`).toBeGreaterThan(0);
      for (const run of runs) expect(run, `slide ${i + 1}`).toContain('lang="ja-JP"');
      // Text in placeholders takes the theme's fonts from the master; text in diagram boxes and tables names them.
      for (const face of slide.xml.matchAll(/<a:(latin|ea|cs) typeface="([^"]*)"/g)) expect(face[2], `slide ${i + 1}`).toMatch(/^\+m[nj]-(lt|ea|cs)$/);
    }
    const JSZip = (await import('jszip')).default;
    const theme = await (await JSZip.loadAsync(readFileSync(deck.file))).file('ppt/theme/theme1.xml')!.async('string');
    const minor = /<a:minorFont>([\s\S]*?)<\/a:minorFont>/.exec(theme)![1]!;
    expect(minor).toContain('<a:latin typeface="Noto Sans JP"');
    expect(minor).toContain('<a:ea typeface="Noto Sans JP"');
    // An English memo is set in English.
    expect(get('english-brief').pres.slides[1]!.xml).toContain('lang="en-US"');
    expect(get('english-brief').pres.slides[1]!.xml).not.toContain('lang="ja-JP"');
  });

  it('titles every slide in a title placeholder (ctrTitle on the title slide), keeps all text in placeholders but for the diagrams’ groups, gives every group and picture its alternative text', () => {
    for (const deck of decks()) {
      deck.slides.forEach((slide, i) => {
        const read = deck.pres.slides[i]!;
        const where = `${deck.name} slide ${i + 1}`;
        const title = read.placeholders.find((p) => p.type === (slide.kind === 'title' ? 'ctrTitle' : 'title'));
        expect(title, where).toBeDefined();
        expect(normalize(title!.text), where).toContain(normalize(inlineText(slide.title, true)));
        // Read first: the title is the first shape in the tree (reading order).
        expect(topLevel(read.xml)[0]!.xml, where).toMatch(/<p:ph type="(ctrTitle|title)"/);
        expect(read.looseText, where).toEqual([]);
        for (const object of read.objects) expect(object.alt.trim(), `${where}: ${object.name}`).not.toBe('');
        if (slide.diagram?.diagram.type === 'graph') expect(read.objects.filter((o) => o.kind === 'group').map((o) => o.alt), where).toEqual([slide.diagram.label]);
        // The footer and the slide's number in their placeholders.
        if (slide.kind !== 'title') expect(read.placeholders.some((p) => p.type === 'sldNum'), where).toBe(true);
      });
    }
    const branded = get('dark-brand');
    expect(branded.pres.slides[1]!.placeholders.find((p) => p.type === 'ftr')?.text).toBe(FOOTER);
    // The title slide's byline in the subtitle placeholder.
    const cover = get('asi-policy-memo-4').pres.slides[0]!;
    expect(cover.placeholders.find((p) => p.type === 'subTitle')?.text).toContain('森 聡');
  });

  it('places each slide in one of its own named layouts, built from the deck’s theme: title, section, content, cards in two content', async () => {
    const JSZip = (await import('jszip')).default;
    for (const deck of decks()) {
      const zip = await JSZip.loadAsync(readFileSync(deck.file));
      const names = new Map<string, string>();
      for (const part of Object.keys(zip.files).filter((n) => /^ppt\/slideLayouts\/[^/]+\.xml$/.test(n))) names.set(part, /<p:cSld name="([^"]*)"/.exec(await zip.file(part)!.async('string'))![1]!);
      expect([...names.values()].sort(), deck.name).toEqual(['Closing', 'Section', 'Title', 'Title Only', 'Title and Content', 'Two Content'].sort());
      deck.slides.forEach((slide, i) => {
        const layout = names.get(deck.pres.slides[i]!.layout);
        const expected = slide.kind === 'title' ? 'Title' : slide.kind === 'closing' ? 'Closing' : slide.layout === 'section' ? 'Section' : slide.layout === 'cards' ? 'Two Content' : (slide.diagram || slide.table || slide.image) && !slide.items.length ? 'Title Only' : 'Title and Content';
        expect(layout, `${deck.name} slide ${i + 1}`).toBe(expected);
      });
      // The theme's colours are the deck's: its accent is accent1.
      const theme = await zip.file('ppt/theme/theme1.xml')!.async('string');
      const accent = deck.name === 'dark-brand' ? null : loadTheme().color.accent;
      if (accent) expect(theme).toMatch(new RegExp(`<a:accent1><a:srgbClr val="${accent.slice(1)}"`, 'i'));
    }
  });

  it('keeps bold, links and list levels; a paragraph per list item', () => {
    const deck = get('asi-policy-memo-4');
    const agenda = deck.pres.slides[1]!.xml;
    expect(agenda).toMatch(/<a:hlinkClick r:id="rId\d+" action="ppaction:\/\/hlinksldjump"/);
    const list = deck.slides.findIndex((s) => s.items.some((item) => item.level === 1));
    const xml = deck.pres.slides[list]!.xml;
    expect(xml).toMatch(/<a:pPr[^>]*lvl="1"/);
    expect(deck.pres.slides[list]!.paragraphs.length).toBeGreaterThanOrEqual(deck.slides[list]!.items.length);
    const sources = deck.pres.slides.at(-2)!.xml;
    expect(sources).toMatch(/<a:hlinkClick r:id="rId\d+"\/>|<a:hlinkClick r:id="rId\d+" /);
  });

  it('draws a table as a PowerPoint table, an image as a picture with its caption', () => {
    const deck = get('table-part');
    const at = deck.slides.findIndex((s) => s.table);
    const table = deck.slides[at]!.table!;
    const xml = deck.pres.slides[at]!.xml;
    expect(xml).toContain('<a:tbl>');
    expect([...xml.matchAll(/<a:tr /g)].length).toBe(table.rows.length + 1);
    for (const row of table.rows) for (const cell of row.cells) expect(normalize(htmlText(xml))).toContain(normalize(inlineText(cell)));
    // Its geometry is theme.json's table, as theme.css draws it: cell padding in the same em
    // (left/right to top/bottom), the rules in the same px (a px is 9525 EMU).
    const t = loadTheme().table;
    const [, marL, marT] = xml.match(/<a:tcPr marL="(\d+)" marR="\d+" marT="(\d+)"/)!;
    expect(Number(marL) / Number(marT)).toBeCloseTo(t.padXEm / t.padYEm, 1);
    const rules = [...xml.matchAll(/<a:lnB w="(\d+)">/g)].map((m) => Number(m[1]));
    expect(new Set(rules)).toEqual(new Set([t.headRule * 9525, t.rule * 9525]));
    const pictured = get('picture');
    const shown = pictured.slides.findIndex((s) => s.image);
    expect(pictured.pres.slides[shown]!.xml).toMatch(/<p:pic>[\s\S]*name="Image"/);
    expect(pictured.pres.slides[shown]!.paragraphs.map(normalize)).toContain(normalize(pictured.slides[shown]!.image!.alt));
    expect(ink(pictured.pdf, shown + 1, { x0: 0.2, y0: 0.3, x1: 0.8, y1: 0.8 })).toBeGreaterThan(0.1);
  });

  it('writes paragraphs as the schema has them: their properties once, first; Japanese headings broken between phrases', () => {
    for (const deck of decks()) {
      for (const [i, slide] of deck.pres.slides.entries()) {
        for (const [p] of slide.xml.matchAll(/<a:p>[\s\S]*?<\/a:p>/g)) {
          expect((p.match(/<a:pPr\b/g) ?? []).length, `${deck.name} slide ${i + 1}`).toBeLessThanOrEqual(1);
          if (p.includes('<a:pPr')) expect(p.startsWith('<a:p><a:pPr'), `${deck.name} slide ${i + 1}`).toBe(true);
        }
      }
    }
    // The title slide's long title wraps between phrases, in lines of even length as the deck
    // draws it (text-wrap: balance), never inside a word.
    const title = /name="Title"[\s\S]*?<\/p:sp>/.exec(get('asi-policy-memo-4').pres.slides[0]!.xml)![0];
    expect(htmlText(title.replace(/<a:br\/>/g, '<a:t>|</a:t>'))).toContain('ナショナリズムの|時代における日米同盟');
  });

  it('carries the title, the authors and the series as document properties', () => {
    const { core } = get('asi-policy-memo-4').pres;
    expect(core).toContain('<dc:title>テクノ・ナショナリズムの時代における日米同盟</dc:title>');
    expect(core).toContain('<dc:creator>ジェームス・L・ショフ, 森 聡</dc:creator>');
    expect(core).toContain('<dc:subject>ポリシー・メモランダム #4</dc:subject>');
  });

  it('says every sentence of the memo, and shows every planned entry on its slide (what check reads back)', () => {
    for (const deck of decks()) expect(pptxProblems(deck.memo, deck.slides, deck.pres, deck.name), deck.name).toEqual([]);
    // …and that reading can fail: a recommendation moved off its slide is found.
    const deck = get('asi-policy-memo-4');
    const at = deck.slides.findIndex((s) => s.kind === 'initiative');
    const last = normalize(inlineText(deck.slides[at]!.items.at(-1)!.content, true));
    const cut = { ...deck.pres, slides: deck.pres.slides.map((s, i) => (i === at ? { ...s, paragraphs: s.paragraphs.filter((p) => !normalize(p).includes(last)) } : s)) };
    expect(pptxProblems(deck.memo, deck.slides, cut, deck.name).map((d) => d.code)).toContain('pptx-missing-entry');
  });
});

/** The text of a shape's runs. */
const htmlText = (xml: string) => [...xml.matchAll(/<a:t>([\s\S]*?)<\/a:t>/g)].map((m) => m[1]).join('');

describe('the PowerPoint file, opened in LibreOffice', () => {
  it('opens with a page per slide, and every memo sentence is on a page or in the notes', () => {
    for (const deck of decks()) {
      expect(pageCount(deck.pdf), deck.name).toBe(deck.slides.length);
      // pdftotext joins a word broken at its hyphen ("non-⏎renewable" → "nonrenewable"): hyphens are not compared.
      const comparable = (text: string) => normalize(text).replace(/-/g, '');
      const pages = comparable(Array.from({ length: deck.slides.length }, (_, i) => pageText(deck.pdf, i + 1)).join('\n'));
      const notes = comparable(deck.pres.slides.flatMap((s) => s.notes).join('\n'));
      const lost = memoSentences(deck.memo).filter((s) => !pages.includes(comparable(s.text)) && !notes.includes(comparable(s.text)));
      expect(lost.map((s) => s.text), deck.name).toEqual([]);
      // What is on the slides is on the pages (not only in the XML).
      for (const [i, slide] of deck.slides.entries()) expect(comparable(pageText(deck.pdf, i + 1)), `${deck.name} page ${i + 1}`).toContain(comparable(inlineText(slide.title)));
    }
  });

  it('renders no page blank, and draws the diagrams where the deck has them', () => {
    for (const deck of decks()) {
      for (let n = 1; n <= deck.slides.length; n++) expect(ink(deck.pdf, n), `${deck.name} page ${n}`).toBeGreaterThan(0.01);
      deck.slides.forEach((slide, i) => {
        if (slide.diagram) expect(ink(deck.pdf, i + 1, { x0: 0.05, y0: 0.3, x1: 0.95, y1: 0.85 }), `${deck.name} diagram page ${i + 1}`).toBeGreaterThan(0.02);
      });
    }
  });

  it('shows the dark theme, the logo and the footer on every slide after the title', () => {
    const deck = get('dark-brand');
    const dark = loadTheme().themes.dark.background!;
    const rgb = [1, 3, 5].map((i) => parseInt(dark.slice(i, i + 2), 16));
    for (let n = 1; n <= deck.slides.length; n++) {
      const text = normalize(pageText(deck.pdf, n));
      expect(text.includes(normalize(FOOTER)), `page ${n}`).toBe(n > 1);
      expect(deck.pres.slides[n - 1]!.xml.includes('name="Logo"'), `slide ${n}`).toBe(n > 1);
      const kind = deck.slides[n - 1]!.kind;
      if (kind === 'title' || kind === 'closing') continue;
      const corner = pagePixels(deck.pdf, n, 24).at(2, 2);
      corner.forEach((c, k) => expect(Math.abs(c - rgb[k]!), `page ${n}`).toBeLessThan(12));
    }
    // A memo's own Mermaid diagram is a picture in the file.
    const fence = deck.slides.findIndex((s) => s.diagram?.diagram.type === 'mermaid');
    expect(fence).toBeGreaterThan(0);
    expect(deck.pres.slides[fence]!.xml).toMatch(/<p:pic>[\s\S]*name="Diagram"/);
  });
});

describe('the PowerPoint file, its theme swapped', () => {
  it('follows its theme: with ppt/theme/theme1.xml’s accent and text colours changed, LibreOffice draws the slides in the new ones', async () => {
    const JSZip = (await import('jszip')).default;
    const deck = get('asi-policy-memo-4');
    const zip = await JSZip.loadAsync(readFileSync(deck.file));
    const theme = await zip.file('ppt/theme/theme1.xml')!.async('string');
    const swapped = theme.replace(/(<a:accent1>)[\s\S]*?(<\/a:accent1>)/, '$1<a:srgbClr val="C00000"/>$2').replace(/(<a:accent2>)[\s\S]*?(<\/a:accent2>)/, '$1<a:srgbClr val="00A000"/>$2');
    expect(swapped).not.toBe(theme);
    zip.file('ppt/theme/theme1.xml', swapped);
    const dir = tempDir('briefdeck-theme-');
    const file = path.join(dir, 'swapped.pptx');
    writeFileSync(file, await zip.generateAsync({ type: 'uint8array' }));
    officePdf([file], dir);
    const pdf = path.join(dir, 'swapped.pdf');
    // The title slide's background is the accent: now red, where the deck's own is its blue.
    const [r, g, b] = pagePixels(pdf, 1, 24).at(2, 2);
    expect(r).toBeGreaterThan(170);
    expect(g + b).toBeLessThan(60);
    const [r0, , b0] = pagePixels(deck.pdf, 1, 24).at(2, 2);
    expect(b0).toBeGreaterThan(r0);
    // A diagram's connectors are drawn in accent2: green now.
    const at = deck.slides.findIndex((s) => s.diagram?.diagram.type === 'graph' && s.diagram.diagram.arrange !== 'columns');
    const page = pagePixels(pdf, at + 1, 72);
    let green = 0;
    for (let y = 0; y < page.height; y++) for (let x = 0; x < page.width; x++) {
      const [pr, pg, pb] = page.at(x, y);
      if (pg > 120 && pr < 90 && pb < 90) green++;
    }
    expect(green).toBeGreaterThan(3);
    rmSync(dir, { recursive: true, force: true });
  }, 150_000);
});

describe('briefdeck pptx', () => {
  it('writes dist/<deck>/<deck>.pptx; a failed run leaves the previous file as it was', async () => {
    const out = tempDir();
    const deck = copyDeck(OTHER_SHAPE, 'brief');
    const ok = await runCli('pptx', deck, '--out', out, '--quiet');
    expect(ok.code, ok.stderr).toBe(0);
    const file = path.join(out, 'brief', 'brief.pptx');
    const before = readFileSync(file);
    expect((await readPptx(before)).slides.length).toBeGreaterThan(3);
    copyFileSync(path.join(FIXTURES, 'bad/no-title.md'), path.join(deck, 'memo.md'));
    const failed = await runCli('pptx', deck, '--out', out);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/memo\.md:\d+: error/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(path.join(out, 'brief')).sort()).toEqual(['.brief.pptx-source', 'brief.pptx']);
  });
});
