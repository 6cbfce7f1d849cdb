// A document-sharing site's viewer shows a PDF's extracted text (pdftotext's pages: blocks between
// blank lines, lines broken at the column's width, page markers "1 / 6") inside the site's page.
// Its HTML and a browser's copy of it are read as that PDF's text: the title page to the front
// matter, the notes at the end as footnotes, the viewer's chrome dropped with its reason. The forms
// are the corpus's (tests/corpus/make-forms.mjs, docsharePage).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes, type ImportResult } from '../src/import/import.ts';
import { noteOf } from '../src/import/notes.ts';
import { readPdfPages } from '../src/import/pdf-text.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { ROOT } from './helpers.ts';

const CORPUS = path.join(ROOT, 'tests/corpus');

async function importForm(doc: string, form: string): Promise<ImportResult> {
  const file = path.join(CORPUS, doc, 'forms', form);
  return importBytes(new Uint8Array(readFileSync(file)), { file: form });
}

function memoOf(result: ImportResult) {
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.report!.missing).toEqual([]);
  return parseMemo(result.markdown!, 'memo.md').memo!;
}

const headings = (memo: ReturnType<typeof memoOf>) => memo.sections.flatMap((s) => [s.heading.text, ...s.parts.map((p) => p.heading.text)]);

describe('a document viewer’s transcript of a PDF', () => {
  it('copied from its page: named a viewer transcript; the title page’s lines to the front matter, each listed; the viewer’s chrome dropped with its reason; the closing numbered run as notes', async () => {
    const result = await importForm('asi-memo-4', 'docshare.txt');
    expect(result.report!.format).toBe('viewer-transcript');
    const memo = memoOf(result);
    expect(memo.meta).toMatchObject({ series: 'ポリシー・メモランダム #4', title: 'テクノ・ナショナリズムの時代における日米同盟', authors: ['ジェームス・L・ショフ', '森 聡'], date: '2020年12月', publisher: '笹川平和財団', program: 'アジア戦略イニシアチブ（ASI）' });
    expect(result.report!.titleBlock.map((t) => t.field)).toEqual(['series', 'title', 'authors', 'date', 'publisher', 'program']);
    const why = Object.fromEntries(result.report!.dropped.map((d) => [d.text, d.why]));
    expect(why).toMatchObject({ '1 / 6': 'page marker (site text)', '6 / 6': 'page marker (site text)', 'loading…': 'loading notice (site text)', 文字起こし: 'document toolbar (site text)' });
    // Headings where the extraction set a block apart; the title page's lines are none of them.
    expect(headings(memo).slice(0, 5)).toEqual(['アジア戦略イニシアチブ（ASI）について', 'はじめに', '評価', '1． テクノロジーをめぐる競争の出現', '2． 技術的優位性のための競争の意義']);
    expect(memo.footnotes.map((f) => f.label)).toEqual(['1', '2', '3']);
    // A number after a sentence's end glued to the next one is its note's reference.
    expect(result.markdown).toContain('小さくなる可能性がある。[^2]過去に');
    // A line break between Japanese and Latin text is a space where the body spaces them; the notes, set apart, do not.
    expect(result.markdown).toContain('2018 年以来 ASEAN 諸国');
    expect(result.markdown).toContain('2019年 10月');
  });

  it('its page: the title the page names, found on the transcript’s first page, with a series above it; a number lowered onto its word (“guide1 is”) references the note; a line ending in a colon is no heading', async () => {
    const result = await importForm('18f-ai-basics', 'docshare.html');
    expect(result.report!.format).toBe('viewer-transcript');
    const memo = memoOf(result);
    expect(memo.meta).toMatchObject({ series: '18F Blog', title: 'Back to basics in the age of AI', authors: ['Elisa Chen', 'Julia Lindpaintner', 'Elyse Voegeli'], date: 'June 18, 2024', publisher: '18F' });
    expect(headings(memo)).toEqual(['Back to basics in the age of AI', 'Defining AI', 'AI in government', 'How 18F is navigating AI', 'Leaning on what we know', 'Incorporating new techniques', 'Looking ahead']);
    expect(result.markdown).toContain('humane design guide[^1] is an activity');
    expect(memo.footnotes.map((f) => f.label)).toEqual(['1']);
  });

  it('a heading opens a block the extraction set apart: a numbered heading after a paragraph without a full stop; a list item’s short lead line inside a block stays text; a notice is its whole block', async () => {
    const result = await importForm('mirai-17-iryo', 'docshare.txt');
    const memo = memoOf(result);
    expect(memo.meta).toMatchObject({ series: 'チームみらい 政策マニフェスト', title: '７. 医療', subtitle: 'ステップ１', authors: ['チームみらい'], date: '2025年7月26日', publisher: 'チームみらい' });
    const all = headings(memo);
    expect(all).toContain('1）オンライン診療 / 処方受け取り方法を充実し、通院のない受診を実現');
    expect(all).toContain('3）画像診断AIで見逃しリスクと医師不足の解消を同時に');
    expect(all).not.toContain('安全性を担保するためのガイドライン整備');
    expect(all).not.toContain('オンライン診療普及のための診療報酬、インセンティブの設計');
    // A notice runs to the end of its block (the print lost the sign of its second line): dropped whole, and no lead under the title.
    expect(result.report!.dropped.find((d) => d.text.startsWith('⚠️'))).toMatchObject({ why: 'a notice (it opens with a warning sign)' });
    expect(result.report!.dropped.find((d) => d.text.startsWith('⚠️'))!.text).toContain('詳しくはこちら');
    expect(all[0]).toBe('ビジョン');
  });
});

