// The one-file deck: opened from file:// with the network off, it shows every slide in the
// bundled font, with its diagrams and the speaker view.
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CDPSession, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserGateway } from '../src/browser.ts';
import type { BuiltDeck } from '../src/build.ts';
import { normalize } from '../src/fidelity.ts';
import { BUNDLED_DECK, build } from './helpers.ts';

const browser = new BrowserGateway();
let built: BuiltDeck;
let file: string;
let page: Page;
const requests: string[] = [];

async function platformFonts(target: Page, selectors: string[]): Promise<Array<{ familyName: string; isCustomFont: boolean }>> {
  const cdp: CDPSession = await target.createCDPSession();
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const fonts = [];
  for (const selector of selectors) {
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no ${selector}`);
    fonts.push(...(await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts);
  }
  await cdp.detach();
  return fonts;
}

beforeAll(async () => {
  built = await build(BUNDLED_DECK, browser);
  file = path.join(built.dir, `${built.deck.name}.html`);
  page = await (await browser.get()).newPage();
  await page.setOfflineMode(true);
  await page.setRequestInterception(true);
  page.on('request', (r) => {
    const url = r.url();
    if (url === pathToFileURL(file).href || url.startsWith(`${pathToFileURL(file).href}#`) || url.startsWith('data:')) return void r.continue();
    requests.push(url);
    void r.abort();
  });
  await page.setViewport({ width: 1280, height: 720 });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForFunction(() => document.documentElement.dataset.briefdeckReady === 'true', { timeout: 30_000 });
});
afterAll(() => browser.close());

describe('the one-file deck', () => {
  it('is one file under 1.5 MB', () => {
    expect(statSync(file).size).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('makes no request when opened from file:// with the network off', () => {
    expect(requests).toEqual([]);
  });

  it('shows every slide, its diagrams as visible SVG, and all of the memo', async () => {
    const facts = await page.evaluate(() => ({
      total: window.Reveal!.getTotalSlides(),
      svgs: [...document.querySelectorAll('figure.bd-diagram svg')].map((s) => s.querySelectorAll('text').length),
      text: document.querySelector('.slides')!.textContent ?? '',
    }));
    expect(facts.total).toBe(built.deck.slides.length);
    expect(facts.svgs).toHaveLength(built.deck.slides.filter((s) => s.diagram).length);
    for (const count of facts.svgs) expect(count).toBeGreaterThan(1);
    for (const slide of built.deck.slides) expect(normalize(facts.text)).toContain(normalize(slide.title.replace(/<[^>]+>/g, '')));
  });

  it('draws its text in the bundled font, from the file itself', async () => {
    const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family.replace(/"/g, '')} ${f.weight}`));
    expect(loaded.sort()).toEqual(['Noto Sans JP 400', 'Noto Sans JP 700']);
    const fonts = await platformFonts(page, ['#title .bd-title', '#s3-2 .bd-items > li', '#s5-framework svg text']);
    expect(fonts.filter((f) => !f.isCustomFont || f.familyName !== 'Noto Sans JP')).toEqual([]);
  });

  it('opens the speaker view with the notes in the bundled font, even characters only the notes use', async () => {
    const faces = built.deck.slides.map((s) => [s.kicker ?? '', s.title, s.subtitle ?? '', ...s.byline, ...s.items.flatMap((i) => [i.html, ...i.children.map((c) => c.html)])].join(''));
    const onSlides = new Set(normalize(faces.join('').replace(/<[^>]+>/g, '')));
    const notesOnly = [...normalize(built.deck.slides.flatMap((s) => s.notes).join('').replace(/<[^>]+>/g, ''))].filter((c) => !onSlides.has(c));
    expect(notesOnly.length).toBeGreaterThan(0);
    await page.evaluate(() => window.Reveal!.slide(window.Reveal!.getIndices(document.getElementById('s3-1')!).h));
    const popup = new Promise<Page>((resolve) => page.once('popup', (p) => resolve(p!)));
    await page.keyboard.press('s');
    const speaker = await popup;
    await speaker.waitForFunction(() => !!document.getElementById('bd-fonts') && (document.querySelector('.speaker-controls-notes .value')?.textContent ?? '').length > 50, { timeout: 20_000 });
    await speaker.evaluate(() => document.fonts.ready);
    const notes = await speaker.evaluate(() => document.querySelector('.speaker-controls-notes .value')!.textContent!);
    expect(notes).toContain('人工知能、ビッグデータ');
    const fonts = await platformFonts(speaker, ['.speaker-controls-notes .value']);
    expect(fonts.filter((f) => !f.isCustomFont || f.familyName !== 'Noto Sans JP')).toEqual([]);
    const chars = new Set(normalize(notes));
    expect(notesOnly.some((c) => chars.has(c))).toBe(true);
    await speaker.close();
  });
});
