// briefdeck check: every deck in slides/ and the good fixtures pass; each bad fixture fails with
// its diagnostic at the memo line to fix.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTemporaryBuild } from '../src/pipeline/build.ts';
import { checkBuilt, judge, memoFacts, type CheckResult } from '../src/check/check.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { deckAt, findDecks } from '../src/core/deck-folder.ts';
import { FIXTURES, ROOT, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();

const measured = new Map<string, Promise<CheckResult>>();
/** A deck built and checked as `briefdeck check` does; once per deck in this file. */
const check = (dir: string): Promise<CheckResult> => {
  if (!measured.has(dir)) measured.set(dir, withTemporaryBuild([deckAt(dir)], browser, (built, deck) => checkBuilt(built, deck, browser)).then(([result]) => result!));
  return measured.get(dir)!;
};
const errors = (r: CheckResult) => r.diagnostics.filter((d) => d.severity === 'error');

describe('decks that must pass', () => {
  const decks = [...findDecks(path.join(ROOT, 'slides')).map((d) => d.dir), path.join(FIXTURES, 'decks/city-water-memo')];
  for (const dir of decks) {
    it(`${path.basename(dir)}: no errors, every sentence and number`, async () => {
      const result = await check(dir);
      expect(errors(result)).toEqual([]);
      expect(result.coverage.percent).toBe(100);
      expect(result.numbers.found).toBe(result.numbers.total);
      expect(result.slides.length).toBeGreaterThan(10);
    });
  }

  it('the bundled deck is within every limit, with no warning either', async () => {
    const result = await check(path.join(ROOT, 'slides/asi-policy-memo-4'));
    expect(result.diagnostics).toEqual([]);
    for (const s of result.slides) {
      if (s.minFontPx !== null) expect(s.minFontPx).toBeGreaterThanOrEqual(24);
      if (s.minDiagramFontPx !== null) expect(s.minDiagramFontPx).toBeGreaterThanOrEqual(18);
    }
    // Labels as drawn: a tall diagram is scaled to the slide's height, not its width.
    const tall = result.slides.find((s) => s.id === 's5-3-diagram')!;
    expect(tall.minDiagramFontPx).toBeLessThan(26);
  });
});

describe('footnote marks', () => {
  it('are legible where a headline carries one, in a dense list too: no text under the limit', async () => {
    const dir = path.join(tempDir(), 'marks');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'memo.md'), '---\ntitle: Notes in headlines\nauthors: [A. Author]\npublisher: An institute\nlanguage: en\n---\n\n## Findings\n\nThe finding has a source.[^1] It goes on.\n\n- Point 1 of the list, long enough that the list is set in small type on its slide.[^2]\n- Point 2 of the list, long enough that the list is set in small type on its slide.\n- Point 3 of the list, long enough that the list is set in small type on its slide.\n- Point 4 of the list, long enough that the list is set in small type on its slide.\n- Point 5 of the list, long enough that the list is set in small type on its slide.\n- Point 6 of the list, long enough that the list is set in small type on its slide.\n- Point 7 of the list, long enough that the list is set in small type on its slide.\n\n[^1]: The first source.\n[^2]: The second source.\n');
    const result = await check(dir);
    expect(result.diagnostics.filter((d) => d.code === 'font-size')).toEqual([]);
    for (const s of result.slides) if (s.minFontPx !== null) expect(s.minFontPx).toBeGreaterThanOrEqual(24);
  });
});

describe('fixtures that must fail, each with its diagnostic at the right line', () => {
  const expected: Record<string, { code: string; line: number }> = {
    overflow: { code: 'overflow', line: 16 },
    'small-font': { code: 'font-size', line: 8 },
    'broken-anchor': { code: 'broken-anchor', line: 6 },
    'empty-diagram': { code: 'diagram-empty', line: 10 },
  };

  it('has an expectation for every fixture', () => {
    expect(readdirSync(path.join(FIXTURES, 'check')).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [name, want] of Object.entries(expected)) {
    it(name, async () => {
      const result = await check(path.join(FIXTURES, 'check', name));
      expect(errors(result)).toContainEqual(expect.objectContaining({ code: want.code, line: want.line, file: path.join(FIXTURES, 'check', name, 'memo.md') }));
    });
  }
});

describe('judging (pure)', () => {
  it('reads sentences and numbers from the parsed memo with their lines, markup aside', () => {
    const { memo } = parseMemo('---\ntitle: T\n---\n\n## 見出し {.assessment}\n\n- 予算は 2,000 億ドル、5％増えた。[^1] 詳しくは[こちら](#/x)。\n- **太字**と*斜体*の文。\n\n```mermaid\nflowchart LR\n A-->B\n```\n\n[^1]: 注の文。\n', 'm.md');
    const facts = memoFacts(memo!);
    expect(facts.sentences.map(({ text, line }) => ({ text, line }))).toEqual([
      { text: '見出し', line: 5 },
      { text: '予算は 2,000 億ドル、5％増えた。', line: 7 },
      { text: '詳しくはこちら。', line: 7 },
      { text: '太字と斜体の文。', line: 8 },
      { text: '注の文。', line: 15 },
    ]);
    expect(facts.numbers.map((n) => n.text)).toEqual(['2,000', '5％']);
  });

  it('flags a sentence of the memo that the slides and notes do not show, at its line', () => {
    const { memo } = parseMemo('---\ntitle: T\nlanguage: en\n---\n\n## Heading\n\nShown here. Lost there.\n', 'm.md');
    const slide = { index: 0, id: 's', title: 'T', line: 6, overflow: false, overflowLine: null, emptyBand: 0.2, textPx: 40, layout: 'statement', minFontPx: 28, minDiagramFontPx: null, minContrast: null, minContrastLarge: 9, bodyLines: 1, bodyChars: 10, diagrams: [], brokenAnchors: [], badLinks: [], external: [], text: 'Heading Shown here.' };
    const limits = { minFontPx: 24, minDiagramFontPx: 16, minContrast: 4.5, minContrastLarge: 3, maxBodyLines: 12, maxBodyChars: 400, fill: 1, maxEmptyBand: 0.4 };
    const result = judge([slide], { limits, memo: memo! });
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([['missing-sentence', 8]]);
    expect(result.coverage).toEqual({ sentences: 3, found: 2, percent: (100 * 2) / 3 });
  });

  it('flags an overflow at the entry that runs out, a slide mostly empty, text under the size and contrast limits, and density as a warning', () => {
    const slide = { index: 0, id: 's', title: 'T', line: 3, overflow: true, overflowLine: 7, emptyBand: 0.5, textPx: 28, layout: 'list', minFontPx: 20, minDiagramFontPx: null, minContrast: 3.1, minContrastLarge: null, bodyLines: 20, bodyChars: 100, diagrams: [], brokenAnchors: [], badLinks: ['javascript:alert(1)'], external: ['http://example.com/x.png'], text: 'T' };
    const limits = { minFontPx: 24, minDiagramFontPx: 16, minContrast: 4.5, minContrastLarge: 3, maxBodyLines: 12, maxBodyChars: 400, fill: 1, maxEmptyBand: 0.4 };
    const { diagnostics } = judge([slide], { limits, memo: { file: 'm.md', sections: [], footnotes: [] } as never }, ['http://example.com/font.woff']);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['overflow', 'error', 7],
      ['empty-band', 'error', 3],
      ['font-size', 'error', 3],
      ['contrast', 'error', 3],
      ['density', 'warning', 3],
      ['bad-link', 'error', 3],
      ['external-resource', 'error', 3],
      ['external-request', 'error', 1],
    ]);
  });
});
