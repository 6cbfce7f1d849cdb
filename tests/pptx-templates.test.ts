// Issue 20: a PowerPoint file made in an organisation's template. Templates from several producers
// (tests/fixtures/templates/: LibreOffice's own converted to .pptx, a master made with pptxgenjs,
// one edited by hand, a .potx) each turn the bundled memo into a file that keeps the template's
// layouts, theme fonts and colours; every sentence of the memo is on a slide or in its notes;
// every slide's title is in a title placeholder; and LibreOffice draws no text of the deck
// outside the shape that holds it (poppler's pdftotext -bbox against the slide's XML).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalize } from '../src/model/fidelity.ts';
import { pptxProblems } from '../src/pptx/fidelity.ts';
import { readPptx, topLevel, type ReadPresentation } from '../src/pptx/read.ts';
import { readTemplate } from '../src/pptx/template-read.ts';
import type { Memo, Slide } from '../src/model/types.ts';
import { BUNDLED_DECK, copyDeck, FIXTURES, runCli, tempDir } from './helpers.ts';
import { pageCount } from './poppler.ts';
import { officePdf } from './office.ts';
import { xmlProblems } from './xml.ts';
import { sharedBrowser } from './shared-browser.ts';

const TEMPLATES = path.join(FIXTURES, 'templates');
// One of each producer (the reader's own tests, tests/pptx-template.test.ts, read every fixture).
const templates = ['hand-edited-ja.potx', 'libreoffice-blue-curve.pptx', 'powerpoint-python-pptx.pptx', 'pptxgenjs-master.pptx'];
const made: string[] = [];
const temp = (prefix?: string) => {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
};

interface Made {
  template: string;
  file: string;
  pres: ReadPresentation;
  pdf: string;
}
const outputs = new Map<string, Made>();
let plan: { memo: Memo; slides: Slide[] };

beforeAll(async () => {
  expect(templates.length).toBeGreaterThanOrEqual(4);
  const out = temp();
  for (const [i, template] of templates.entries()) {
    const run = await runCli('pptx', BUNDLED_DECK, '--out', path.join(out, `run${i}`), '--quiet', '--template', path.join(TEMPLATES, template));
    expect(run.code, `${template}: ${run.stderr}`).toBe(0);
    const file = path.join(out, `run${i}`, 'asi-policy-memo-4', 'asi-policy-memo-4.pptx');
    const copy = path.join(out, `${i}-${template.replace(/\.\w+$/, '')}.pptx`);
    copyFileSync(file, copy);
    outputs.set(template, { template, file: copy, pres: await readPptx(readFileSync(copy)), pdf: copy.replace(/\.pptx$/, '.pdf') });
  }
  officePdf([...outputs.values()].map((m) => m.file), out, 400_000);
  const { compileDeck } = await import('../src/pipeline/compile.ts');
  const { DiagramRenderer } = await import('../src/diagrams/render.ts');
  const { loadTheme } = await import('../src/model/theme.ts');
  const { deckAt } = await import('../src/core/deck-folder.ts');
  const renderer = new DiagramRenderer(await sharedBrowser(), loadTheme());
  try {
    const compiled = await compileDeck(deckAt(BUNDLED_DECK), renderer);
    plan = { memo: compiled.memo, slides: compiled.slides };
  } finally {
    await renderer.close();
  }
}, 600_000);

afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Each `<a:clrScheme>` and `<a:fontScheme>` of a package's theme parts, by part. */
async function themes(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/theme\/theme\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    out.set(name, `${/<a:clrScheme[\s\S]*?<\/a:clrScheme>/.exec(xml)?.[0]}${/<a:fontScheme[\s\S]*?<\/a:fontScheme>/.exec(xml)?.[0]}`);
  }
  return out;
}

