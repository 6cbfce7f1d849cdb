// An SVG picture that a browser never finishes drawing (ten groups each drawing the one before
// ten times: 10^10 shapes from 3 KB) is an error naming its file at the line that names it, in
// bounded time: refused before any browser sees it, and the PowerPoint's drawing of pictures
// gives up at its time limit (BRIEFDECK_PICTURE_TIMEOUT) on one that does not finish.
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BriefdeckError } from '../src/core/errors.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { MAX_SVG_SHAPES, svgShapes } from '../src/core/svg-cost.ts';
import { DiagramRenderer } from '../src/diagrams/render.ts';
import { loadTheme } from '../src/model/theme.ts';
import { compileDeck } from '../src/pipeline/compile.ts';
import { exportPptx } from '../src/pptx/export.ts';
import { FIXTURES, copyDeck, runCli, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();

/** `levels` groups, each drawing the one before ten times. */
function copies(levels: number): string {
  const groups = Array.from({ length: levels }, (_, i) => `<g id="a${i + 1}">${Array.from({ length: 10 }, (_, k) => `<use href="#a${i}" x="${k / 10}"/>`).join('')}</g>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><defs><g id="a0"><rect width="1" height="1" fill="#2fbf71" opacity="0.5"/></g>${groups.join('')}</defs><use href="#a${levels}"/></svg>`;
}
const ENDLESS = copies(10);

function expectNoTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at .+[:(]\d+/m);
  expect(stderr).not.toContain('a bug in briefdeck');
}

describe('SVG pictures a browser never finishes', () => {
  it('counts the shapes an SVG draws with its <use> copies', () => {
    expect(svgShapes('<svg><rect/><circle/></svg>')).toBe(3);
    expect(svgShapes(copies(3))).toBeGreaterThan(1000);
    expect(svgShapes(copies(10))).toBeGreaterThan(1e10);
    // A <use> cycle draws nothing; it is counted without end neither.
    expect(svgShapes('<svg><g id="a"><use href="#b"/></g><g id="b"><use href="#a"/></g></svg>')).toBeLessThan(20);
    expect(svgShapes(copies(4))).toBeLessThan(MAX_SVG_SHAPES);
  });

  for (const command of ['build', 'pptx']) {
    it(`a logo that draws 10^10 shapes is an error at the deck.yaml line naming it (${command}), nothing written`, async () => {
      const deck = copyDeck(path.join(FIXTURES, 'brand/dark-brand'));
      writeFileSync(path.join(deck, 'logo.svg'), ENDLESS);
      const out = tempDir();
      const result = await runCli(command, deck, ...(command === 'build' ? ['--no-pdf'] : []), '--out', out);
      expectNoTrace(result.stderr);
      expect(result.stderr).toMatch(/deck\.yaml:3: error: the logo logo\.svg draws about 10\^10 shapes .*\[svg-too-complex\]/);
      expect(result.code).toBe(1);
      expect(readdirSync(out)).toEqual([]);
    }, 90_000);
  }

  it("a memo's SVG image that draws 10^10 shapes is an error at its memo line", async () => {
    const deck = copyDeck(path.join(FIXTURES, 'brand/dark-brand'));
    writeFileSync(path.join(deck, 'chart.svg'), ENDLESS);
    writeFileSync(path.join(deck, 'memo.md'), `---\ntitle: A memo\nlanguage: en\n---\n\n## Findings\n\nThe first finding is here.\n\n![The chart of the findings](chart.svg)\n`);
    const result = await runCli('build', deck, '--no-pdf', '--out', tempDir());
    expectNoTrace(result.stderr);
    expect(result.stderr).toMatch(/memo\.md:10: error: the image "chart\.svg" draws about 10\^10 shapes/);
    expect(result.code).toBe(1);
  }, 90_000);

  it('the PowerPoint drawing of a logo that never finishes gives up at its time limit, naming the file at its line', async () => {
    const deck = copyDeck(path.join(FIXTURES, 'brand/dark-brand'));
    const renderer = new DiagramRenderer(browser, loadTheme());
    let compiled;
    try {
      compiled = await compileDeck(deckAt(deck), renderer);
    } finally {
      await renderer.close();
    }
    // The checked logo swapped for one no browser finishes, as if the check had let it through.
    const endless = { ...compiled, furniture: { ...compiled.furniture, logo: { src: `data:image/svg+xml;base64,${Buffer.from(ENDLESS).toString('base64')}`, alt: 'logo' } } };
    const out = tempDir();
    const before = process.env.BRIEFDECK_PICTURE_TIMEOUT;
    process.env.BRIEFDECK_PICTURE_TIMEOUT = '3';
    let error: unknown;
    try {
      await exportPptx(endless, browser, out, { quiet: true });
    } catch (e) {
      error = e;
    } finally {
      if (before === undefined) delete process.env.BRIEFDECK_PICTURE_TIMEOUT;
      else process.env.BRIEFDECK_PICTURE_TIMEOUT = before;
    }
    expect(error).toBeInstanceOf(BriefdeckError);
    const d = (error as BriefdeckError).diagnostics[0]!;
    expect([path.basename(d.file), d.line, d.code]).toEqual(['deck.yaml', 3, 'picture-timeout']);
    expect(d.message).toBe('the logo logo.svg could not be drawn within 3 s');
    expect(readdirSync(out)).toEqual([]);
    // The browser still lends pages, at once: the page given up on holds none up (where pages share one process, the next comes from a new browser).
    const next = browser.withPage(async (page) => {
      await page.setContent('<title>next</title>');
      return page.title();
    });
    expect(await Promise.race([next, new Promise((r) => setTimeout(() => r('no page within 20 s'), 20_000))])).toBe('next');
  }, 90_000);
});
