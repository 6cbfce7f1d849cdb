// Outputs from the studio's page: the slides PDF and the PowerPoint file made by their buttons,
// into dist/<deck>/ as the commands make them, holding a sentence typed in the editor; after
// another edit, the strip marks the slide that differs from the PDF and the page says which.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pptxText, readPptx } from '../src/pptx/read.ts';
import { goToLine, openStudioDeck, type RunningStudio, waterFolder } from './studio-run.ts';
import { BrowserGateway } from '../src/browser/gateway.ts';

// A browser of the file's own: the studio's pages get one no other file has used.
const browser = new BrowserGateway();
let studio: RunningStudio;
let folder: string;
let page: Page;
let frame: Frame;

beforeAll(async () => {
  folder = waterFolder();
  ({ studio, page, frame } = await openStudioDeck(browser, folder, 'water'));
});

afterAll(async () => {
  await studio?.stop();
  await browser.close();
});

/** Types `text` at the end of the memo line holding `holding`. */
async function typeAfter(holding: string, text: string): Promise<void> {
  const lines = readFileSync(path.join(folder, 'slides/water/memo.md'), 'utf8').split('\n');
  await goToLine(page, lines.findIndex((l) => l.includes(holding)) + 2);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(text);
}

async function make(kind: string): Promise<string> {
  await page.click(`.outputs li[data-kind="${kind}"] button`);
  await page.waitForSelector(`.outputs li[data-kind="${kind}"] a.open:not([hidden])`, { timeout: 120_000 });
  await page.waitForFunction((k) => !document.querySelector<HTMLButtonElement>(`.outputs li[data-kind="${k}"] button`)!.disabled, { timeout: 120_000 }, kind);
  return page.$eval(`.outputs li[data-kind="${kind}"] .state`, (s) => s.textContent ?? '');
}

describe('outputs from the studio', () => {
  it('makes the slides PDF from the memo as typed (saved first), in dist/<deck>/, and links it', async () => {
    await typeAfter('### A. The state of the network', ', seen from the studio');
    const state = await make('slides-pdf');
    expect(state).toMatch(/^water\.pdf, \d+ KB/);
    const pdf = path.join(folder, 'dist/water/water.pdf');
    expect(readFileSync(path.join(folder, 'slides/water/memo.md'), 'utf8')).toContain('### A. The state of the network, seen from the studio\n');
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain('The state of the network, seen from the studio');
    expect(existsSync(path.join(folder, 'dist/water/water-notes.pdf'))).toBe(true);
    // The link opens that file, from the studio.
    const href = await page.$eval('.outputs li[data-kind="slides-pdf"] a.open', (a) => (a as HTMLAnchorElement).href);
    const bytes = await page.evaluate(async (url) => (await fetch(url)).arrayBuffer().then((b) => b.byteLength), href);
    expect(bytes).toBe(readFileSync(pdf).length);
    await page.waitForFunction(() => document.getElementById('changes')!.textContent === 'The slides PDF shows the slides as they are now.', { timeout: 30_000 }).catch(async (error: Error) => {
      const record = path.join(folder, 'dist/water/.water.pdf-slides.json');
      const server = await page.evaluate(async () => (await fetch('/api/deck/water/changes')).text());
      throw new Error(`${error.message}: the page says "${await page.$eval('#changes', (p) => p.textContent)}"; the server: ${server}; the record: ${existsSync(record) ? readFileSync(record, 'utf8').slice(0, 300) : 'none'}`);
    });
  });

  it('marks the slide that differs from the PDF after an edit, and says which page is out of date', async () => {
    await typeAfter('### B. Who pays', ', and how much');
    await frame.waitForFunction(() => document.querySelector('.reveal .slides')!.textContent!.includes('Who pays, and how much'), { timeout: 30_000 });
    // Every slide that shows the heading (its part's slide, the overview listing the parts…), and only those.
    const showing = await frame.evaluate(() => [...document.querySelectorAll('.reveal .slides > section')].flatMap((s, i) => (s.querySelector('.bd-frame')!.textContent!.includes('Who pays, and how much') ? [i] : [])));
    expect(showing.length).toBeGreaterThan(0);
    await page.waitForFunction((n) => document.querySelectorAll('#strip button.changed').length === n, { timeout: 30_000 }, showing.length);
    expect(await page.$$eval('#strip button.changed', (b) => b.map((x) => Number((x as HTMLElement).dataset.index)))).toEqual(showing);
    const pages = showing.map((i) => i + 1).join(', ');
    expect(await page.$eval('#changes', (p) => p.textContent)).toBe(`Changed since the slides PDF: slide${showing.length > 1 ? 's' : ''} ${pages}; out of date in the PDF: page${showing.length > 1 ? 's' : ''} ${pages}.`);
  });

  it('makes the PowerPoint file as `briefdeck pptx` does, with the edits in it', async () => {
    expect(await make('pptx')).toMatch(/^water\.pptx, \d+ KB/);
    const text = pptxText(await readPptx(readFileSync(path.join(folder, 'dist/water/water.pptx'))));
    expect(text).toContain('The state of the network, seen from the studio');
    expect(text).toContain('Who pays, and how much');
  });
});