/** Layout names by part. */
async function layoutNames(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => /^ppt\/slideLayouts\/[^/]+\.xml$/.test(n))) out.set(name, /<p:cSld(?: [^>]*)? name="([^"]*)"/.exec(await zip.file(name)!.async('string'))?.[1] ?? '');
  return out;
}

describe('a deck made in an organisation’s template', () => {
  it('keeps the template’s layouts, theme fonts and colours, and places each slide in one of its layouts', async () => {
    for (const { template, file, pres } of outputs.values()) {
      const source = path.join(TEMPLATES, template);
      expect(await layoutNames(file), template).toEqual(await layoutNames(source));
      const theirs = await themes(source);
      const ours = await themes(file);
      for (const [part, scheme] of theirs) if (ours.has(part)) expect(ours.get(part), `${template} ${part}`).toBe(scheme);
      const layouts = await layoutNames(file);
      for (const [i, slide] of pres.slides.entries()) expect(layouts.has(slide.layout), `${template} slide ${i + 1}: ${slide.layout}`).toBe(true);
    }
  });

  it('is XML a conforming parser reads, has one slide per deck slide, and says every sentence of the memo; every slide titled in a title placeholder', () => {
    for (const { template, file, pres } of outputs.values()) {
      expect(xmlProblems(file), template).toEqual({ parts: expect.any(Number), problems: [] });
      expect(pres.slides.length, template).toBe(plan.slides.length);
      expect(pptxProblems(plan.memo, plan.slides, pres, template), template).toEqual([]);
      for (const [i, slide] of pres.slides.entries()) {
        expect(slide.looseText, `${template} slide ${i + 1}`).toEqual([]);
        for (const object of slide.objects) expect(object.alt, `${template} slide ${i + 1} ${object.name}`).not.toBe('');
      }
    }
  });

  it('keeps the template’s own footer on every slide after the title (the hand-edited template’s master says it)', () => {
    const { pres } = outputs.get('hand-edited-ja.potx')!;
    pres.slides.forEach((slide, i) => {
      if (i === 0) return;
      expect(slide.placeholders.find((p) => p.type === 'ftr')?.text, `slide ${i + 1}`).toBe('Example Ministry · 内部資料');
    });
  });

  it('fits what a small placeholder cannot hold legibly by shrinking it, says so for each slide, and loses nothing', async () => {
    // The pptxgenjs master with every body placeholder cut to an inch high.
    const zip = await JSZip.loadAsync(readFileSync(path.join(TEMPLATES, 'pptxgenjs-master.pptx')));
    for (const name of Object.keys(zip.files).filter((n) => /^ppt\/slideLayouts\/[^/]+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async('string');
      zip.file(name, xml.replace(/<p:sp>[\s\S]*?<\/p:sp>/g, (sp) => (/<p:ph\b[^>]*type="body"/.test(sp) ? sp.replace(/(<a:ext cx="\d+" cy=")\d+"/, '$1914400"') : sp)));
    }
    const dir = temp();
    const small = path.join(dir, 'small.pptx');
    writeFileSync(small, await zip.generateAsync({ type: 'uint8array' }));
    const out = temp();
    const run = await runCli('pptx', BUNDLED_DECK, '--out', out, '--template', small);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: asi-policy-memo-4\.pptx: slide \d+ \("[^"]+"\): its text does not fit the template's "[^"]+" at the smallest legible size/);
    const pres = await readPptx(readFileSync(path.join(out, 'asi-policy-memo-4', 'asi-policy-memo-4.pptx')));
    expect(pptxProblems(plan.memo, plan.slides, pres, 'small.pptx')).toEqual([]);
    expect(pres.slides.some((s) => /<a:normAutofit\/>/.test(s.xml))).toBe(true);
  }, 120_000);

  it('places each diagram inside the page, under its slide’s title; sets a title slide’s subtitle in its placeholder’s own colour', () => {
    for (const { template, pres } of outputs.values()) {
      for (const [i, slide] of pres.slides.entries()) {
        const group = topLevel(slide.xml).find((e) => e.tag === 'p:grpSp');
        if (!group) continue;
        const box = (xml: string) => {
          const m = /<a:off x="(-?\d+)" y="(-?\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"/.exec(xml)!;
          return { x: Number(m[1]), y: Number(m[2]), cx: Number(m[3]), cy: Number(m[4]) };
        };
        const g = box(group.xml);
        const title = box(topLevel(slide.xml).find((e) => /<p:ph type="(title|ctrTitle)"/.test(e.xml))!.xml);
        const where = `${template} slide ${i + 1}`;
        expect(g.y, where).toBeGreaterThanOrEqual(title.y + title.cy - 12700);
        expect(g.x, where).toBeGreaterThanOrEqual(0);
      }
      // The template knows what reads on its cover: no colour of the deck's is forced on it.
      const subtitle = topLevel(pres.slides[0]!.xml).find((e) => /<p:ph type="subTitle"/.test(e.xml));
      if (subtitle) expect(subtitle.xml, template).not.toMatch(/<a:solidFill>/);
    }
  });

  it('titles every slide even on a template whose layouts have no title placeholder (a title placeholder on the page)', async () => {
    const zip = await JSZip.loadAsync(readFileSync(path.join(TEMPLATES, 'pptxgenjs-master.pptx')));
    for (const name of Object.keys(zip.files).filter((n) => /^ppt\/slideLayouts\/[^/]+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async('string');
      zip.file(name, xml.replace(/<p:sp>[\s\S]*?<\/p:sp>/g, (sp) => (/<p:ph\b[^>]*type="(title|ctrTitle)"/.test(sp) ? '' : sp)));
    }
    const dir = temp();
    const untitled = path.join(dir, 'untitled.pptx');
    writeFileSync(untitled, await zip.generateAsync({ type: 'uint8array' }));
    const out = temp();
    const run = await runCli('pptx', BUNDLED_DECK, '--out', out, '--quiet', '--template', untitled);
    expect(run.code, run.stderr).toBe(0);
    const pres = await readPptx(readFileSync(path.join(out, 'asi-policy-memo-4', 'asi-policy-memo-4.pptx')));
    expect(pptxProblems(plan.memo, plan.slides, pres, 'untitled.pptx')).toEqual([]);
    const size = await JSZip.loadAsync(readFileSync(untitled)).then((z) => z.file('ppt/presentation.xml')!.async('string')).then((x) => /<p:sldSz cx="(\d+)" cy="(\d+)"/.exec(x)!);
    for (const slide of pres.slides) {
      const m = /<p:ph type="(?:title|ctrTitle)"\/>[\s\S]*?<a:off x="(\d+)" y="(\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"/.exec(slide.xml)!;
      expect(Number(m[1]) + Number(m[3])).toBeLessThanOrEqual(Number(size[1]));
      expect(Number(m[2]) + Number(m[4])).toBeLessThanOrEqual(Number(size[2]));
    }
  }, 120_000);

  it('takes its colours and fonts from the template’s theme: no literal colour or typeface in a slide', () => {
    for (const { template, pres } of outputs.values()) {
      for (const [i, slide] of pres.slides.entries()) {
        expect(slide.xml, `${template} slide ${i + 1}`).not.toMatch(/<a:srgbClr/);
        for (const face of slide.xml.matchAll(/<a:(?:latin|ea|cs) typeface="([^"]*)"/g)) expect(face[1], `${template} slide ${i + 1}`).toMatch(/^\+m[nj]-(lt|ea|cs)$/);
      }
    }
  });

  it('opens in LibreOffice with a page per slide, and draws no text of the deck outside the shape that holds it', () => {
    for (const { template, pdf, pres } of outputs.values()) {
      expect(existsSync(pdf), template).toBe(true);
      const pages = pageCount(pdf);
      expect(pages, template).toBe(pres.slides.length);
      const bbox = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const pageXml = [...bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)];
      expect(pageXml.length).toBe(pres.slides.length);
      pageXml.forEach((page, i) => {
        const [width, height] = [Number(page[1]), Number(page[2])];
        const slide = pres.slides[i]!;
        // Every top-level shape's box, in points (EMU / 12700).
        const boxes = topLevel(slide.xml).flatMap((e) => {
          const m = /<a:off x="(-?\d+)" y="(-?\d+)"\/><a:ext cx="(\d+)" cy="(\d+)"/.exec(e.xml);
          return m ? [{ x0: Number(m[1]) / 12700, y0: Number(m[2]) / 12700, x1: (Number(m[1]) + Number(m[3])) / 12700, y1: (Number(m[2]) + Number(m[4])) / 12700 }] : [];
        });
        const ours = normalize(slide.paragraphs.join(' '));
        for (const word of page[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
          const [x0, y0, x1, y1] = [1, 2, 3, 4].map((k) => Number(word[k])) as [number, number, number, number];
          const text = normalize(word[5]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
          // The template's own words (its master's decorations) are the template's concern.
          if (text.length < 2 || !ours.includes(text)) continue;
          const where = `${template} page ${i + 1}: "${word[5]}" at ${x0.toFixed(0)},${y0.toFixed(0)}–${x1.toFixed(0)},${y1.toFixed(0)}`;
          expect(x0 >= -1 && y0 >= -1 && x1 <= width + 1 && y1 <= height + 1, `${where} is off the page`).toBe(true);
          // Japanese typesetting hangs a closing stop or comma past the line's end (burasage): one em.
          const hang = /[。、，．）」』]$/.test(word[5]!) ? y1 - y0 : 0;
          const inside = boxes.some((b) => x0 >= b.x0 - 3 && x1 <= b.x1 + 3 + hang && y0 >= b.y0 - 3 && y1 <= b.y1 + 3);
          expect(inside, `${where} is outside every shape of the slide`).toBe(true);
        }
      });
    }
  });
});

describe('deck.yaml’s pptx: the template beside it, its layouts by kind of slide', () => {
  /** A copy of the bundled deck with deck.yaml's pptx part, and the first fixture template beside it. */
  function deckWithTemplate(pptx: string): { dir: string; out: string; file: string } {
    const dir = copyDeck(BUNDLED_DECK, 'memo4');
    made.push(path.dirname(dir));
    copyFileSync(path.join(TEMPLATES, templates[0]!), path.join(dir, 'corporate.pptx'));
    const config = path.join(dir, 'deck.yaml');
    writeFileSync(config, `${existsSync(config) ? readFileSync(config, 'utf8') : ''}\n${pptx}\n`);
    const out = temp();
    return { dir, out, file: path.join(out, 'memo4', 'memo4.pptx') };
  }
  const lineOf = (dir: string, text: string) => readFileSync(path.join(dir, 'deck.yaml'), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

  it('makes the file in the template it names, a layout it names taking the slides of its kind', async () => {
    const template = await readTemplate(readFileSync(path.join(TEMPLATES, templates[0]!)), templates[0]!);
    const other = template.layouts.find((l) => l.placeholders.some((p) => p.type === 'title') && l.placeholders.some((p) => p.type === 'body' || p.type === 'obj'))!;
    const { dir, out, file } = deckWithTemplate(`pptx:\n  template: corporate.pptx\n  layouts:\n    content: "${other.name}"`);
    const run = await runCli('pptx', dir, '--out', out, '--quiet');
    expect(run.code, run.stderr).toBe(0);
    const pres = await readPptx(readFileSync(file));
    const layouts = await layoutNames(file);
    expect(new Set(layouts.values())).toEqual(new Set(template.layouts.map((l) => l.name)));
    // A slide of plain entries (the memo's introduction) is in the layout named for content slides.
    const at = plan.slides.findIndex((s) => s.layout === 'points' || s.layout === 'list');
    expect(layouts.get(pres.slides[at]!.layout)).toBe(other.name);
  });

  it('refuses a template that is not there, not a presentation, outside the folder, or a layout it does not have — at the line that names it, nothing written', async () => {
    const cases: Array<{ yaml: string; code: RegExp; prepare?: (dir: string) => void }> = [
      { yaml: 'pptx:\n  template: missing.pptx', code: /deck\.yaml:\d+: error.*missing\.pptx/ },
      { yaml: 'pptx:\n  template: notes.pptx', code: /deck\.yaml:\d+: error.*notes\.pptx/, prepare: (dir) => writeFileSync(path.join(dir, 'notes.pptx'), 'not a presentation') },
      { yaml: 'pptx:\n  template: linked.pptx', code: /deck\.yaml:\d+: error.*outside/, prepare: (dir) => symlinkSync(path.join(TEMPLATES, templates[0]!), path.join(dir, 'linked.pptx')) },
      { yaml: 'pptx:\n  template: corporate.pptx\n  layouts:\n    section: "No Such Layout"', code: /deck\.yaml:\d+: error.*No Such Layout/ },
      { yaml: 'pptx:\n  template: corporate.docx', code: /deck\.yaml:\d+: error.*\.pptx or \.potx/ },
      { yaml: 'pptx:\n  layouts:\n    content: "No Such Layout"', code: /deck\.yaml:\d+: error.*no template is set/ },
    ];
    for (const c of cases) {
      const { dir, out, file } = deckWithTemplate(c.yaml);
      c.prepare?.(dir);
      const run = await runCli('pptx', dir, '--out', out);
      expect(run.code, `${c.yaml}: ${run.stderr}`).toBe(1);
      expect(run.stderr, c.yaml).toMatch(c.code);
      const key = c.yaml.includes('layouts') ? 'No Such Layout' : 'template:';
      expect(run.stderr, c.yaml).toContain(`deck.yaml:${lineOf(dir, key)}`);
      expect(run.stderr, c.yaml).not.toMatch(/\n\s+at \S|a bug in briefdeck/);
      expect(existsSync(file), c.yaml).toBe(false);
    }
  });

  it('gives the HTML deck the template’s accent where the brand sets none (and the brand’s where it does)', async () => {
    const { compileDeck } = await import('../src/pipeline/compile.ts');
    const { DiagramRenderer } = await import('../src/diagrams/render.ts');
    const { loadTheme } = await import('../src/model/theme.ts');
    const { deckAt } = await import('../src/core/deck-folder.ts');
    const template = await readTemplate(readFileSync(path.join(TEMPLATES, templates[0]!)), templates[0]!);
    const plain = deckWithTemplate('pptx:\n  template: corporate.pptx');
    const branded = deckWithTemplate('pptx:\n  template: corporate.pptx\nbrand:\n  accent: "#0b4f8a"');
    const renderer = new DiagramRenderer(await sharedBrowser(), loadTheme());
    try {
      expect((await compileDeck(deckAt(plain.dir), renderer)).theme.color.accent).toBe(template.theme.colors.accent1.toLowerCase());
      expect((await compileDeck(deckAt(branded.dir), renderer)).theme.color.accent).toBe('#0b4f8a');
    } finally {
      await renderer.close();
    }
  }, 120_000);

  it('--template names a file anywhere; one that is not a presentation is refused by name, nothing written', async () => {
    const out = temp();
    const bad = path.join(temp(), 'budget.pptx');
    mkdirSync(path.dirname(bad), { recursive: true });
    writeFileSync(bad, 'PK not really');
    const run = await runCli('pptx', BUNDLED_DECK, '--out', out, '--template', bad);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('budget.pptx');
    expect(run.stderr).not.toMatch(/\n\s+at \S|a bug in briefdeck/);
    expect(readdirSync(out)).toEqual([]);
  });
});
