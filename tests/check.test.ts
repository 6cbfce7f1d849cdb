// briefdeck check: every deck in slides/ and the good fixtures pass; each bad fixture fails with
// its diagnostic at the memo line to fix.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserGateway } from '../src/browser.ts';
import { withTemporaryBuild } from '../src/build.ts';
import { checkBuilt, judge, sourceFacts, type CheckResult } from '../src/check/check.ts';
import { deckAt, findDecks } from '../src/deck-folder.ts';
import { FIXTURES, ROOT } from './helpers.ts';

const browser = new BrowserGateway();
afterAll(() => browser.close());

const check = async (dir: string): Promise<CheckResult> => (await withTemporaryBuild([deckAt(dir)], browser, (built, deck) => checkBuilt(built, deck, browser)))[0]!;
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
      if (s.minDiagramFontPx !== null) expect(s.minDiagramFontPx).toBeGreaterThanOrEqual(16);
    }
  });
});

describe('fixtures that must fail, each with its diagnostic at the right line', () => {
  const expected: Record<string, { code: string; line: number }> = {
    overflow: { code: 'overflow', line: 16 },
    'missing-sentence': { code: 'missing-sentence', line: 10 },
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
  it('reads sentences and numbers from the memo source with their lines, markup aside', () => {
    const facts = sourceFacts('---\ntitle: T\n---\n\n## 見出し {.assessment}\n\n- 予算は 2,000 億ドル、5％増えた。[^1] 詳しくは[こちら](#/x)。\n\n```mermaid\nflowchart LR\n A-->B\n```\n\n[^1]: 注の文。\n');
    expect(facts.sentences).toEqual([
      { text: '見出し', line: 5 },
      { text: '予算は 2,000 億ドル、5％増えた。', line: 7 },
      { text: '詳しくはこちら。', line: 7 },
      { text: '注の文。', line: 14 },
    ]);
    expect(facts.numbers.map((n) => n.text)).toEqual(['2,000', '5％']);
  });

  it('flags an overflow at the entry that runs out, a slide mostly empty, text under the size and contrast limits, and density as a warning', () => {
    const slide = { index: 0, id: 's', title: 'T', line: 3, overflow: true, overflowLine: 7, emptyBand: 0.5, textPx: 28, layout: 'list', minFontPx: 20, minDiagramFontPx: null, minContrast: 3.1, minContrastLarge: null, bodyLines: 20, bodyChars: 100, diagrams: [], brokenAnchors: [], badLinks: ['javascript:alert(1)'], text: 'T' };
    const limits = { minFontPx: 24, minDiagramFontPx: 16, minContrast: 4.5, minContrastLarge: 3, maxBodyLines: 12, maxBodyChars: 400, fill: 1, maxEmptyBand: 0.4 };
    const { diagnostics } = judge([slide], { source: '---\ntitle: T\n---\n', limits, memo: { file: 'm.md' } as never });
    expect(diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['overflow', 'error', 7],
      ['empty-band', 'error', 3],
      ['font-size', 'error', 3],
      ['contrast', 'error', 3],
      ['density', 'warning', 3],
      ['bad-link', 'error', 3],
    ]);
  });
});