describe('points whose marks the extraction lost, in Japanese set justified', () => {
  /** `n` lines of Japanese `width` characters wide, the last ending a sentence `short` characters short of it. */
  const para = (n: number, width: number, short = 0, start = 'あ') =>
    Array.from({ length: n }, (_, i) => (i < n - 1 ? start.repeat(width) : `${start.repeat(width - short - 1)}。`));
  const read = (lines: string[]) => readPdfPages([lines.map((text, line) => ({ text, line: line + 1 }))]).blocks.map((b) => b.text.length);

  it('a line ending a sentence two characters or more short of the column ends its point; one that fills it runs on', () => {
    // Points of four lines: the first and second end 2 and 3 characters short; the third's last line
    // fills the column, and the fourth runs on from it.
    expect(read([...para(4, 30, 2), ...para(4, 30, 3, 'い'), ...para(4, 30, 0, 'う'), ...para(3, 30, 0, 'え')])).toEqual([118, 117, 210]);
    // One character short: a line broken before a mark that cannot start one, not a point's end.
    expect(read([...para(6, 30, 1), ...para(6, 30, 0, 'い')])).toEqual([359]);
  });

  it('says nothing of text set ragged, its long lines of many widths', () => {
    // Japanese broken by phrase, not justified: a line ending a sentence 4 characters short of the longest runs on as before.
    const widths = [30, 27, 29, 26, 28, 30, 25, 29, 27, 28, 26, 30];
    const lines = widths.map((w, i) => (i === 3 ? `${'あ'.repeat(w - 1)}。` : 'あ'.repeat(w)));
    expect(read(lines)).toHaveLength(1);
  });

  it("a document viewer's transcript of the bundled memo: each point of its assessment one item, as the memo has them", async () => {
    const markdown = (await importForm('asi-memo-4', 'docshare.txt')).markdown!;
    for (const point of ['テクノロジーをめぐる競争は、最終的には', '軍事：防衛当局は', '産業：主要各国は', 'アメリカと日本は、３つの幅広い取り組み']) {
      expect(markdown, point).toMatch(new RegExp(`^\\s*- ${point}`, 'mu'));
    }
  });
});

describe('note numbers: one table (notes.ts) for every reader', () => {
  it('reads each numbering, in half- and full-width digits, and tells them apart', () => {
    const read = (t: string) => {
      const n = noteOf(t);
      return n && [n.style, n.label, n.text];
    };
    expect(read('1 Text.')).toEqual(['number', '1', 'Text.']);
    expect(read('2. Text.')).toEqual(['number', '2', 'Text.']);
    expect(read('３．本文')).toEqual(['number', '3', '本文']);
    expect(read('4) Text.')).toEqual(['closing', '4', 'Text.']);
    expect(read('(5) Text.')).toEqual(['paren', '5', 'Text.']);
    expect(read('[6] Text.')).toEqual(['bracket', '6', 'Text.']);
    expect(read('※7 本文')).toEqual(['kome', '7', '本文']);
    expect(read('*8 Text.')).toEqual(['star', '8', 'Text.']);
    expect(read('注9 本文')).toEqual(['chu', '9', '本文']);
    expect(read('2023年の調査')).toBeUndefined();
  });
});
