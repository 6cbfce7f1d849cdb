// What the audience and the presenter see around the content: Reveal's own interface texts in the
// deck's language, and `check` measuring Reveal's furniture (slide number, controls) and the brand
// (logo, footer) as the deck is presented.
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { buildDecks, withTemporaryBuild, type BuiltDeck } from '../src/pipeline/build.ts';
import { checkBuilt, judgeFurniture, type CheckResult } from '../src/check/check.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { BUNDLED_DECK, copyDeck, FIXTURES, openDeck, serve, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();

/** Builds a deck (HTML only), opens it served, and hands the page to `fn`. */
async function presented<T>(dir: string, fn: (page: Page) => Promise<T>): Promise<T> {
  const [built] = (await buildDecks([deckAt(dir)], tempDir(), browser, { pdf: false })) as [BuiltDeck];
  const { url, server } = await serve(built.dir);
  const page = await (await browser.get()).newPage();
  try {
    await openDeck(page, url);
    return await fn(page);
  } finally {
    await page.close();
    await server.close();
  }
}

/** What Reveal's interface says: controls' labels, the help overlay, the jump-to-slide box, the pause overlay, the speaker view. */
async function revealTexts(page: Page) {
  const labels = await page.evaluate(() => [...document.querySelectorAll('.reveal .controls button')].map((b) => b.getAttribute('aria-label')));
  await page.keyboard.press('F1');
  const help = await page.evaluate(() => [...document.querySelectorAll('.r-overlay-help-content .title, .r-overlay-help-content th, .r-overlay-help-content td:nth-child(2)')].map((e) => e.textContent!.trim()));
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  const jump = await page.evaluate(() => document.querySelector('.jump-to-slide-input')?.getAttribute('placeholder'));
  await page.keyboard.press('Escape');
  const resume = await page.evaluate(() => document.querySelector('.pause-overlay .resume-button')?.textContent);
  const popup = new Promise<Page>((resolve) => page.once('popup', (p) => resolve(p!)));
  await page.keyboard.press('s');
  const speaker = await popup;
  await speaker.waitForFunction(() => !!document.getElementById('bd-fonts'), { timeout: 20_000 });
  const view = await speaker.evaluate(() => ({
    lang: document.documentElement.lang,
    labels: [...document.querySelectorAll('#upcoming-slide .label, #speaker-controls h4.label')].map((e) => e.firstChild!.textContent!.trim()),
    reset: document.querySelector('.reset-button')?.textContent,
  }));
  await speaker.close();
  // The search box is made when it first opens.
  await page.keyboard.down('Control');
  await page.keyboard.down('Shift');
  await page.keyboard.press('F');
  await page.keyboard.up('Shift');
  await page.keyboard.up('Control');
  await page.waitForSelector('.reveal input.searchinput');
  const search = await page.evaluate(() => document.querySelector('.reveal input.searchinput')?.getAttribute('placeholder'));
  return { labels, help, jump, resume, search, view };
}

describe('Reveal’s interface in the deck’s language', () => {
  it('a Japanese memo: controls, help overlay, jump to slide, pause and speaker view in Japanese', async () => {
    const texts = await presented(BUNDLED_DECK, revealTexts);
    expect(texts.labels).toEqual(['前のスライド', '次のスライド', '上のスライド', '下のスライド']);
    expect(texts.help.slice(0, 3)).toEqual(['キーボード ショートカット', 'キー', '操作']);
    expect(texts.help).toContain('次のスライド');
    expect(texts.help).toContain('スピーカー ビュー');
    // Every description reveal and its plugins give has its Japanese text: no English left.
    for (const text of texts.help) expect(text, text).not.toMatch(/[a-z]{3}/);
    expect(texts.jump).toBe('スライド番号へ移動');
    expect(texts.resume).toBe('プレゼンテーションを再開');
    expect(texts.search).toBe('検索…');
    expect(texts.view).toEqual({ lang: 'ja', labels: ['次のスライド', '経過時間', 'ペース配分 – このスライドの残り時間', 'ノート'], reset: 'クリックでリセット' });
  });

  it('an English memo keeps reveal’s own English', async () => {
    const texts = await presented(path.join(FIXTURES, 'brand/dark-brand'), revealTexts);
    expect(texts.labels).toEqual(['previous slide', 'next slide', 'above slide', 'below slide']);
    expect(texts.help.slice(0, 3)).toEqual(['Keyboard Shortcuts', 'KEY', 'ACTION']);
    expect(texts.jump).toBe('Jump to slide');
    expect(texts.search).toBe('Search...');
    expect(texts.view.labels).toEqual(['Upcoming', 'Time', 'Pacing – Time to finish current slide', 'Notes']);
  });
});

const BRANDED = path.join(FIXTURES, 'brand/dark-brand');
const checked = async (dir: string, tamper?: (built: string) => void): Promise<CheckResult> =>
  (await withTemporaryBuild([deckAt(dir)], browser, (built, deck) => {
    tamper?.(built);
    return checkBuilt(built, deck, browser);
  }))[0]!;
const errorsOf = (r: CheckResult) => r.diagnostics.filter((d) => d.severity === 'error');

