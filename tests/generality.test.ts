// A memo of another shape (other headings, two initiatives of two recommendations, no footnotes,
// a Mermaid fence of its own, in English) builds a sensible deck with no code change.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, build, openDeck, serve } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();

describe('another memo', () => {
  it('builds and shows its structure, its own diagram and no errors', async () => {
    const built = await build(path.join(FIXTURES, 'decks/city-water-memo'), browser);
    const { url, server } = await serve(built.dir);
    try {
      const page = await (await browser.get()).newPage();
      const problems = await openDeck(page, url);
      const deck = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        title: document.title,
        initiatives: [...document.querySelectorAll('section.bd-kind-initiative')].map((s) => s.querySelectorAll('.bd-items > li').length),
        diagrams: [...document.querySelectorAll('figure.bd-diagram svg')].map((s) => s.textContent ?? ''),
        agenda: [...document.querySelectorAll('#agenda a')].map((a) => a.textContent),
        footnotes: !!document.getElementById('footnotes'),
      }));
      expect(deck.lang).toBe('en');
      expect(deck.title).toBe("Keeping the City's Water Safe and Affordable");
      expect(deck.initiatives).toEqual([2, 2]);
      expect(deck.agenda).toEqual(['Summary', 'Findings', 'Options', 'Programmes']);
      expect(deck.footnotes).toBe(false);
      expect(deck.diagrams.some((d) => d.includes('Smaller renewal budget'))).toBe(true);
      expect(deck.diagrams.some((d) => d.includes('Programme 1') && d.includes('Renewal'))).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
