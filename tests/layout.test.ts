// Layouts chosen by content, type sized to the room: measured in Chromium at 1280×720 on the
// bundled deck and on memos of other shapes (tests/fixtures/shapes/), as `check` measures them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTemporaryBuild } from '../src/pipeline/build.ts';
import { checkBuilt, medianTextPx, type CheckResult } from '../src/check/check.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { BUNDLED_DECK, copyDeck, FIXTURES, openDeck, serve } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();

const SHAPES = path.join(FIXTURES, 'shapes');
const measured = new Map<string, ReturnType<typeof measure>>();
const measure = async (dir: string) => (await withTemporaryBuild([deckAt(dir)], browser, async (built, deck) => ({ result: await checkBuilt(built, deck, browser), deck })))[0]!;
/** A deck built and measured as `check` does; once per deck in this file (the targets and the layout tests read the same measurement). */
const check = (dir: string) => {
  if (!measured.has(dir)) measured.set(dir, measure(dir));
  return measured.get(dir)!;
};

function meetsTargets(result: CheckResult): void {
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  for (const slide of result.slides) {
    expect(slide.emptyBand, `slide ${slide.index + 1} #${slide.id}: empty band`).toBeLessThanOrEqual(0.4);
    if (slide.minFontPx !== null) expect(slide.minFontPx, `slide ${slide.index + 1} #${slide.id}: smallest text`).toBeGreaterThanOrEqual(24);
  }
  expect(medianTextPx(result.slides)).toBeGreaterThanOrEqual(30);
}

describe('layout targets: no slide over 40% empty, median text ≥ 30 px, nothing under 24 px', () => {
  const decks = [BUNDLED_DECK, path.join(FIXTURES, 'decks/city-water-memo'), ...readdirSync(SHAPES).map((name) => path.join(SHAPES, name))];
  for (const dir of decks) {
    it(path.basename(dir), async () => {
      const { result } = await check(dir);
      meetsTargets(result);
    });
  }
});

describe('layouts chosen by content', () => {
  it('lays a lone short point out as a statement in large type, balanced on the slide, not a line at the top', async () => {
    const { result, deck } = await check(path.join(SHAPES, 'sparse'));
    const statements = deck.slides.filter((s) => s.layout === 'statement');
    expect(statements.map((s) => s.id)).toEqual(['s1', 's2']);
    for (const s of statements) {
      const measured = result.slides.find((m) => m.id === s.id)!;
      expect(measured.textPx).toBeGreaterThanOrEqual(48);
      expect(measured.emptyBand).toBeLessThanOrEqual(0.4);
    }
  });

  it('spreads a few short points as cards, many as a list, and opens a section with its number and parts', async () => {
    const { result, deck } = await check(path.join(SHAPES, 'english-brief'));
    const layout = (id: string) => deck.slides.find((s) => s.id === id)?.layout;
    expect(layout('agenda')).toBe('agenda');
    expect(layout('s2')).toBe('section');
    expect(deck.slides.find((s) => s.id === 's2')!.number).toBe('02');
    expect(layout('s2-1')).toBe('points');
    expect(layout('s4-1')).toBe('cards');
    expect(layout('s2-2')).toBe('statement');
    // Text is fitted by measurement: the cards' text is larger than a dense list's.
    const px = (l: string) => result.slides.filter((m) => m.layout === l).map((m) => m.textPx!);
    expect(Math.min(...px('cards'))).toBeGreaterThan(30);
  });

  it('keeps a card’s words one run of text: a link in it wraps with the words around it, not set beside them as a column', async () => {
    const dir = copyDeck(path.join(SHAPES, 'english-brief'));
    const memo = path.join(dir, 'memo.md');
    writeFileSync(memo, readFileSync(memo, 'utf8').replace('- Keep a public log of every revision', '- Keep a [public log of every revision](https://example.org/log)'));
    await withTemporaryBuild([deckAt(dir)], browser, async (built, deck) => {
      expect(deck.slides.find((s) => s.id === 's4-1')?.layout).toBe('cards');
      const { url, server } = await serve(built);
      try {
        await browser.withPage(async (page) => {
          expect(await openDeck(page, `${url}#/s4-1`)).toEqual([]);
          // The card's text as laid out, then as the same words without the link: the same lines.
          const [linked, plain] = await page.evaluate(() => {
            const card = [...document.querySelectorAll<HTMLElement>('#s4-1 .bd-items > li')].find((li) => li.querySelector('a'))!;
            const box = () => {
              const range = document.createRange();
              range.selectNodeContents(card);
              const r = range.getBoundingClientRect();
              return [Math.round(r.width), Math.round(r.height)];
            };
            const before = box();
            card.textContent = card.textContent;
            return [before, box()];
          });
          expect(linked).toEqual(plain);
        });
      } finally {
        await server.close();
      }
    });
  });

  it('shows a table with its header row and emphasis as emphasis, each counted by check', async () => {
    const { result, deck } = await check(path.join(SHAPES, 'table-part'));
    expect(result.coverage.percent).toBe(100);
    expect(result.coverage.sentences).toBeGreaterThan(20);
    const table = deck.slides.find((s) => s.layout === 'table')!;
    expect(table.table!.rows).toHaveLength(4);
    expect(deck.html).toContain('<th style="text-align:right">2015年度</th>');
    expect(deck.html).toContain('<strong>この十年で三割減った</strong>');
    expect(deck.html).toContain('<em>大規模な水害</em>');
  });

  it('opens a section of seven long parts on two slides, each under the section\'s number and title, none overflowing', async () => {
    const { result, deck } = await check(path.join(SHAPES, 'long-parts-ja'));
    const openers = deck.slides.filter((s) => s.layout === 'section');
    expect(openers.map((s) => s.items.length)).toEqual([4, 3]);
    for (const s of openers) {
      const measured = result.slides.find((m) => m.id === s.id)!;
      expect(measured.overflow, s.id).toBe(false);
      expect(measured.minFontPx, s.id).toBeGreaterThanOrEqual(24);
    }
    const html = deck.html;
    expect(html.match(/<p class="bd-number">01<\/p>/g)).toHaveLength(2);
  });

  it('shows eight recommendations as a dense list, fitted between 24 px and the largest size of a list, none overflowing', async () => {
    const { result, deck } = await check(path.join(SHAPES, 'eight-recommendations'));
    const pages = deck.slides.filter((s) => s.kind === 'initiative');
    expect(pages.map((s) => s.layout)).toEqual(pages.map(() => 'list'));
    expect(pages.flatMap((s) => s.items)).toHaveLength(8);
    for (const s of pages) expect(s.bodyPx).toBeGreaterThanOrEqual(24);
    for (const m of result.slides) expect(m.overflow).toBe(false);
  });
});
