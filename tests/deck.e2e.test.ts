// The bundled deck, built for real and opened in headless Chromium.
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltDeck } from '../src/pipeline/build.ts';
import { compact, memoSentences } from '../src/model/fidelity.ts';
import { listItems, partsWithRole } from '../src/model/memo.ts';
import { BUNDLED_DECK, build, openDeck, readMemo, serve, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();
let built: BuiltDeck;
let server: { close(): Promise<void> };
let url: string;
let page: Page;
let consoleProblems: string[];
const requests: string[] = [];

beforeAll(async () => {
  built = await build(BUNDLED_DECK, browser);
  ({ server, url } = await serve(built.dir));
  page = await (await browser.get()).newPage();
  page.on('request', (r) => requests.push(r.url()));
  consoleProblems = await openDeck(page, url);
});

afterAll(async () => {
  await server?.close();
});

const goTo = async (id: string) => {
  await page.evaluate((target) => {
    const reveal = window.Reveal!;
    const { h, v } = reveal.getIndices(document.getElementById(target)!);
    reveal.slide(h, v);
  }, id);
  await page.waitForFunction((target) => window.Reveal!.getCurrentSlide()?.id === target, {}, id);
};

describe('the built deck in Chromium', () => {
  it('has one Reveal slide per planned slide', async () => {
    const total = await page.evaluate(() => window.Reveal!.getTotalSlides());
    expect(total).toBe(built.deck.slides.length);
    expect(total).toBeGreaterThan(15);
  });

  it('shows every recommendation of each initiative (3, 5 and 6)', async () => {
    const memo = readMemo(BUNDLED_DECK);
    const expected = partsWithRole(memo, 'initiative').map((p) => listItems(p).map((b) => compact(b.sentences[0]!.text)));
    const shown = await page.evaluate(() => {
      const groups = new Map<string, string[]>();
      for (const s of document.querySelectorAll<HTMLElement>('section.bd-kind-initiative')) {
        const key = s.id.replace(/-p\d+$/, '');
        groups.set(key, [...(groups.get(key) ?? []), ...[...s.querySelectorAll('.bd-items > li')].map((li) => li.textContent ?? '')]);
      }
      return [...groups.values()];
    });
    expect(shown.map((g) => g.length)).toEqual([3, 5, 6]);
    expect(shown.map((g) => g.map(compact))).toEqual(expected);
  });

  it('renders each diagram as an SVG carrying its labels, with an accessible name', async () => {
    const diagrams = await page.evaluate(() =>
      [...document.querySelectorAll('figure.bd-diagram')].map((f) => ({
        label: f.getAttribute('aria-label'),
        svg: !!f.querySelector('svg'),
        text: f.querySelector('svg')?.textContent ?? '',
      })),
    );
    const planned = built.deck.slides.filter((s) => s.diagram);
    expect(diagrams).toHaveLength(planned.length);
    for (const [i, d] of diagrams.entries()) {
      expect(d.svg).toBe(true);
      expect(d.label).toBeTruthy();
      const diagram = planned[i]!.diagram!.diagram;
      const labels = diagram.type === 'graph' ? diagram.nodes.map((n) => n.label) : [];
      expect(labels.length).toBeGreaterThan(1);
      for (const label of labels) expect(compact(d.text)).toContain(compact(label));
    }
    expect(diagrams[0]!.text).toContain('アクセス制限');
    expect(diagrams[0]!.text).toContain('共同イノベーション');
  });

  it('draws a diagram on a slide that was hidden at load at a legible size, inside the slide', async () => {
    await goTo('s5-3-diagram');
    const box = await page.evaluate(() => {
      const section = document.getElementById('s5-3-diagram')!;
      const svg = section.querySelector('svg')!;
      const s = svg.getBoundingClientRect();
      const slide = section.getBoundingClientRect();
      const scale = window.Reveal!.getScale();
      const texts = [...svg.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '').map((t) => t.getBoundingClientRect().height / scale);
      return { width: s.width, height: s.height, inside: s.top >= slide.top - 1 && s.bottom <= slide.bottom + 1, minText: Math.min(...texts) };
    });
    expect(box.width).toBeGreaterThan(300);
    expect(box.height).toBeGreaterThan(200);
    expect(box.inside).toBe(true);
    expect(box.minText).toBeGreaterThanOrEqual(18);
  });

  it('has speaker notes on every assessment slide', async () => {
    const notes = await page.evaluate(() =>
      [...document.querySelectorAll('section.bd-kind-content')]
        .filter((s) => /^\d．/.test(s.querySelector('.bd-title')?.textContent ?? ''))
        .map((s) => s.querySelector('aside.notes')?.textContent?.length ?? 0),
    );
    expect(notes).toHaveLength(3);
    for (const length of notes) expect(length).toBeGreaterThan(100);
  });

  it('says every sentence of the memo on a slide or in its notes', async () => {
    const text = compact(await page.evaluate(() => document.querySelector('.slides')!.textContent ?? ''));
    const missing = memoSentences(readMemo(BUNDLED_DECK)).filter((s) => !text.includes(compact(s.text)));
    expect(missing).toEqual([]);
  });

  it('draws Japanese text in the bundled web font', async () => {
    const fonts = await page.evaluate(async () => {
      const loaded = [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Sans JP' && f.status === 'loaded');
      return {
        loaded: loaded.length,
        weights: [...new Set(loaded.map((f) => f.weight))].sort(),
        check: document.fonts.check('28px "Noto Sans JP"', 'テクノ・ナショナリズムの時代における日米同盟'),
        family: getComputedStyle(document.querySelector('.bd-title')!).fontFamily,
      };
    });
    expect(fonts.loaded).toBeGreaterThan(0);
    expect(fonts.weights).toEqual(['400', '700']);
    expect(fonts.check).toBe(true);
    expect(fonts.family).toContain('Noto Sans JP');
  });

  it('draws every glyph of Japanese text from the web font, none from a system fallback', async () => {
    await goTo('s5-3');
    const cdp = await page.createCDPSession();
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const used: Array<{ familyName: string; isCustomFont: boolean; glyphCount: number }> = [];
    for (const selector of ['#title .bd-title', '#s5-3 .bd-subtitle', '#s5-3 .bd-items > li', '#s3-1 .bd-title', '#footnotes .bd-plain']) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
      expect(nodeId, selector).toBeGreaterThan(0);
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      used.push(...fonts);
    }
    await cdp.detach();
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((f) => !f.isCustomFont || !f.familyName.includes('Noto Sans JP'))).toEqual([]);
  });

  it('fits every slide: nothing runs off the bottom or the side', async () => {
    const overflowing: string[] = [];
    for (const slide of built.deck.slides) {
      await goTo(slide.id);
      const over = await page.evaluate((id) => {
        const frame = document.getElementById(id)!.querySelector<HTMLElement>('.bd-frame')!;
        return frame.scrollHeight > frame.clientHeight + 1 || frame.scrollWidth > frame.clientWidth + 1;
      }, slide.id);
      if (over) overflowing.push(slide.id);
    }
    expect(overflowing).toEqual([]);
  });

  it('gives every slide a URL hash, and the agenda links to its sections', async () => {
    // A fresh load of a link to a slide (the page's own URL may already hold this hash).
    await page.goto('about:blank');
    await page.goto(`${url}#/s5-framework`);
    await page.waitForFunction(() => window.Reveal?.getCurrentSlide()?.id === 's5-framework');
    const links = await page.evaluate(() => [...document.querySelectorAll('#agenda a')].map((a) => a.getAttribute('href')));
    expect(links.length).toBe(5);
    for (const href of links) expect(await page.evaluate((h) => !!document.getElementById(h!.slice(2)), href)).toBe(true);
    const features = await page.evaluate(() => ({
      notes: !!window.Reveal!.getPlugin('notes'),
      search: !!window.Reveal!.getPlugin('search'),
      slideNumber: !!document.querySelector('.slide-number'),
      progress: !!document.querySelector('.progress'),
      overview: window.Reveal!.getConfig().overview,
      size: [window.Reveal!.getConfig().width, window.Reveal!.getConfig().height],
    }));
    expect(features).toEqual({ notes: true, search: true, slideNumber: true, progress: true, overview: true, size: [1280, 720] });
  });

  it('opens the speaker view with the notes of the current slide', async () => {
    await goTo('s3-1');
    const popup = new Promise<Page>((resolve) => page.once('popup', (p) => resolve(p!)));
    await page.keyboard.press('s');
    const speaker = await popup;
    await speaker.waitForFunction(() => (document.querySelector('.speaker-controls-notes .value')?.textContent ?? '').length > 50, { timeout: 20_000 });
    const notes = await speaker.evaluate(() => document.querySelector('.speaker-controls-notes .value')!.textContent);
    expect(notes).toContain('人工知能、ビッグデータ');
    await speaker.close();
  });

  it('loads nothing from the network and logs no errors', async () => {
    const origin = new URL(url).origin;
    expect(requests.filter((r) => !r.startsWith(origin) && !r.startsWith('data:') && !r.startsWith('about:'))).toEqual([]);
    expect(consoleProblems).toEqual([]);
    const html = readFileSync(path.join(built.dir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
  });
});

describe('the built deck without its font files', () => {
  it('still shows its slides (in a fallback font) rather than a blank page', async () => {
    const dir = tempDir();
    cpSync(built.dir, dir, { recursive: true });
    for (const name of readdirSync(path.join(dir, 'assets'))) if (name.endsWith('.woff')) rmSync(path.join(dir, 'assets', name));
    const broken = await serve(dir);
    try {
      const other = await (await browser.get()).newPage();
      await openDeck(other, broken.url);
      expect(await other.evaluate(() => window.Reveal!.getCurrentSlide()?.id)).toBe('title');
      expect(await other.evaluate(() => document.fonts.check('16px "Noto Sans JP"', '日'))).toBe(false);
      await other.close();
    } finally {
      await broken.server.close();
    }
  });
});
