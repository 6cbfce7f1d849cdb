// briefdeck import: the memo as published → the memo source, losing nothing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { missingSentences, slidesText } from '../src/model/fidelity.ts';
import { importMemo, readMeta } from '../src/import/import.ts';
import { joinLines, spacesMixedText } from '../src/import/text.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { listItems, partsWithRole } from '../src/model/memo.ts';
import { planDeck } from '../src/plan/plan.ts';
import { loadStrings, loadTheme } from '../src/model/theme.ts';
import type { Diagnostic } from '../src/model/types.ts';
import { ENGLISH_FOOTNOTES, ENGLISH_MEMO, WATER_FOOTNOTES, WATER_MEMO, asPdfText, asWebText } from './fixtures/import/water.ts';
import { BUNDLED_DECK, FIXTURES, ROOT, runCli, tempDir } from './helpers.ts';

// The memo's text as extracted from its published PDF, and its title page facts (copies of the
// project's shared memos, kept in the repository so that a clone alone passes its tests).
const SHARED = path.join(FIXTURES, 'import/asi-memo-4');
const sharedText = readFileSync(path.join(SHARED, 'asi-policy-memo-4.txt'), 'utf8');
const metaDiagnostics: Diagnostic[] = [];
const sharedMeta = readMeta(readFileSync(path.join(SHARED, 'asi-policy-memo-4.meta.yaml'), 'utf8'), 'meta.yaml', metaDiagnostics);
const importShared = () => importMemo(sharedText, { file: 'memo.md', meta: { source: 'asi-policy-memo-4.txt', ...sharedMeta } });
const memoOf = (markdown: string) => parseMemo(markdown, 'memo.md').memo!;

describe('importing the shared memo (text extracted from its PDF)', () => {
  const result = importShared();

  it('places every sentence, and says what it dropped', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.report!.format).toBe('pdf-text');
    expect(result.report!.body).toBeGreaterThan(120);
    expect(result.report!.placed).toBe(result.report!.body);
    expect(result.report!.read).toBe(result.report!.body + result.report!.droppedSentences);
    expect(result.report!.repeated).toEqual([]);
    expect(result.report!.dropped.map((d) => d.why).sort()).toEqual(['end mark', 'repeated URL line']);
  });

  it('finds the structure: sections, the assessment’s parts, approaches, initiatives 3/5/6, footnotes', () => {
    const memo = memoOf(result.markdown!);
    expect(memo.sections.map((s) => [s.heading.text, s.role])).toEqual([
      ['アジア戦略イニシアチブ（ASI）について', 'plain'],
      ['はじめに', 'plain'],
      ['評価', 'assessment'],
      ['日米同盟に関わる課題', 'challenges'],
      ['主要なイニシアチブと提言', 'initiatives'],
    ]);
    expect(memo.sections[2]!.parts.map((p) => [p.heading.text, p.blocks.length])).toEqual([
      ['1． テクノロジーをめぐる競争の出現', 2],
      ['2． 技術的優位性のための競争の意義', 2],
      ['3． テクノロジーをめぐる競争の形態', 1],
    ]);
    const forms = memo.sections[2]!.parts[2]!.blocks[0]!;
    expect(forms.type === 'text' && forms.children.map((c) => c.sentences[0]!.text.split('：')[0])).toEqual(['軍事', '産業', '情報通信']);
    expect(partsWithRole(memo, 'approach').map((p) => p.heading.text)).toEqual(['アクセス制限', '共同イノベーション', '第三国への関与']);
    const initiatives = partsWithRole(memo, 'initiative');
    expect(initiatives.map((p) => listItems(p).length)).toEqual([3, 5, 6]);
    expect(initiatives.map((p) => p.serves)).toEqual([['approach-1'], ['approach-2'], ['approach-3']]);
    // The recommendation that starts at a page break (a line " - すべての…").
    expect(listItems(initiatives[1]!)[3]!.sentences[0]!.text).toMatch(/^すべての科学技術研究が防衛分野に/);
    expect(memo.footnotes.map((f) => f.label)).toEqual(['1', '2', '3']);
    expect(memo.footnotes[1]!.links).toEqual(['https://carnegieendowment.org/2019/10/10/competing-with-china-on-technology-and-innovation-pub-80010']);
    expect(result.markdown!.match(/carnegieendowment\.org/g)).toHaveLength(1);
  });

  it('reproduces the bundled deck’s memo source byte for byte', () => {
    expect(result.markdown).toBe(readFileSync(path.join(BUNDLED_DECK, 'memo.md'), 'utf8'));
  });

  it('reports the meta file’s YAML comment that cuts "#4" off the series', () => {
    expect(metaDiagnostics).toContainEqual(expect.objectContaining({ code: 'meta-comment', line: 2, severity: 'warning' }));
  });

  it('round trip: every sentence of the input is on a slide or in the notes of the deck built from it', () => {
    const memo = memoOf(result.markdown!);
    const slides = planDeck(memo, { theme: loadTheme(), strings: loadStrings('ja') });
    expect(missingSentences(memo, slidesText(slides))).toEqual([]);
    const deck = slidesText(slides);
    for (const number of ['2017', '30', '50', '2025', '23', '2021', '2018', '2020', '5％', '2,000', '80', '1988', '10']) expect(deck).toContain(number);
  });
});

