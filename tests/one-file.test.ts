// The one-file deck: opened from file:// with the network off, it shows every slide in the
// bundled font, with its diagrams and the speaker view.
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CDPSession, Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDeckPage } from '../src/browser/deck-page.ts';
import type { BuiltDeck } from '../src/pipeline/build.ts';
import { inlineText, slideText } from '../src/model/content.ts';
import { normalize } from '../src/model/fidelity.ts';
import { BUNDLED_DECK, build, serve } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();
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
  await openDeckPage(page, pathToFileURL(file).href);
});

/** Share of pixels that differ between two PNG screenshots, measured in a page's canvas. */
async function pixelDifference(a: Uint8Array, b: Uint8Array): Promise<number> {
  return browser.withPage((p) =>
    p.evaluate(async (x: string, y: string) => {
      const load = async (data: string) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.width, image.height);
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height).data;
      };
      const [p1, p2] = [await load(x), await load(y)];
      if (p1.length !== p2.length) return 1;
      let differing = 0;
      for (let i = 0; i < p1.length; i += 4) if (Math.abs(p1[i]! - p2[i]!) + Math.abs(p1[i + 1]! - p2[i + 1]!) + Math.abs(p1[i + 2]! - p2[i + 2]!) > 48) differing++;
      return differing / (p1.length / 4);
    }, Buffer.from(a).toString('base64'), Buffer.from(b).toString('base64')),
  );
}

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
    for (const slide of built.deck.slides) expect(normalize(facts.text)).toContain(normalize(inlineText(slide.title)));
  });

  it('draws its text in the bundled font, from the file itself', async () => {
    const loaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => `${f.family.replace(/"/g, '')} ${f.weight}`));
    expect(loaded.sort()).toEqual(['Noto Sans JP 400', 'Noto Sans JP 700']);
    const fonts = await platformFonts(page, ['#title .bd-title', '#s3-2 .bd-items > li', '#s5-framework svg text']);
    expect(fonts.filter((f) => !f.isCustomFont || f.familyName !== 'Noto Sans JP')).toEqual([]);
  });

  it('looks the same as the served deck', async () => {
    const { url, server } = await serve(built.dir);
    const served = await (await browser.get()).newPage();
    try {
      await openDeckPage(served, url);
      // Both without transitions (Reveal's fade, the progress bar's slide): each shows its slide at once.
      const still = (target: Page, on: boolean) =>
        target.evaluate((add: boolean) => {
          document.getElementById('bd-test-still')?.remove();
          if (add) document.head.append(Object.assign(document.createElement('style'), { id: 'bd-test-still', textContent: '*,*::before,*::after{transition:none!important;animation:none!important}' }));
        }, on);
      for (const target of [page, served]) await still(target, true);
      for (const id of ['title', 's3-1', 's5-framework', 's5-2']) {
        const shots: Uint8Array[] = [];
        for (const target of [page, served]) {
          await target.evaluate((slide) => {
            const reveal = window.Reveal!;
            const { h, v } = reveal.getIndices(document.getElementById(slide)!);
            reveal.slide(h, v);
          }, id);
          // In front: Chromium paints no page in the background, and a picture of one can wait a minute for a frame.
          await target.bringToFront();
          await target.evaluate(() => new Promise((r) => setTimeout(r, 50)));
          shots.push(await target.screenshot());
        }
        expect(await pixelDifference(shots[0]!, shots[1]!), id).toBeLessThan(0.002);
      }
      await still(page, false);
    } finally {
      await served.close();
      await server.close();
    }
  });

  it('opens the speaker view with the notes in the bundled font, even characters only the notes use', async () => {
    const onSlides = new Set(normalize(built.deck.slides.map((s) => slideText(s)).join('')));
    const notesOnly = [...normalize(built.deck.slides.flatMap((s) => s.notes.map((n) => inlineText(n, true))).join(''))].filter((c) => !onSlides.has(c));
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