/** The branded fixture with its deck.yaml edited. */
function brandedWith(edit: (yaml: string) => string, files: Record<string, string> = {}): string {
  const dir = copyDeck(BRANDED);
  const config = path.join(dir, 'deck.yaml');
  writeFileSync(config, edit(readFileSync(config, 'utf8')));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('check measures Reveal’s furniture and the brand as the deck is presented', () => {
  it('the bundled deck: the slide number at 18 px or more, 4.5:1 against what is behind it, clear of the controls; the controls at 3:1, on every slide', async () => {
    const result = await checked(BUNDLED_DECK);
    expect(errorsOf(result)).toEqual([]);
    expect(result.furniture).toHaveLength(result.slides.length);
    for (const f of result.furniture) {
      expect(f.slideNumber!.px).toBeGreaterThanOrEqual(18);
      expect(f.slideNumber!.contrast).toBeGreaterThanOrEqual(4.5);
      expect(f.slideNumber!.underControls).toBe(false);
      expect(f.controlsContrast).toBeGreaterThanOrEqual(3);
    }
  });

  it('a slide number made small, faint and put under the controls fails check on every slide', async () => {
    const result = await checked(BUNDLED_DECK, (built) => {
      const assets = path.join(built, 'assets');
      const css = readdirSync(assets).find((f) => f.endsWith('.css'))!;
      appendFileSync(path.join(assets, css), '\n.reveal .slide-number{font-size:12px;right:8px;bottom:8px;background:transparent;color:#c8d2dc}\n');
    });
    const problems = errorsOf(result).filter((d) => d.code === 'slide-number');
    expect(problems.length).toBeGreaterThanOrEqual(2 * result.slides.length);
    for (const what of ['12.0 px, under 18 px', 'contrast is', 'under the controls']) expect(problems.some((d) => d.message.includes(what)), what).toBe(true);
  });

  it('a footer too long for its band fails check at the footer’s line of deck.yaml', async () => {
    const dir = brandedWith((y) => y.replace(/footer: .*/, `footer: "${'Institute for Urban Resilience, Department of Water and Climate Adaptation · '.repeat(3)}December 2026"`));
    const result = await checked(dir);
    expect(errorsOf(result)).toContainEqual(expect.objectContaining({ code: 'brand-overflow', file: path.join(dir, 'deck.yaml'), line: 4 }));
    // Logo and footer are on every slide after the title: so is the problem.
    expect(errorsOf(result).filter((d) => d.code === 'brand-overflow')).toHaveLength(result.slides.length - 1);
  });

  it('a logo too wide for the band fails check at the logo’s line of deck.yaml', async () => {
    const wide = '<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="40" viewBox="0 0 1400 40"><rect width="1400" height="40" fill="#2e9e5b"/></svg>';
    const dir = brandedWith((y) => y.replace(/ {2}footer: .*\n/, ''), { 'logo.svg': wide });
    const result = await checked(dir);
    expect(errorsOf(result)).toContainEqual(expect.objectContaining({ code: 'brand-overflow', file: path.join(dir, 'deck.yaml'), line: 3 }));
  });

  it('an accent the controls vanish into fails check at the accent’s line, slide by slide', async () => {
    const dir = brandedWith((y) => y.replace('theme: dark', 'theme: light').replace('"#d9822b"', '"#d8dde3"'));
    const result = await checked(dir);
    const config = path.join(dir, 'deck.yaml');
    expect(errorsOf(result)).toContainEqual(expect.objectContaining({ code: 'controls-contrast', file: config, line: 5 }));
    expect(errorsOf(result)).toContainEqual(expect.objectContaining({ code: 'accent-contrast', file: config, line: 5 }));
  });

  it('judges the measures against the bars (pure)', () => {
    const limits = { minFontPx: 24, minDiagramFontPx: 16, minContrast: 4.5, minContrastLarge: 3, maxBodyLines: 12, maxBodyChars: 400, fill: 1, maxEmptyBand: 0.4 };
    const ok = { index: 0, slideNumber: { px: 20, contrast: 12, underControls: false, outside: false }, controlsContrast: 8, brand: { clipped: false, underFurniture: false } };
    const bad = { index: 1, slideNumber: { px: 16, contrast: 1.1, underControls: true, outside: false }, controlsContrast: 1.5, brand: { clipped: true, underFurniture: true } };
    const slides = [{ title: 'Title', line: 1 }, { title: 'Findings', line: 9 }];
    const look = { footerAt: { file: 'deck.yaml', line: 4 }, accent: { value: '#eeeeee', at: { file: 'deck.yaml', line: 5 } } };
    const found = judgeFurniture([ok, bad], slides, { limits, memo: { file: 'memo.md' } as never, look });
    expect(found.map((d) => [d.code, d.file, d.line])).toEqual([
      ['slide-number', 'memo.md', 9],
      ['slide-number', 'memo.md', 9],
      ['slide-number', 'memo.md', 9],
      ['controls-contrast', 'deck.yaml', 5],
      ['brand-overflow', 'deck.yaml', 4],
      ['brand-overlap', 'deck.yaml', 4],
    ]);
    expect(found.every((d) => d.message.startsWith('slide 2 "Findings"'))).toBe(true);
  });
});