describe('the same memo as PDF text and as web page text', () => {
  const pdf = readFileSync(path.join(FIXTURES, 'import/water.pdf.txt'), 'utf8');
  const web = readFileSync(path.join(FIXTURES, 'import/water.web.txt'), 'utf8');

  it('imports to the same memo source', () => {
    const fromPdf = importMemo(pdf, { file: 'a.txt', meta: { title: '水道', language: 'ja' } });
    const fromWeb = importMemo(web, { file: 'b.txt', meta: { title: '水道', language: 'ja' } });
    expect(fromPdf.report).toMatchObject({ format: 'pdf-text', placed: 37, body: 37 });
    expect(fromWeb.report).toMatchObject({ format: 'web-text', placed: 37, body: 37, read: 37 + 8 });
    expect(fromWeb.markdown).toBe(fromPdf.markdown);
    const memo = memoOf(fromPdf.markdown!);
    expect(memo.sections.map((s) => s.role)).toEqual(['plain', 'assessment', 'challenges', 'initiatives']);
    expect(partsWithRole(memo, 'initiative').map((p) => [listItems(p).length, p.serves])).toEqual([
      [2, ['approach-1']],
      [2, ['approach-2']],
    ]);
  });

  it('drops the site text around the memo and says so', () => {
    const { report } = importMemo(web, { file: 'b.txt' });
    expect(report!.dropped.map((d) => d.text)).toEqual([
      '#水道 #インフラ #政策提言',
      'お読みいただきありがとうございます',
      'シェアする',
      'この記事を書いた人',
      '山田 花子',
      '地方行政と公共インフラを研究しています。',
      'コメント 3',
      '文字数 1,024',
    ]);
  });

  it('the fixtures are what the generators make (regenerate them if the generators change)', () => {
    expect(pdf).toBe(asPdfText(WATER_MEMO, WATER_FOOTNOTES, 38, [9, 20]));
    expect(web).toBe(asWebText(WATER_MEMO, WATER_FOOTNOTES));
  });
});

describe('a memo in English, as PDF text and as web page text', () => {
  it('imports to the same structure, with no code change', () => {
    const fromPdf = importMemo(asPdfText(ENGLISH_MEMO, ENGLISH_FOOTNOTES, 72, [6, 14]), { file: 'en.txt', meta: { title: 'Water', language: 'en' } });
    const fromWeb = importMemo(asWebText(ENGLISH_MEMO, ENGLISH_FOOTNOTES).replace(/お読みいただきありがとうございます/, 'Thanks for reading'), { file: 'en.txt', meta: { title: 'Water', language: 'en' } });
    expect(fromPdf.report).toMatchObject({ format: 'pdf-text', missing: [] });
    expect(fromWeb.report).toMatchObject({ format: 'web-text', missing: [] });
    expect(fromWeb.markdown).toBe(fromPdf.markdown);
    const memo = memoOf(fromPdf.markdown!);
    expect(memo.sections.map((s) => [s.heading.text, s.role])).toEqual([
      ['Introduction', 'plain'],
      ['Assessment', 'assessment'],
      ['Challenges for the council', 'challenges'],
      ['Programmes', 'initiatives'],
    ]);
    expect(partsWithRole(memo, 'approach').map((p) => p.heading.text)).toEqual(['Planned renewal', 'Demand management']);
    expect(partsWithRole(memo, 'initiative').map((p) => [listItems(p).length, p.serves])).toEqual([
      [2, ['approach-1']],
      [2, ['approach-2']],
    ]);
    expect(memo.footnotes[0]!.links).toEqual(['https://example.org/assets/2024']);
  });

  it('links a URL without the sentence\'s punctuation after it: the full stop, or a parenthesis the URL did not open', () => {
    const text = 'Water\n\nIntroduction\n\nThe figures are at https://example.org/stats. They are new (see https://example.org/a/b). A page https://en.wikipedia.org/wiki/Water_(disambiguation) lists more.\n';
    const { markdown } = importMemo(text, { file: 'water.txt', meta: { title: 'Water', language: 'en' } });
    expect(markdown).toContain('at <https://example.org/stats>. They are new (see <https://example.org/a/b>). A page <https://en.wikipedia.org/wiki/Water_(disambiguation)> lists');
  });

  it('ends a URL where Japanese text or a full-width form follows it unspaced', () => {
    const text = '水\n\nはじめに\n\n資料：https://www.example.go.jp/content/20250228-kyoiku_03.pdf３）教育データを活用する。\n';
    const { markdown } = importMemo(text, { file: 'mizu.txt', meta: { title: '水', language: 'ja' } });
    expect(markdown).toContain('資料：<https://www.example.go.jp/content/20250228-kyoiku_03.pdf>３）教育データを活用する。');
  });

  it('imports to the same source from a page of any width, a narrow column too', () => {
    const meta = { file: 'en.txt', meta: { title: 'Water', language: 'en' } };
    const canonical = importMemo(asPdfText(ENGLISH_MEMO, ENGLISH_FOOTNOTES, 72), meta).markdown;
    fc.assert(
      fc.property(fc.integer({ min: 36, max: 100 }), (width) => {
        expect(importMemo(asPdfText(ENGLISH_MEMO, ENGLISH_FOOTNOTES, width), meta).markdown).toBe(canonical);
      }),
      { numRuns: 40 },
    );
  });
});

