// What the audience and the presenter see around the content: Reveal's own interface texts in the
// deck's language, and `check` measuring Reveal's furniture (slide number, controls) and the brand
// (logo, footer) as the deck is presented.
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserGateway } from '../src/browser.ts';
import { buildDecks, type BuiltDeck } from '../src/build.ts';
import { deckAt } from '../src/deck-folder.ts';
import { BUNDLED_DECK, FIXTURES, openDeck, serve, tempDir } from './helpers.ts';

const browser = new BrowserGateway();
afterAll(() => browser.close());

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
  return { labels, help, jump, resume, view };
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
    expect(texts.view).toEqual({ lang: 'ja', labels: ['次のスライド', '経過時間', 'ペース配分 – このスライドの残り時間', 'ノート'], reset: 'クリックでリセット' });
  });

  it('an English memo keeps reveal’s own English', async () => {
    const texts = await presented(path.join(FIXTURES, 'brand/dark-brand'), revealTexts);
    expect(texts.labels).toEqual(['previous slide', 'next slide', 'above slide', 'below slide']);
    expect(texts.help.slice(0, 3)).toEqual(['Keyboard Shortcuts', 'KEY', 'ACTION']);
    expect(texts.jump).toBe('Jump to slide');
    expect(texts.view.labels).toEqual(['Upcoming', 'Time', 'Pacing – Time to finish current slide', 'Notes']);
  });
});
