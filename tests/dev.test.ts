// `briefdeck dev`: an edit of the memo reaches the open page in place, on the same slide.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deckAt } from '../src/core/deck-folder.ts';
import { startDevServer, type DevServer } from '../src/pipeline/dev.ts';
import { BUNDLED_DECK, copyDeck, openDeck } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();
let dev: DevServer;
let page: Page;
let memoFile: string;

beforeAll(async () => {
  const deckDir = copyDeck(BUNDLED_DECK);
  memoFile = path.join(deckDir, 'memo.md');
  dev = await startDevServer(deckAt(deckDir), browser, 0);
  page = await (await browser.get()).newPage();
  await openDeck(page, `${dev.url}#/s3-2`);
});

afterAll(async () => {
  await dev?.close();
});

const version = () => page.evaluate(() => Number(document.documentElement.dataset.briefdeckVersion ?? 0));

describe('the dev server', () => {
  it('listens on localhost only', () => {
    expect(new URL(dev.url).hostname).toBe('127.0.0.1');
  });

  it('updates the open page in place and keeps the presenter on their slide', async () => {
    expect(await page.evaluate(() => window.Reveal!.getCurrentSlide()!.id)).toBe('s3-2');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const before = await version();
    writeFileSync(memoFile, readFileSync(memoFile, 'utf8').replace('初期段階でのリードを取り戻すのはほぼ不可能かもしれない。', '初期段階でのリードを取り戻すのは難しい。'));
    await page.waitForFunction((v) => Number(document.documentElement.dataset.briefdeckVersion ?? 0) > v, { timeout: 20_000 }, before);
    const state = await page.evaluate(() => ({
      id: window.Reveal!.getCurrentSlide()!.id,
      text: window.Reveal!.getCurrentSlide()!.textContent,
      marker: (window as unknown as { marker?: number }).marker,
    }));
    expect(state.id).toBe('s3-2');
    expect(state.text).toContain('初期段階でのリードを取り戻すのは難しい。');
    expect(state.marker).toBe(42);
  });

  it('shows the last of two saves made a few milliseconds apart (the watcher passes on only the first)', async () => {
    const good = readFileSync(memoFile, 'utf8');
    const saved = (text: string) => good.replace('初期段階でのリードを取り戻すのは', `${text}初期段階でのリードを取り戻すのは`);
    writeFileSync(memoFile, saved('一回目'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    writeFileSync(memoFile, saved('二回目'));
    await page.waitForFunction(() => document.querySelector('.slides')!.textContent!.includes('二回目'), { timeout: 20_000 });
    writeFileSync(memoFile, good);
    await page.waitForFunction(() => !document.querySelector('.slides')!.textContent!.includes('二回目'), { timeout: 20_000 });
  });

  it('shows a source error in the Vite overlay with file and line, and clears it when fixed', async () => {
    const good = readFileSync(memoFile, 'utf8');
    writeFileSync(memoFile, good.replace('## 日米同盟に関わる課題 {.challenges}', '## 日米同盟に関わる課題 {.challenge}'));
    await page.waitForFunction(() => !!document.querySelector('vite-error-overlay'), { timeout: 20_000 });
    const message = await page.evaluate(() => document.querySelector('vite-error-overlay')!.shadowRoot!.textContent ?? '');
    expect(message).toContain('memo.md:44');
    expect(message).toContain('{.challenge}');
    const before = await version();
    writeFileSync(memoFile, good);
    await page.waitForFunction((v) => Number(document.documentElement.dataset.briefdeckVersion ?? 0) > v, { timeout: 20_000 }, before);
    expect(await page.evaluate(() => !!document.querySelector('vite-error-overlay'))).toBe(false);
  });
});
