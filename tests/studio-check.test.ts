// check's gate in the studio: a finding (an overflowing item) is outlined on its slide, marked in
// the strip and in the editor's gutter at its line, with the hint; fixing the memo and saving
// runs the check again and clears all three.
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from './helpers.ts';
import { goToLine, openStudioDeck, raw, type RunningStudio, waterFolder } from './studio-run.ts';
import { BrowserGateway } from '../src/browser/gateway.ts';
import { logTo } from '../src/core/log.ts';
import { startStudio } from '../src/studio/server.ts';
import { collector } from './helpers.ts';

// A browser of the file's own: the studio's pages get one no other file has used.
const browser = new BrowserGateway();
let studio: RunningStudio;
let page: Page;
let frame: Frame;
let memoFile: string;

beforeAll(async () => {
  const folder = tempDir();
  mkdirSync(path.join(folder, 'slides'));
  cpSync(path.join(FIXTURES, 'check/overflow'), path.join(folder, 'slides/overflow'), { recursive: true });
  memoFile = path.join(folder, 'slides/overflow/memo.md');
  ({ studio, page, frame } = await openStudioDeck(browser, folder, 'overflow'));
});

afterAll(async () => {
  await studio?.stop();
  await browser.close();
});

const outlined = () =>
  frame.$$eval('.reveal .slides > section', (sections) => sections.filter((s) => getComputedStyle(s).outlineStyle === 'solid').map((s) => s.id));
/** The gate's summary in the bar: its text, whether it says the deck fails, and whether it is on screen. */
const gate = () =>
  page.$eval('#gate', (a) => {
    const box = a.getBoundingClientRect();
    return { text: a.textContent, failing: a.classList.contains('failing'), inView: !(a as HTMLElement).hidden && box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight };
  });
const marked = () => page.$$eval('.cm-lintRange-error', (ranges) => ranges.map((r) => r.closest('.cm-line')!.textContent));

describe('check in the studio', () => {
  it('shows an overflowing item on its slide, in the strip and at its line, with the hint', async () => {
    await page.click('#check');
    await page.waitForFunction(() => /error/.test(document.getElementById('check-status')!.textContent!), { timeout: 120_000 });
    // check's own summary line, and the finding with where it is and what to do.
    expect(await page.$eval('#check-summary', (p) => p.textContent)).toMatch(/^overflow: \d+ slides, 10\/10 sentences \(100\.0%\), 8\/8 numbers/);
    // (and the density warning of the same slide, at its heading)
    expect(await page.$$eval('#findings button.warning', (b) => b.map((x) => x.textContent))).toEqual([expect.stringMatching(/^Slide 3, line 8: /)]);
    const listed = await page.$$eval('#findings button.error', (b) => b.map((x) => x.textContent));
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatch(/^Slide 3, line 16: .*runs outside the slide.*shorten the text/);
    expect(await outlined()).toEqual(['s1-1']);
    expect(await page.$eval('#strip button[data-index="2"]', (b) => [b.className, b.textContent])).toEqual(['has-finding', expect.stringContaining('2 problems')]);
    const line16 = readFileSync(memoFile, 'utf8').split('\n')[15];
    expect(await marked()).toEqual([line16]);
    expect(await page.$$eval('.cm-gutter-lint .cm-lint-marker-error', (m) => m.length)).toBe(1);
    // The summary stays in view in the bar, failing, wherever the page is scrolled (it links to the findings).
    await page.evaluate(() => document.querySelectorAll<HTMLElement>('main, main section, .slides-pane').forEach((e) => e.scrollTo(0, e.scrollHeight)));
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    expect(await gate()).toEqual({ text: await page.$eval('#check-summary', (p) => p.textContent), failing: true, inView: true });
    // The finding leads to its line and its slide.
    await page.click('#findings button.error');
    expect(await page.$eval('#cursor-line', (p) => p.textContent)).toBe('Line 16');
    await frame.waitForFunction(() => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h === 2);
  });

  it('clears the outline, the strip mark and the gutter mark when the memo is fixed and saved', async () => {
    // The fix: the long initiative split in two (a heading typed before its fifth recommendation).
    await goToLine(page, 14);
    await page.keyboard.sendCharacter('\n### 施策２：続きの提言 {.initiative}\n\n');
    await page.click('#save');
    await page.waitForFunction(() => document.getElementById('check-status')!.textContent === 'No problems found.', { timeout: 120_000 });
    expect(readFileSync(memoFile, 'utf8')).toContain('\n\n### 施策２：続きの提言 {.initiative}\n\n- 提言5');
    expect(await page.$eval('#check-summary', (p) => p.textContent)).toMatch(/0 errors, 0 warnings$/);
    expect(await gate()).toEqual({ text: await page.$eval('#check-summary', (p) => p.textContent), failing: false, inView: true });
    expect(await page.$$eval('#findings li', (l) => l.length)).toBe(0);
    expect(await marked()).toEqual([]);
    await frame.waitForFunction(() => document.querySelector('.reveal .slides')!.textContent!.includes('施策２：続きの提言'), { timeout: 30_000 });
    expect(await outlined()).toEqual([]);
    expect(await page.$$eval('#strip button.has-finding', (b) => b.length)).toBe(0);
  });
});

describe('Ctrl-C while a check runs', () => {
  it('ends the check with the studio: the page is answered 503, and the terminal says nothing of a bug', async () => {
    // As the command stops: the studio closed, then its browser, a check still waiting on a page.
    const own = new BrowserGateway();
    const said = collector();
    const restore = logTo(said);
    try {
      const studio = await startStudio(waterFolder(), { browser: own });
      const headers = { host: `127.0.0.1:${studio.port}`, cookie: `briefdeck_studio=${new URL(studio.url).searchParams.get('token')}`, origin: `http://127.0.0.1:${studio.port}` };
      // (Its connection may be closed before an answer: the page reconnects to no studio.)
      const checking = raw(studio.port, { method: 'POST', path: '/api/deck/water/check', headers }).catch((error: Error) => ({ status: 0, body: error.message }));
      // Stopped once the check has its page (the deck being measured in Chromium).
      for (let i = 0; i < 300 && (await own.get().then((b) => b.pages())).length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      await Promise.all([studio.close(), own.close()]);
      const answer = await checking;
      expect([503, 0], answer.body).toContain(answer.status);
      expect(said.text()).not.toMatch(/a bug in briefdeck|Waiting failed|Target closed/u);
    } finally {
      restore();
      await own.close();
    }
  });
});
