// Title and closing slides: they fill themselves with the memo's own words (title type sized to
// the room, balanced over the slide), and the closing slide shows where the memo can be read —
// publisher, title and series, date, web address — never the file the importer read.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDecks, withTemporaryBuild, type BuiltDeck } from '../src/pipeline/build.ts';
import { checkBuilt } from '../src/check/check.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { inlineText } from '../src/model/content.ts';
import { loadStrings, loadTheme } from '../src/model/theme.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { planDeck, shownSource } from '../src/plan/plan.ts';
import { BUNDLED_DECK, FIXTURES, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();

const TITLE_ONLY = path.join(FIXTURES, 'shapes/title-only');
const checkDeck = async (dir: string) => (await withTemporaryBuild([deckAt(dir)], browser, async (built, deck) => ({ result: await checkBuilt(built, deck, browser), deck })))[0]!;

function planOf(frontMatter: string) {
  const { memo, diagnostics } = parseMemo(`---\n${frontMatter}\n---\n\n## Finding\n\nThe finding is short.\n`, 'memo.md');
  if (!memo) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return planDeck(memo, { theme: loadTheme(), strings: loadStrings(memo.meta.language) });
}
const closingOf = (frontMatter: string) => {
  const closing = planOf(frontMatter).at(-1)!;
  return { byline: closing.byline, items: closing.items.map((i) => inlineText(i.content)) };
};

describe('the closing slide shows the memo’s source as a briefing does', () => {
  it('a bare file name (what the importer read) is not shown; a web address or a citation is', () => {
    expect(shownSource('asi-policy-memo-4.txt')).toBeUndefined();
    expect(shownSource('memo.docx')).toBeUndefined();
    expect(closingOf('title: T\nlanguage: en\nsource: memo.pdf').items).toEqual([]);
    expect(closingOf('title: T\nlanguage: en\nsource: https://example.org/briefs/t.pdf').items).toEqual(['https://example.org/briefs/t.pdf']);
    expect(closingOf('title: T\nlanguage: en\nsource: "Policy Brief 12, Institute of Water, 2025"').items).toEqual(['Policy Brief 12, Institute of Water, 2025']);
  });

  it('publisher and date under the authors, on the title and the closing slide, as the memo writes them', () => {
    const slides = planOf('title: T\nauthors: [A. Author, B. Author]\npublisher: Institute of Water\ndate: March 2026\nlanguage: en');
    for (const slide of [slides[0]!, slides.at(-1)!]) expect(slide.byline).toEqual([['A. Author', 'B. Author'], ['Institute of Water', 'March 2026']]);
  });

  it('says each thing once: an author who is also the publisher, a subtitle that is the title', () => {
    const slides = planOf('title: Water\nsubtitle: Water\nauthors: [Institute of Water, B. Author]\npublisher: Institute of Water\ndate: March 2026\nlanguage: en');
    expect(slides[0]!.subtitle).toBeUndefined();
    expect(slides[0]!.byline).toEqual([['Institute of Water', 'B. Author'], ['March 2026']]);
    const sub = planOf('title: Water\nsubtitle: A plan for the mains\nprogram: Infrastructure\nlanguage: en');
    expect(inlineText(sub[0]!.subtitle!)).toBe('A plan for the mains');
  });

  it('the bundled deck closes with series, title, authors and publisher — the file it was imported from is nowhere on a slide, in the deck, its PDF or its PowerPoint', async () => {
    expect(readFileSync(path.join(BUNDLED_DECK, 'memo.md'), 'utf8')).toContain('source: asi-policy-memo-4.txt');
    const [built] = (await buildDecks([deckAt(BUNDLED_DECK)], tempDir(), browser, { pdf: true })) as [BuiltDeck];
    const closing = built.deck.slides.at(-1)!;
    expect(closing.kind).toBe('closing');
    expect(inlineText(closing.kicker!)).toBe('ポリシー・メモランダム #4');
    expect(inlineText(closing.title)).toBe('テクノ・ナショナリズムの時代における日米同盟');
    expect(closing.byline).toEqual([['ジェームス・L・ショフ', '森 聡'], ['笹川平和財団']]);
    expect(readFileSync(built.html, 'utf8')).not.toContain('asi-policy-memo-4.txt');
    expect(execFileSync('pdftotext', [built.pdf!.slides, '-'], { encoding: 'utf8' })).not.toContain('asi-policy-memo-4');
    const pptx = path.join(path.dirname(built.html), 'asi-policy-memo-4.pptx');
    expect(execFileSync('unzip', ['-p', pptx, 'ppt/slides/*.xml'], { encoding: 'utf8', maxBuffer: 64 << 20 })).not.toContain('asi-policy-memo-4.txt');
  });
});

describe('title and closing slides fill themselves', () => {
  it('a memo with only a title: the title, set large and balanced, leaves no band over 40% empty', async () => {
    const { result, deck } = await checkDeck(TITLE_ONLY);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const id of ['title', 'closing']) {
      const slide = deck.slides.find((s) => s.id === id)!;
      expect(slide.titlePx, id).toBeGreaterThanOrEqual(96);
      const measured = result.slides.find((m) => m.id === id)!;
      expect(measured.emptyBand, id).toBeLessThanOrEqual(0.4);
      expect(measured.textPx, id).toBe(slide.titlePx);
    }
  });

  it('a long title shrinks to fit, not under the theme’s title size; the bundled title set larger than it', async () => {
    const { result, deck } = await checkDeck(path.join(FIXTURES, 'shapes/long-title-ja'));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const title = deck.slides[0]!;
    expect(title.titlePx).toBeGreaterThanOrEqual(Math.round(loadTheme().font.title * 1.35));
    expect(result.slides[0]!.overflow).toBe(false);
    const bundled = await checkDeck(BUNDLED_DECK);
    const cover = bundled.deck.slides[0]!;
    expect(cover.titlePx).toBeGreaterThan(Math.round(loadTheme().font.title * 1.35));
    expect(bundled.result.slides[0]!.emptyBand).toBeLessThanOrEqual(0.4);
  });

  it('the PowerPoint title slide draws the title at the size the deck fitted', async () => {
    const dir = path.join(tempDir(), 'only-title');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'memo.md'), readFileSync(path.join(TITLE_ONLY, 'memo.md'), 'utf8'));
    const [built] = (await buildDecks([deckAt(dir)], tempDir(), browser, { pdf: true })) as [BuiltDeck];
    const xml = execFileSync('unzip', ['-p', path.join(path.dirname(built.html), 'only-title.pptx'), 'ppt/slides/slide1.xml'], { encoding: 'utf8' });
    // px → points (0.75), in hundredths: a 104 px title is sz="7800".
    expect(xml).toContain(`sz="${Math.round(built.deck.slides[0]!.titlePx! * 0.75 * 100)}"`);
  });
});
