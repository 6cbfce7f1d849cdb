// After a text edit the deck is rebuilt without bundling again, unless what the bundle is made
// of changed (briefdeck's files); a character its font does not hold yet costs a new cut of the
// font, which takes the place of the bundle's stand-in fonts.
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import subsetFont from 'subset-font';
import { standInFont } from '../src/html/font-swap.ts';
import { cmapRanges } from '../src/render/glyphs.ts';
import { BUNDLED_DECK, spawnCli, copyDeck, tempDir } from './helpers.ts';

/** Whether a WOFF font maps every character of `text` to a glyph (its cut to `text`, read as TrueType). */
async function holds(woff: Buffer, text: string): Promise<boolean> {
  const ranges = cmapRanges(Buffer.from(await subsetFont(woff, text, { targetFormat: 'truetype' })));
  return [...text].every((c) => ranges.some(([from, to]) => c.codePointAt(0)! >= from && c.codePointAt(0)! <= to));
}

// A cache of this file's own, so that builds of other tests running alongside cannot touch it.
const cacheDir = tempDir('briefdeck-cache-');
const runCli = spawnCli({ BRIEFDECK_CACHE_DIR: cacheDir });

const assets = (out: string) => {
  const dir = path.join(out, 'asi-policy-memo-4/assets');
  return Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name)).toString('base64')]));
};
const page = (out: string) => readFileSync(path.join(out, 'asi-policy-memo-4/index.html'), 'utf8');
const oneFile = (out: string) => readFileSync(path.join(out, 'asi-policy-memo-4/asi-policy-memo-4.html'), 'utf8');
const build = async (deckDir: string) => {
  const out = tempDir();
  const { code, stderr } = await runCli('build', deckDir, '--no-pdf', '--out', out);
  expect(code, stderr).toBe(0);
  return { out, stderr };
};

describe('the bundle cache', () => {
  const sentence = '大国間競争が、第四次産業革命と並行して発生した。';

  it('reuses the bundle after an edit that uses no new character, and the page shows the edit', async () => {
    const deckDir = copyDeck(BUNDLED_DECK);
    const before = await build(deckDir);
    const memoFile = path.join(deckDir, 'memo.md');
    // The same characters in another order: the font subset stays the same.
    const edited = sentence.replace('第四次産業革命と並行して発生した', '産業革命と並行して第四次発生した');
    writeFileSync(memoFile, readFileSync(memoFile, 'utf8').replace(sentence, edited));
    const after = await build(deckDir);
    expect(after.stderr).toContain('bundling asi-policy-memo-4: unchanged, reused');
    expect(after.stderr).toContain('bundling asi-policy-memo-4 as one file: unchanged, reused');
    expect(assets(after.out)).toEqual(assets(before.out));
    for (const html of [page(after.out), oneFile(after.out)]) {
      expect(html).toContain(edited);
      expect(html).not.toContain(sentence);
      expect(html).not.toMatch(/\{\{\w+\}\}|<!--briefdeck:slides-->/);
    }
    expect(page(before.out)).toContain(sentence);
  });

  it('reuses the bundle for a character the font does not hold yet: the font is cut anew, and both decks carry the new cut', async () => {
    const deckDir = copyDeck(BUNDLED_DECK);
    const before = await build(deckDir);
    const memoFile = path.join(deckDir, 'memo.md');
    writeFileSync(memoFile, readFileSync(memoFile, 'utf8').replace(sentence, sentence.replace('大国間', '鬱蒼たる大国間')));
    const after = await build(deckDir);
    expect(after.stderr).toContain('bundling asi-policy-memo-4: unchanged, reused');
    expect(after.stderr).toContain('bundling asi-policy-memo-4 as one file: unchanged, reused');
    expect(page(after.out)).toContain('鬱蒼たる大国間');

    // The HTML deck: two font files named by their cut, new ones, holding the new characters,
    // named by the style sheet the page links (itself renamed by its content).
    const fonts = (out: string) => Object.keys(assets(out)).filter((name) => name.endsWith('.woff'));
    expect(fonts(after.out)).toHaveLength(2);
    expect(fonts(after.out).some((name) => fonts(before.out).includes(name))).toBe(false);
    const dir = path.join(after.out, 'asi-policy-memo-4/assets');
    for (const name of fonts(after.out)) expect(await holds(readFileSync(path.join(dir, name)), '鬱蒼'), name).toBe(true);
    for (const name of fonts(before.out)) expect(await holds(readFileSync(path.join(before.out, 'asi-policy-memo-4/assets', name)), '鬱'), name).toBe(false);
    const sheet = /href="\.\/assets\/(index-[\w-]+\.css)"/.exec(page(after.out))?.[1];
    expect(sheet && Object.keys(assets(after.out))).toContain(sheet);
    const css = readFileSync(path.join(dir, sheet!), 'utf8');
    for (const name of fonts(after.out)) expect(css).toContain(name);

    // The one-file deck: its fonts as data: URLs, the new cut.
    const inlined = [...oneFile(after.out).matchAll(/data:font\/woff;base64,([A-Za-z0-9+/=]+)/g)].map((m) => Buffer.from(m[1]!, 'base64'));
    expect(inlined).toHaveLength(2);
    for (const font of inlined) expect(await holds(font, '鬱蒼')).toBe(true);
    // No stand-in font left anywhere (src/html/font-swap.ts).
    for (const out of [before.out, after.out]) {
      for (const text of [page(out), oneFile(out), css]) expect(text).not.toContain(standInFont(400).toString('base64').slice(0, 40));
      expect(Object.values(assets(out)).some((b64) => Buffer.from(b64, 'base64').includes('briefdeck stand-in font'))).toBe(false);
    }
  });

  it('a build forgets the entries no run has written for 30 days (the first build of a day looks)', async () => {
    const stale = path.join(cacheDir, 'fit', 'written-long-ago.json');
    writeFileSync(stale, '{}');
    const longAgo = (Date.now() - 31 * 24 * 3600 * 1000) / 1000;
    utimesSync(stale, longAgo, longAgo);
    // The last look was yesterday.
    const yesterday = (Date.now() - 25 * 3600 * 1000) / 1000;
    utimesSync(path.join(cacheDir, '.expired'), yesterday, yesterday);
    await build(copyDeck(BUNDLED_DECK));
    expect(existsSync(stale)).toBe(false);
    // The deck's own entries, just used, stay.
    expect(readdirSync(path.join(cacheDir, 'fit')).length).toBeGreaterThan(0);
  });

  it('bundles again when a file the bundle was made of changed', async () => {
    const deckDir = copyDeck(BUNDLED_DECK);
    const before = await build(deckDir);
    // As if the client script had been edited after these bundles were made.
    const client = path.resolve('src/client/main.ts');
    const entries = path.join(cacheDir, 'bundles');
    let touched = 0;
    for (const name of readdirSync(entries)) {
      const file = path.join(entries, name, '.inputs.json');
      let inputs: Record<string, [number, number]>;
      try {
        inputs = JSON.parse(readFileSync(file, 'utf8')) as typeof inputs;
      } catch {
        continue;
      }
      expect(inputs).toHaveProperty([client]);
      inputs[client]![1] -= 1000;
      writeFileSync(file, JSON.stringify(inputs));
      touched++;
    }
    expect(touched).toBeGreaterThanOrEqual(2);
    const after = await build(deckDir);
    expect(after.stderr).not.toContain('unchanged, reused');
    expect(assets(after.out)).toEqual(assets(before.out));
    expect(page(after.out)).toBe(page(before.out));
  });
});