describe('properties: the extraction’s accidents do not change the import', () => {
  const canonical = importMemo(asPdfText(WATER_MEMO, WATER_FOOTNOTES, 40), { file: 'x' }).markdown;

  it('re-wrapping the lines at any width (a narrow column too), and page breaks anywhere, import to the same source', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 70 }), fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 5 }), (width, breaks) => {
        const result = importMemo(asPdfText(WATER_MEMO, WATER_FOOTNOTES, width, breaks), { file: 'x' });
        expect(result.markdown).toBe(canonical);
        expect(result.report!.placed).toBe(result.report!.body);
      }),
      { numRuns: 150 },
    );
  });
});

describe('input that is not a memo', () => {
  const run = runCli;

  for (const [name, content, message] of [
    ['empty.txt', '\n\n  \n', 'the input is empty'],
    ['binary.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]), 'the input is not text'],
    ['no-structure.txt', '本文だけが続く文章である。見出しはない。\n\nさらに本文が続く。ここにも見出しはない。\n', 'found no headings'],
  ] as const) {
    it(`${name}: a clear error, exit 1, no output file`, async () => {
      const dir = tempDir();
      const input = path.join(dir, name);
      writeFileSync(input, content);
      const out = path.join(dir, 'deck');
      const { code, stderr } = await run('import', input, '--out', out);
      expect(code).toBe(1);
      expect(stderr).toContain(message);
      expect(stderr).toContain(name);
      expect(existsSync(path.join(out, 'memo.md'))).toBe(false);
    });
  }

  it('never overwrites a memo source without --force', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'memo.md');
    writeFileSync(out, 'mine');
    const input = path.join(FIXTURES, 'import/water.web.txt');
    expect((await run('import', input, '--out', dir)).code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect((await run('import', input, '--out', dir, '--force')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('## 評価 {.assessment}');
  });
});

describe('lines rejoined where Japanese meets Latin text', () => {
  it('a wrap there is a space when the text spaces them inside its lines, and none when it does not', () => {
    const spaced = ['2017 年に ASI は', '特に AI の研究', 'OECD 加盟国の 10 年'];
    const touching = ['2017年にASIは', '特にAIの研究', 'OECD加盟国の10年'];
    expect(spacesMixedText(spaced)).toBe(true);
    expect(spacesMixedText(touching)).toBe(false);
    expect(spacesMixedText(['日本語だけの行。'])).toBe(false);
    expect(joinLines('特に', 'AI の研究', true)).toBe('特に AI の研究');
    expect(joinLines('華為技術の 5G', 'との戦い', true)).toBe('華為技術の 5G との戦い');
    expect(joinLines('特に', 'AI の研究', false)).toBe('特にAI の研究');
    // Japanese with Japanese, and punctuation with Latin, never take a space.
    expect(joinLines('日米同盟の', '深化', true)).toBe('日米同盟の深化');
    expect(joinLines('例えば、', 'AI', true)).toBe('例えば、AI');
  });
});
