// The look without YAML: a dark theme and an accent picked, a logo uploaded, from the studio's
// page → deck.yaml written (its comment kept), the deck shows them; the PowerPoint file exported
// from the page opens in LibreOffice.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, tempDir } from './helpers.ts';
import { officePdf } from './office.ts';
import { openStudioDeck, type RunningStudio, waterFolder } from './studio-run.ts';
import { BrowserGateway } from '../src/browser/gateway.ts';

const LOGO = path.join(FIXTURES, 'images/picture/water-level.png');
// A browser of the file's own: the studio's pages get one no other file has used.
const browser = new BrowserGateway();
let studio: RunningStudio;
let folder: string;
let deckYaml: string;
let page: Page;
let frame: Frame;

beforeAll(async () => {
  folder = waterFolder();
  deckYaml = path.join(folder, 'slides/water/deck.yaml');
  writeFileSync(deckYaml, '# Editorial additions: the memo itself stays as imported.\nlimits:\n  maxBodyChars: 420 # a little more room\n');
  ({ studio, page, frame } = await openStudioDeck(browser, folder, 'water', { width: 1400, height: 1100 }));
});

afterAll(async () => {
  await studio?.stop();
  await browser.close();
});

/** Types over the accent's text field as a person does: select all, then type. */
async function typeAccent(text: string): Promise<void> {
  await page.focus('#accent-text');
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.type(text);
}

const background = () => frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bd-color-background').trim());

describe('the look from the page', () => {
  it('writes a dark theme, an accent and a logo into deck.yaml, keeping its comments, and the deck shows them', async () => {
    expect(await background()).toBe('#ffffff');
    // The page settled (what is in dist/ said), so nothing moves under the pointer.
    await page.waitForFunction(() => document.getElementById('changes')!.textContent !== '');
    await page.click('#brand summary');
    await page.waitForSelector('#themes input[value="dark"]');
    expect(await page.$eval('#themes', (t) => t.textContent)).toContain('dark (dark)');
    await page.focus('#themes input[value="dark"]');
    await page.keyboard.press('Space');
    expect(await page.$eval('#themes input[value="dark"]', (i) => (i as HTMLInputElement).checked)).toBe(true);
    await typeAccent('#f0a030');
    expect(await page.$eval('#accent', (i) => (i as HTMLInputElement).value)).toBe('#f0a030');
    await page.click('#brand-apply');
    await page.waitForFunction(() => document.getElementById('brand-status')!.textContent === 'Written to deck.yaml.');
    const yaml = readFileSync(deckYaml, 'utf8');
    expect(yaml).toContain('# Editorial additions: the memo itself stays as imported.');
    expect(yaml).toContain('maxBodyChars: 420 # a little more room');
    expect(yaml).toMatch(/^theme: dark$/m);
    expect(yaml).toMatch(/accent: "#f0a030"/);
    // The logo, uploaded: a file beside deck.yaml, named there.
    const input = (await page.$('#logo')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(LOGO);
    await page.waitForFunction(() => document.getElementById('logo-name')!.textContent === 'now: water-level.png');
    expect(readFileSync(path.join(folder, 'slides/water/water-level.png'))).toEqual(readFileSync(LOGO));
    expect(readFileSync(deckYaml, 'utf8')).toMatch(/logo: water-level\.png/);
    // The deck follows deck.yaml: dark, with the accent, and the logo on its slides.
    await frame.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--bd-color-background').trim() !== '#ffffff', { timeout: 30_000 });
    expect(await background()).not.toBe('#ffffff');
    await frame.waitForFunction(() => getComputedStyle(document.documentElement).getPropertyValue('--bd-color-accent').trim() === '#f0a030', { timeout: 30_000 });
    await frame.waitForFunction(() => document.querySelectorAll('.reveal .slides img.bd-logo').length > 3, { timeout: 30_000 });
  });

  it('refuses an accent the commands refuse, with their words, and writes nothing', async () => {
    const before = readFileSync(deckYaml, 'utf8');
    await typeAccent('orange');
    await page.click('#brand-apply');
    await page.waitForFunction(() => document.getElementById('brand-status')!.textContent === 'Not written: deck.yaml is as it was.');
    expect(await page.$eval('#brand-problems', (l) => l.textContent)).toMatch(/deck\.yaml line \d+: .*#rrggbb/);
    expect(readFileSync(deckYaml, 'utf8')).toBe(before);
  });

  it('sets a short diagram label from the page, and the diagram shows it; a label removed there goes from deck.yaml', async () => {
    // The accent back to the one written (the last one was refused).
    await typeAccent('#f0a030');
    await page.click('#label-add');
    await page.keyboard.type('Renewal');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Rebuild');
    await page.click('#brand-apply');
    await page.waitForFunction(() => document.getElementById('brand-status')!.textContent === 'Written to deck.yaml.');
    const yaml = readFileSync(deckYaml, 'utf8');
    expect(yaml).toMatch(/^labels:\n {2}Renewal: Rebuild$/m);
    expect(yaml).toContain('maxBodyChars: 420 # a little more room');
    await frame.waitForFunction(() => [...document.querySelectorAll('.reveal svg text')].some((t) => t.textContent === 'Rebuild'), { timeout: 30_000 });
    await page.click('#labels tr button');
    await page.click('#brand-apply');
    await expect.poll(() => readFileSync(deckYaml, 'utf8'), { timeout: 30_000 }).not.toContain('Renewal');
  });

  it('exports the PowerPoint file from the page, and LibreOffice opens it', async () => {
    await page.click('.outputs li[data-kind="pptx"] button');
    await page.waitForSelector('.outputs li[data-kind="pptx"] a.open:not([hidden])', { timeout: 120_000 });
    const pptx = path.join(folder, 'dist/water/water.pptx');
    const lo = tempDir();
    officePdf([pptx], lo);
    const pdf = path.join(lo, 'water.pdf');
    expect(existsSync(pdf)).toBe(true);
    const slides = await frame.$$eval('.reveal .slides > section', (s) => s.length);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(new RegExp(`Pages:\\s+${slides}\\n`));
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).toContain("Keeping the City's Water Safe and Affordable");
  });
});
