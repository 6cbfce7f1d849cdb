// The PowerPoint file's pictures (a memo's Mermaid diagram, an SVG logo) are drawn in Chromium once
// and kept: made again from the same pictures, the file needs no browser at all.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BrowserGateway } from '../src/browser/gateway.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { DiagramRenderer } from '../src/diagrams/render.ts';
import { loadTheme } from '../src/model/theme.ts';
import { compileDeck } from '../src/pipeline/compile.ts';
import { deckLook } from '../src/pptx/export.ts';
import { PictureCache } from '../src/pptx/picture-cache.ts';
import { FIXTURES, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();

async function compiled(dir: string) {
  const renderer = new DiagramRenderer(browser, loadTheme());
  try {
    return await compileDeck(deckAt(dir), renderer);
  } finally {
    await renderer.close();
  }
}

/** A gateway that starts no browser: whatever asks it for a page fails. */
const noBrowser = () => new BrowserGateway(AbortSignal.abort());

const pngs = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.png'));

describe('the pictures of the PowerPoint file', () => {
  it('are drawn once (a Mermaid diagram, an SVG logo), then taken from the cache without a browser', async () => {
    const water = await compiled(path.join(FIXTURES, 'decks/city-water-memo'));
    const brand = await compiled(path.join(FIXTURES, 'brand/dark-brand'));
    const spec = water.slides.find((s) => s.diagram?.diagram.type === 'mermaid')!.diagram!;
    const dir = tempDir();
    const cache = new PictureCache(dir);

    // Nothing kept yet: drawing needs the browser.
    await expect(deckLook(water, noBrowser(), undefined, cache)).rejects.toThrow(/no browser is started/);
    const drawn = await deckLook(water, browser, undefined, cache);
    const logo = (await deckLook(brand, browser, undefined, cache)).logo!;
    expect(drawn.picture!(spec)!.src).toMatch(/^data:image\/png;base64,/);
    expect(logo.src).toMatch(/^data:image\/png;base64,/);
    // The diagram of each memo, and the logo.
    expect(pngs(dir)).toHaveLength(3);

    // Kept: the same pictures, and no browser asked for.
    const again = await deckLook(water, noBrowser(), undefined, cache);
    expect(again.picture!(spec)).toEqual(drawn.picture!(spec));
    expect((await deckLook(brand, noBrowser(), undefined, cache)).logo).toEqual(logo);
  });

  it('draws again a picture whose kept file is cut short, or whose diagram changed', async () => {
    const water = await compiled(path.join(FIXTURES, 'decks/city-water-memo'));
    const spec = water.slides.find((s) => s.diagram?.diagram.type === 'mermaid')!.diagram!;
    const dir = tempDir();
    const cache = new PictureCache(dir);
    const first = (await deckLook(water, browser, undefined, cache)).picture!(spec)!;
    const [file] = pngs(dir);
    const whole = readFileSync(path.join(dir, file!));
    writeFileSync(path.join(dir, file!), whole.subarray(0, whole.length >> 1));
    await expect(deckLook(water, noBrowser(), undefined, cache)).rejects.toThrow(/no browser is started/);
    expect((await deckLook(water, browser, undefined, cache)).picture!(spec)).toEqual(first);
    expect(readFileSync(path.join(dir, file!))).toEqual(whole);

    // Another diagram (its SVG changed): drawn, not taken from the cache.
    const changed = { ...water, svg: (s: typeof spec) => water.svg(s).replace(/<\/svg>\s*$/, '<rect width="1" height="1"/></svg>') };
    await expect(deckLook(changed, noBrowser(), undefined, cache)).rejects.toThrow(/no browser is started/);
  });
});
