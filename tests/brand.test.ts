// Themes and the team's brand (deck.yaml theme:, brand:, duration:) in every output, and
// Reveal's furniture: the slide number legible and clear of the controls, the speaker view in the
// deck's font with its pacing.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDecks, withTemporaryBuild, type BuiltDeck } from '../src/pipeline/build.ts';
import { checkBuilt } from '../src/check/check.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { loadTheme } from '../src/model/theme.ts';
import { copyDeck, FIXTURES, openDeck, ROOT, serve, tempDir } from './helpers.ts';
import { pageCount, pagePixels, pageText } from './poppler.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();
const BRANDED = path.join(FIXTURES, 'brand/dark-brand');
const FOOTER = 'Institute for Urban Resilience · December 2026';
let built: BuiltDeck;
let url: string;
let server: { close(): Promise<void> };
let page: Page;

beforeAll(async () => {
  [built] = (await buildDecks([deckAt(BRANDED)], tempDir(), browser, { pdf: true })) as [BuiltDeck];
  ({ url, server } = await serve(built.dir));
  page = await (await browser.get()).newPage();
  await openDeck(page, url);
});

afterAll(async () => {
  await server?.close();
});

const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;

describe('a deck in the dark theme with a logo, a footer and an accent', () => {
  it('shows the logo and the footer on every slide after the title, and not on the title', async () => {
    const furniture = await page.evaluate(() =>
      [...document.querySelectorAll('.slides > section')].map((s) => ({
        logo: (s.querySelector<HTMLImageElement>('img.bd-logo')?.naturalWidth ?? 0) > 0,
        footer: s.querySelector('.bd-footer')?.textContent ?? '',
      })),
    );
    expect(furniture[0]).toEqual({ logo: false, footer: '' });
    for (const slide of furniture.slice(1)) expect(slide).toEqual({ logo: true, footer: FOOTER });
  });

  it('draws in the dark theme with the brand accent: the theme’s own accent appears nowhere', async () => {
    const theme = loadTheme();
    const colours = await page.evaluate(() => {
      const seen = new Set<string>();
      for (const el of document.querySelectorAll('.reveal *, .reveal')) {
        const style = getComputedStyle(el);
        for (const value of [style.color, style.backgroundColor, style.borderTopColor, style.borderLeftColor, style.fill, style.stroke]) seen.add(value);
      }
      return { seen: [...seen], background: getComputedStyle(document.body).backgroundColor };
    });
    expect(colours.background).toBe(rgb(theme.themes.dark.background!));
    expect(colours.seen).toContain(rgb('#d9822b'));
    for (const own of [theme.color.accent, theme.themes.dark.accent!]) expect(colours.seen).not.toContain(rgb(own));
    const html = readFileSync(built.html, 'utf8').toLowerCase();
    for (const own of [theme.color.accent, theme.themes.dark.accent!]) expect(html).not.toContain(own.toLowerCase());
  });

  it('prints the logo and the footer on every slide page after the first, in the theme', () => {
    const pages = pageCount(built.pdf!.slides);
    expect(pages).toBe(built.deck.slides.length);
    for (let n = 1; n <= pages; n++) {
      const text = pageText(built.pdf!.slides, n).replace(/\s+/g, ' ');
      expect(text.includes(FOOTER), `page ${n}`).toBe(n > 1);
      // The page as a picture: the logo's green in its bottom-left corner, the dark background elsewhere.
      const { width, height, at } = pagePixels(built.pdf!.slides, n, 18);
      let green = 0;
      for (let y = Math.floor(height * 0.88); y < height; y++) for (let x = 0; x < width * 0.25; x++) {
        const [r, g, b] = at(x, y) as [number, number, number];
        if (g > 150 && r < 110 && b < 150) green++;
      }
      expect(green > 0, `page ${n}: logo`).toBe(n > 1);
      if (n > 1 && n < pages) expect(at(width - 3, 3)).toEqual([15, 22, 32]);
    }
  });

  it('passes check', async () => {
    const [result] = await withTemporaryBuild([deckAt(BRANDED)], browser, (dir, deck) => checkBuilt(dir, deck, browser));
    expect(result!.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('sets the speaker view’s pacing from duration:', async () => {
    expect(await page.evaluate(() => (window.Reveal!.getConfig() as { totalTime?: number }).totalTime)).toBe(20 * 60);
  });
});

describe('every theme', () => {
  for (const theme of ['dark', 'contrast']) {
    it(`${theme}: the bundled deck passes check (contrast, legibility, layout)`, async () => {
      const dir = copyDeck(path.join(ROOT, 'slides/asi-policy-memo-4'));
      writeFileSync(path.join(dir, 'deck.yaml'), `${readFileSync(path.join(dir, 'deck.yaml'), 'utf8')}\ntheme: ${theme}\n`);
      const [result] = await withTemporaryBuild([deckAt(dir)], browser, (d, deck) => checkBuilt(d, deck, browser));
      expect(result!.diagnostics).toEqual([]);
    });
  }
});

describe('an accent that fails WCAG AA', () => {
  it('fails check at the line of the configuration that set it', async () => {
    const dir = copyDeck(BRANDED);
    const config = path.join(dir, 'deck.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('"#d9822b"', '"#2a3340"'));
    const [result] = await withTemporaryBuild([deckAt(dir)], browser, (d, deck) => checkBuilt(d, deck, browser));
    expect(result!.diagnostics).toContainEqual(expect.objectContaining({ severity: 'error', code: 'accent-contrast', file: config, line: 5 }));
  });
});

describe('Reveal’s furniture', () => {
  it('shows the slide number at 18 px or more, at 4.5:1 against what is behind it, clear of the controls', async () => {
    for (const id of ['title', 's2-1']) {
      await page.evaluate((target) => window.Reveal!.slide(window.Reveal!.getIndices(document.getElementById(target)!).h), id);
      const number = await page.evaluate(() => {
        const el = document.querySelector<HTMLElement>('.reveal .slide-number')!;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        const controls = document.querySelector('.reveal .controls')!.getBoundingClientRect();
        const overlaps = !(box.right <= controls.left || box.left >= controls.right || box.bottom <= controls.top || box.top >= controls.bottom);
        return { size: parseFloat(style.fontSize) * (box.height / el.offsetHeight), color: style.color, background: style.backgroundColor, overlaps, text: el.textContent };
      });
      const lum = (c: string) => {
        const [r, g, b] = c.match(/\d+/g)!.slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const [hi, lo] = [lum(number.color), lum(number.background)].sort((a, b) => b - a);
      expect(number.text).toMatch(/\d+/);
      expect(number.size).toBeGreaterThanOrEqual(18);
      expect((hi! + 0.05) / (lo! + 0.05)).toBeGreaterThanOrEqual(4.5);
      expect(number.overlaps).toBe(false);
    }
  });

  it('shows the speaker notes in the deck’s font when the deck is served: every font face loads', async () => {
    await page.evaluate(() => window.Reveal!.slide(2));
    const popup = new Promise<Page>((resolve) => page.once('popup', (p) => resolve(p!)));
    await page.keyboard.press('s');
    const speaker = await popup;
    await speaker.waitForFunction(() => !!document.getElementById('bd-fonts') && (document.querySelector('.speaker-controls-notes .value')?.textContent ?? '').length > 10, { timeout: 20_000 });
    const faces = await speaker.evaluate(async () => {
      await Promise.all([...document.fonts].map((f) => f.load().catch(() => undefined)));
      return [...document.fonts].map((f) => f.status);
    });
    expect(faces.length).toBeGreaterThan(0);
    expect(faces.every((s) => s === 'loaded')).toBe(true);
    expect(await speaker.evaluate(() => getComputedStyle(document.querySelector('.speaker-controls-notes .value')!).fontFamily)).toContain('Noto Sans JP');
    await speaker.close();
  });
});
