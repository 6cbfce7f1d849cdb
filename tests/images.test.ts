// Images beside memo.md: copied into dist/, inlined into the one-file deck, shown in the PDFs;
// a missing image is an error with file and line.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { pagePixels } from './poppler.ts';
import { buildDecks, type BuiltDeck } from '../src/pipeline/build.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { BriefdeckError } from '../src/core/errors.ts';
import { copyDeck, FIXTURES, openDeck, serve, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();
const PICTURE = path.join(FIXTURES, 'images/picture');
let built: BuiltDeck;

beforeAll(async () => {
  [built] = (await buildDecks([deckAt(PICTURE)], tempDir(), browser, { pdf: true })) as [BuiltDeck];
});


/** Pixels of the memo's bar chart (its blue) on page `n` of a PDF. */
function bluePixels(pdf: string, n: number): number {
  const { width, height, at } = pagePixels(pdf, n, 18);
  let blue = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = at(x, y);
      if (Math.abs(r - 42) < 25 && Math.abs(g - 111) < 25 && Math.abs(b - 176) < 25) blue++;
    }
  }
  return blue;
}

describe('an image beside memo.md', () => {
  it('is copied into dist/ and linked from the page', () => {
    expect(readFileSync(path.join(built.dir, 'images/water-level.png'))).toEqual(readFileSync(path.join(PICTURE, 'water-level.png')));
    expect(readFileSync(built.html, 'utf8')).toContain('<img src="images/water-level.png" alt="五つの観測点の水位の推移">');
  });

  it('is shown, with its text as the caption, in the served deck and in the one-file deck opened from file://', async () => {
    const { url, server } = await serve(built.dir);
    try {
      for (const address of [url, pathToFileURL(path.join(built.dir, `${built.deck.name}.html`)).href]) {
        const page = await (await browser.get()).newPage();
        await openDeck(page, address);
        const shown = await page.evaluate(() => {
          const img = document.querySelector<HTMLImageElement>('figure.bd-image img')!;
          return { width: img.naturalWidth, caption: document.querySelector('figure.bd-image figcaption')?.textContent };
        });
        expect(shown).toEqual({ width: 960, caption: '五つの観測点の水位の推移' });
        await page.close();
      }
    } finally {
      await server.close();
    }
    const oneFile = readFileSync(path.join(built.dir, `${built.deck.name}.html`), 'utf8');
    expect(oneFile).toContain('data:image/png;base64,');
    expect(oneFile).not.toContain('images/water-level.png');
  });

  it('is printed in the slides PDF and in the handout', () => {
    const slide = built.deck.slides.findIndex((s) => s.layout === 'image') + 1;
    expect(slide).toBeGreaterThan(0);
    expect(bluePixels(built.pdf!.slides, slide)).toBeGreaterThan(20);
    expect(bluePixels(built.pdf!.slides, built.deck.slides.findIndex((s) => s.id === 's2') + 1)).toBe(0);
    expect(bluePixels(built.pdf!.notes, slide)).toBeGreaterThan(5);
  });
});

describe('a missing image', () => {
  it('is an error with the memo file and line, and nothing is built', async () => {
    const dir = copyDeck(PICTURE);
    rmSync(path.join(dir, 'water-level.png'));
    const out = tempDir();
    const error = await buildDecks([deckAt(dir)], out, browser).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefdeckError);
    expect((error as BriefdeckError).diagnostics).toContainEqual(expect.objectContaining({ code: 'image-missing', file: path.join(dir, 'memo.md'), line: 12 }));
  });
});
