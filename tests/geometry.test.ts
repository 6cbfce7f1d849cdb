// The slide geometry lives once, in templates/theme.json: templates/theme.css reads it as --bd-*
// variables, and the PowerPoint file's own slides and master are drawn from it. Proven three ways:
// theme.css's layout rules hold no number of their own; with the tokens changed, Chromium lays the
// band, the slide number and the head out where the TypeScript says; and a built deck's footer band
// and slide number, measured in Chromium, are the boxes its PowerPoint file draws.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import JSZip from 'jszip';
import postcss from 'postcss';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { deckAt } from '../src/core/deck-folder.ts';
import { TEMPLATES_DIR } from '../src/core/paths.ts';
import { furnitureBoxes, headBlockHeight, headFoot, loadTheme, themeCssVariables, type PxBox, type Theme } from '../src/model/theme.ts';
import { buildDecks, exportDeckPptx, type BuiltDeck } from '../src/pipeline/build.ts';
import { defaultTemplate } from '../src/pptx/template-default.ts';
import { FIXTURES, openDeck, serve, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();

const THEME_CSS = readFileSync(path.join(TEMPLATES_DIR, 'theme.css'), 'utf8');
const EMU_PER_PX = 9525;

/** The declarations of theme.css's rule for this selector. */
function declarations(selector: string): Map<string, string> {
  const out = new Map<string, string>();
  postcss.parse(THEME_CSS).walkRules((rule) => {
    if (rule.selectors.includes(selector)) rule.walkDecls((d) => void out.set(d.prop, d.value));
  });
  return out;
}

describe('theme.css takes the slide geometry from theme.json, never a number of its own', () => {
  // Every declaration that places the band, the logo, the slide number and the head, and the type
  // scale the PowerPoint file repeats: a var(--bd-…) each, no px or em literal.
  const read: Record<string, string[]> = {
    '.reveal .bd-furniture': ['left', 'right', 'bottom', 'height', 'gap', 'font-size', 'line-height'],
    '.reveal .bd-logo': ['height'],
    '.reveal .slide-number': ['font-size', 'line-height', 'padding', 'right', 'bottom'],
    '.reveal .bd-frame': ['padding'],
    '.reveal .bd-kicker': ['margin', 'font-size'],
    '.reveal .bd-head': ['border-bottom', 'margin-bottom'],
    '.reveal .bd-head .bd-title': ['margin-bottom'],
    '.reveal .bd-layout-cards .bd-body': ['gap', 'padding'],
    '.reveal .bd-layout-cards ul.bd-items > li': ['padding', 'border-top', 'line-height'],
    '.reveal .bd-table': ['line-height'],
    '.reveal .bd-table td': ['padding', 'border-bottom'],
    '.reveal .bd-table th': ['border-bottom'],
    '.reveal .bd-number': ['font-size'],
    '.reveal .bd-layout-section .bd-head .bd-title': ['font-size'],
    '.reveal section.bd-layout-section .bd-plain': ['padding', 'margin-bottom', 'border-left'],
    '.reveal section.bd-kind-title .bd-title': ['font-size'],
  };
  for (const [selector, props] of Object.entries(read)) {
    it(`${selector}: ${props.join(', ')} from --bd-* variables`, () => {
      const decls = declarations(selector);
      for (const prop of props) {
        const value = decls.get(prop);
        expect(value, `${selector} ${prop}`).toMatch(/var\(--bd-/);
        // No length typed in beside the variable (a 0 and the colour aside).
        expect(value!.replace(/var\([^)]*\)/g, ''), `${selector} ${prop}`).not.toMatch(/\d+(\.\d+)?(px|em)\b/);
      }
    });
  }

  it('the band sits in the room the frame leaves under the body, on the slide', () => {
    const t = loadTheme();
    const { band, number } = furnitureBoxes(t);
    expect(band.y).toBeGreaterThanOrEqual(t.slide.height - t.slide.paddingBottom);
    expect(band.y + band.height).toBeLessThanOrEqual(t.slide.height);
    expect(number.x).toBeGreaterThanOrEqual(band.x + band.width);
    expect(number.width).toBeGreaterThan(t.furniture.number.size * 2);
  });
});

/** theme.css with a theme's variables, on a bare slide: the band, the slide number and a head over a body. */
function barePage(t: Theme): string {
  const { width, height } = t.slide;
  return `<!doctype html><html><head><style>${themeCssVariables(t)}\n${THEME_CSS}
  body { margin: 0 } .reveal { position: relative; width: ${width}px; height: ${height}px; overflow: hidden }
  .reveal .slides > section.bd-slide { position: absolute; inset: 0; width: ${width}px; height: ${height}px; display: block }
  .reveal .slide-number { position: absolute }
  </style></head><body><div class="reveal"><div class="slides"><section class="bd-slide bd-layout-list"><div class="bd-frame">
  <header class="bd-head"><p class="bd-kicker">Kicker</p><h2 class="bd-title">A title of one line</h2></header><div class="bd-body"><p>Body</p></div></div>
  <footer class="bd-furniture"><img class="bd-logo" alt="" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='80' height='40'/%3E"><span class="bd-footer">Footer</span></footer>
  </section></div><div class="slide-number">12</div></div></body></html>`;
}

interface Laid {
  band: PxBox;
  logo: PxBox;
  footer: PxBox;
  /** The slide number's text: its box inside the padding. */
  number: PxBox;
  numberPx: number;
  frameTop: number;
  titleBottom: number;
  rule: { top: number; width: number };
  bodyTop: number;
}

async function laidOut(page: Page): Promise<Laid> {
  return page.evaluate(() => {
    const box = (el: Element): PxBox => {
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    const q = (s: string) => document.querySelector(s)!;
    const number = q('.slide-number') as HTMLElement;
    const style = getComputedStyle(number);
    const n = box(number);
    const [pt, pr, pb, pl] = ['paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft'].map((k) => parseFloat(style[k as 'paddingTop']));
    const head = q('.bd-head');
    const ruleWidth = parseFloat(getComputedStyle(head).borderBottomWidth);
    return {
      band: box(q('.bd-furniture')),
      logo: box(q('.bd-logo')),
      footer: box(q('.bd-footer')),
      number: { x: n.x + pl!, y: n.y + pt!, width: n.width - pl! - pr!, height: n.height - pt! - pb! },
      numberPx: parseFloat(style.fontSize),
      frameTop: q('.bd-frame').getBoundingClientRect().top + parseFloat(getComputedStyle(q('.bd-frame')).paddingTop),
      titleBottom: q('.bd-title').getBoundingClientRect().bottom,
      rule: { top: head.getBoundingClientRect().bottom - ruleWidth, width: ruleWidth },
      bodyTop: q('.bd-body').getBoundingClientRect().top,
    };
  });
}

/** The theme with every geometry token moved: a number copied anywhere stays behind. */
function moved(t: Theme): Theme {
  return {
    ...t,
    furniture: { bottom: 9, height: 57, right: 300, gap: 25, logoHeight: 33, lineHeight: 1.1, number: { size: 23, right: 101, bottom: 11, paddingY: 6, paddingX: 13 } },
    head: { kickerAfterEm: 0.5, titleAfterEm: 0.9, subtitleAfterEm: 0.8, rule: 7, afterEm: 1.3 },
  };
}

const near = (actual: PxBox, expected: PxBox, what: string) => {
  for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(actual[k] - expected[k]), `${what} ${k}: ${actual[k]} vs ${expected[k]}`).toBeLessThanOrEqual(0.5);
};

describe('Chromium lays theme.css out where the TypeScript geometry says, whatever the tokens', () => {
  for (const [name, theme] of [['theme.json as it is', loadTheme()], ['every token moved', moved(loadTheme())]] as const) {
    it(`${name}: the band, the logo, the slide number and the head`, async () => {
      const laid = await browser.withPage(async (page) => {
        await page.setViewport({ width: theme.slide.width, height: theme.slide.height });
        await page.setContent(barePage(theme), { waitUntil: 'load' });
        return laidOut(page);
      });
      const boxes = furnitureBoxes(theme);
      near(laid.band, boxes.band, 'band');
      // The slide number's text ends where its box does (the deck's is as wide as its digits).
      near({ ...laid.number, x: laid.number.x + laid.number.width - boxes.number.width, width: boxes.number.width }, boxes.number, 'slide number');
      expect(laid.numberPx).toBe(theme.furniture.number.size);
      expect(laid.logo.height).toBeCloseTo(theme.furniture.logoHeight, 1);
      // The logo centred in the band, the footer line a gap after it.
      expect(laid.logo.y - laid.band.y).toBeCloseTo((theme.furniture.height - theme.furniture.logoHeight) / 2, 1);
      expect(laid.footer.x - (laid.logo.x + laid.logo.width)).toBeCloseTo(theme.furniture.gap, 1);
      const foot = headFoot(theme, laid.titleBottom, { px: theme.font.title, afterEm: theme.head.titleAfterEm });
      expect(laid.rule.width).toBe(theme.head.rule);
      expect(laid.rule.top).toBeCloseTo(foot.ruleTop, 1);
      expect(laid.bodyTop).toBeCloseTo(foot.bodyTop, 1);
      // The head the planner gives a diagram room under: a kicker and a title line.
      expect(laid.bodyTop - laid.frameTop).toBeCloseTo(headBlockHeight(theme, 1, true), 1);
    });
  }

  it('the PowerPoint master’s footer band and slide number follow the tokens too', async () => {
    const theme = moved(loadTheme());
    const template = await defaultTemplate(theme, { language: 'en' });
    const layout = template.layouts.find((l) => l.name === 'Title and Content')!;
    const px = (type: string) => {
      const b = layout.placeholders.find((p) => p.type === type)!.box;
      return { x: b.x / EMU_PER_PX, y: b.y / EMU_PER_PX, width: b.cx / EMU_PER_PX, height: b.cy / EMU_PER_PX };
    };
    const { band, number } = furnitureBoxes(theme);
    const footer = px('ftr');
    expect([footer.x, footer.y, footer.height]).toEqual([band.x, band.y, band.height].map((v) => expect.closeTo(v, 1)));
    expect(footer.x + footer.width).toBeLessThanOrEqual(band.x + band.width + 0.5);
    near(px('sldNum'), number, 'master slide number');
  });
});

/** A shape of a slide by its name: its box in px. */
function shapeBox(xml: string, name: string): PxBox | undefined {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  for (const sp of Array.from(doc.getElementsByTagName('p:sp')).concat(Array.from(doc.getElementsByTagName('p:pic')))) {
    if (sp.getElementsByTagName('p:cNvPr')[0]?.getAttribute('name') !== name) continue;
    const off = sp.getElementsByTagName('a:off')[0]!;
    const ext = sp.getElementsByTagName('a:ext')[0]!;
    const v = (el: Element, a: string) => Number(el.getAttribute(a)) / EMU_PER_PX;
    return { x: v(off, 'x'), y: v(off, 'y'), width: v(ext, 'cx'), height: v(ext, 'cy') };
  }
  return undefined;
}

describe('a built deck and its PowerPoint file draw the bottom band in one place', () => {
  it('the branded deck: its footer band, logo and slide number as presented in Chromium are the PowerPoint slide’s boxes', async () => {
    const dir = path.join(FIXTURES, 'brand/dark-brand');
    const out = tempDir();
    const [built] = (await buildDecks([deckAt(dir)], out, browser, { pdf: false })) as [BuiltDeck];
    const [pptx] = await exportDeckPptx([deckAt(dir)], tempDir(), browser);
    const zip = await JSZip.loadAsync(readFileSync(pptx!));
    const slideXml = await zip.file('ppt/slides/slide2.xml')!.async('string');
    const { url, server } = await serve(built.dir);
    try {
      const deck = await browser.withPage(async (page) => {
        await openDeck(page, url);
        return page.evaluate(() => {
          window.Reveal!.configure({ transition: 'none' });
          window.Reveal!.slide(1);
          const box = (el: Element | null | undefined) => {
            const r = el!.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          };
          const slide = window.Reveal!.getCurrentSlide()!;
          // Reveal scales the slide into the window: back to the slide's own px.
          const frame = slide.getBoundingClientRect();
          const scale = frame.width / slide.offsetWidth;
          const inSlide = (b: { x: number; y: number; width: number; height: number }) => ({ x: (b.x - frame.x) / scale, y: (b.y - frame.y) / scale, width: b.width / scale, height: b.height / scale });
          const number = document.querySelector<HTMLElement>('.reveal .slide-number')!;
          const s = getComputedStyle(number);
          const n = box(number);
          return {
            band: inSlide(box(slide.querySelector('.bd-furniture'))),
            logo: inSlide(box(slide.querySelector('.bd-logo'))),
            footer: inSlide(box(slide.querySelector('.bd-footer'))),
            // The slide number is Reveal's, drawn in the window (1280×720: the slide's size), unscaled.
            numberRight: n.x + n.width - parseFloat(s.paddingRight),
            numberMiddle: n.y + n.height / 2,
            numberPx: parseFloat(s.fontSize),
          };
        });
      });
      const logo = shapeBox(slideXml, 'Logo')!;
      const footer = shapeBox(slideXml, 'Footer')!;
      const number = shapeBox(slideXml, 'Slide Number')!;
      near(logo, deck.logo, 'logo');
      // The footer's text box: from where the deck's footer line starts to the band's right end, the band high.
      near(footer, { x: deck.footer.x, y: deck.band.y, width: deck.band.x + deck.band.width - deck.footer.x, height: deck.band.height }, 'footer');
      expect(number.x + number.width).toBeCloseTo(deck.numberRight, 0);
      expect(number.y + number.height / 2).toBeCloseTo(deck.numberMiddle, 0);
      expect(slideXml).toMatch(new RegExp(`<a:fld [^>]*type="slidenum"><a:rPr[^>]* sz="${Math.round(deck.numberPx * 75)}"`));
    } finally {
      await server.close();
    }
  }, 180_000);
});
