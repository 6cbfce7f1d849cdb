// check's findings for the studio (src/studio/findings.ts): the same gate as `briefdeck check`,
// each finding with the slide it concerns and the memo line to fix, and the summary check prints.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/cli.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { deckFindings, slideAtLine } from '../src/studio/findings.ts';
import { collector, copyDeck, FIXTURES } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const OVERFLOW = path.join(FIXTURES, 'check/overflow');

const browser = await sharedBrowser();

describe('an overflowing item', () => {
  it('is a finding on its slide, at its memo line, with the hint — the same as `briefdeck check` says', async () => {
    const deck = deckAt(copyDeck(OVERFLOW));
    const result = await deckFindings(deck, browser);
    expect(result.compiled).toBe(true);
    const overflow = result.findings.filter((f) => f.code === 'overflow');
    expect(overflow).toHaveLength(1);
    const [finding] = overflow;
    // Line 16 is the seventh recommendation, the one that runs out of its slide (check's fixture).
    expect(finding).toMatchObject({ severity: 'error', file: deck.memoFile, line: 16, inMemo: true, slide: 2, slideId: 's1-1' });
    expect(readFileSync(deck.memoFile, 'utf8').split('\n')[15]).toMatch(/^- 提言7として/);
    expect(finding!.hint).toMatch(/shorten the text/);
    // The slide it is on shows that line; the cursor on that line shows that slide.
    expect(result.slides[2]).toMatchObject({ id: 's1-1', title: '施策１：長い提言' });
    expect(result.slides[2]!.lines).toContain(16);
    expect(slideAtLine(result.slides, 16)).toBe(2);
    expect(slideAtLine(result.slides, 17)).toBe(3);
    // The summary check prints, word for word, and its parts.
    expect(result.summary).toMatchObject({ slides: 5, sentences: { found: 10, total: 10, percent: 100 }, numbers: { found: 8, total: 8 }, errors: 1, emptyBands: { limit: 0.4, over: [] } });
    expect(result.summary!.legibility).toMatchObject({ minFontPx: 24, minDiagramFontPx: 18, under: [] });
    expect(result.summary!.legibility.smallestTextPx).toBeGreaterThanOrEqual(24);

    // The CLI's check on the same deck: the same diagnostics, the same summary line.
    const stdout = collector();
    expect(await main(['check', deck.dir, '-q'], { stdout, stderr: collector() })).toBe(1);
    expect(stdout.text().trim().split('\n').at(-1)).toBe(result.summary!.text);
    // Its table names the problems on their slide's row (check.ts slideOf, which the findings use too).
    expect(stdout.text()).toMatch(/^\s+3 .* overflow, density$/m);
    const json = collector();
    await main(['check', deck.dir, '--json', '-q'], { stdout: json, stderr: collector() });
    const cli = JSON.parse(json.text()) as { diagnostics: Array<{ code: string; line: number; message: string; file: string }> };
    expect(result.findings.map(({ code, line, message, file }) => ({ code, line, message, file }))).toEqual(cli.diagnostics.map(({ code, line, message, file }) => ({ code, line, message, file })));
  });

  it('is gone once the memo text is fixed', async () => {
    const dir = copyDeck(OVERFLOW);
    const memo = path.join(dir, 'memo.md');
    writeFileSync(memo, readFileSync(memo, 'utf8').replace(/、関係機関の間で情報を共有し、必要な予算を確保し、進捗を毎年公開して評価する仕組みを整える。/g, '、進捗を公開する。'));
    const result = await deckFindings(deckAt(dir), browser);
    expect(result.findings.filter((f) => f.code === 'overflow')).toEqual([]);
    expect(result.findings.filter((f) => f.slide === 2)).toEqual([]);
    expect(result.summary!.errors).toBe(0);
  });
});

describe('a deck that does not compile', () => {
  it('gives its errors as findings at their file and line, with no slides', async () => {
    const dir = copyDeck(OVERFLOW);
    writeFileSync(path.join(dir, 'deck.yaml'), 'limits:\n  fill: 3\n');
    const result = await deckFindings(deckAt(dir), browser);
    expect(result).toMatchObject({ compiled: false, slides: [], summary: null });
    expect(result.findings).toEqual([expect.objectContaining({ severity: 'error', code: 'deck-config-value', file: path.join(dir, 'deck.yaml'), line: 2, inMemo: false, slide: null })]);
  });
});

