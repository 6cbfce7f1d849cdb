// Text a browser copied from a web page: headings, points and paragraphs are all lines, and a
// point with points under it is as short as a heading. A short line is a heading only where the
// text confirms it (src/import/structure.ts, pastedHeadings). Read from the corpus's pasted forms
// (tests/corpus/<doc>/forms/blog.txt: Chromium's copy of a blog page) and from
// tests/fixtures/import/pasted/outline.txt (the same copy, made by make-pasted.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../src/import/import.ts';
import { readPdfText } from '../src/import/pdf-text.ts';
import { pastedHeadings } from '../src/import/structure.ts';
import { readWebText } from '../src/import/web-text.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { FIXTURES, ROOT } from './helpers.ts';

const form = (doc: string, name: string) => path.join(ROOT, 'tests/corpus', doc, 'forms', name);

/** The memo a pasted form imports to: its headings (sections and parts, in order) and its paragraphs. */
async function imported(doc: string, name: string) {
  const file = doc === '' ? name : form(doc, name);
  const result = await importBytes(new Uint8Array(readFileSync(file)), { file: name });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.report!.missing).toEqual([]);
  const memo = parseMemo(result.markdown!, 'memo.md').memo!;
  const headings = memo.sections.flatMap((s) => [s.heading.text, ...s.parts.map((p) => p.heading.text)]);
  const tree = memo.sections.map((s) => [s.heading.text, s.parts.map((p) => p.heading.text)]);
  return { markdown: result.markdown!, headings, tree };
}

describe('pasted text: which short lines are headings', () => {
  it('a line ending with a colon leads into what follows: a paragraph, not a heading', async () => {
    const { markdown, headings } = await imported('18f-ai-basics', 'blog.txt');
    expect(headings).not.toContain('Some specific examples of AI in action today:');
    expect(markdown).toMatch(/\n\nSome specific examples of AI in action today:\n\n/);
    expect(headings).toEqual(['Back to basics in the age of AI', 'Defining AI', 'AI in government', 'How 18F is navigating AI', 'Leaning on what we know', 'Incorporating new techniques', 'Looking ahead']);
  });

  it('parts that recur under every numbered section are the outline: a short line inside one is a point of it, and that part is a list', async () => {
    const { markdown, headings, tree } = await imported('mirai-17-iryo', 'blog.txt');
    const parts = ['現状認識・課題分析', '政策概要'];
    expect(headings).toEqual([
      'ビジョン',
      '1）オンライン診療 / 処方受け取り方法を充実し、通院のない受診を実現',
      ...parts,
      '2）スマート受付とキャッシュレスで待ち時間のない受診を実現',
      ...parts,
      '3）画像診断AIで見逃しリスクと医師不足の解消を同時に',
      ...parts,
    ]);
    // The recurring parts are the numbered sections' parts.
    expect(tree.slice(1).every(([, p]) => JSON.stringify(p) === JSON.stringify(parts))).toBe(true);
    // Points with points under them, as short as a heading: items of their part's list, with the
    // lines under them; the part's list in every section (its title is the same part).
    for (const point of ['安全性を担保するためのガイドライン整備', '薬の受け取りまでオンラインで完結するための枠組みの整備', 'セキュアに遠隔診療を提供するため医療機関のインフラ整備の支援を行います']) expect(markdown).toContain(`\n- ${point}\n`);
    expect(markdown).toContain('\n- 受付、決済やオンライン診療の領域で医療DXが進み');
    // A part with no points anywhere keeps its paragraphs.
    expect(markdown).toContain('\n\n医療機関の受診に関する負担は対面かオンラインかどうか以外にもあります\n\n');
  });

  it('the same in a longer chapter: the points under its last part (some with one line under each) stay text', async () => {
    const { markdown, headings } = await imported('mirai-21-kyoiku', 'blog.txt');
    expect(headings.at(-1)).toBe('政策概要');
    expect(headings.filter((h) => /^[１-９]）/u.test(h))).toHaveLength(4);
    for (const point of ['制度的障壁（学校教育法等）', 'カリキュラム設計の複雑さ']) expect(markdown).toContain(`\n- ${point}\n`);
  });

  it('under numbered headings, lines that end no sentence are terse points, a list: the short ones among them are no headings', async () => {
    const { markdown, headings } = await imported('mirai-40-100days', 'blog.txt');
    expect(headings).toEqual(['1) 本格始動へ向けた組織づくり', '2) ユーティリティ政党として、他党や自治体と連携を推進', '3) スモールチームでも出来る”社会実装”を爆速で遂行', '4) 世界の技術者たちと独自の議員外交を開始']);
    // Terse lines, two or more under a heading, are a list; the one line under the last heading stays a paragraph.
    expect(markdown).toContain('\n- 10名規模の技術者集団（永田町エンジニアチーム）を組織する\n- 通常、選挙活動');
    expect(markdown).toContain('\n\n各国のスタートアップ、技術者、研究者とのパイプを独自開拓\n');
  });

  it('unnumbered sections over recurring parts: the line right above a part is its section, the short lines inside a part are its points', async () => {
    const { markdown, tree } = await imported('', path.join(FIXTURES, 'import/pasted/outline.txt'));
    const parts = ['Background', 'What we propose'];
    expect(tree).toEqual([
      ['Connecting rural schools', []],
      ['Classroom devices', parts],
      ['Network access', parts],
      ['Teacher training', parts],
    ]);
    for (const point of ['A shared device pool', 'Repair hubs', 'Fibre to every school', 'Peer coaching']) expect(markdown).toContain(`\n- ${point}\n`);
    // The background is paragraphs: that part holds no points.
    expect(markdown).toContain('### Background\n\nOne rural pupil in five');
  });

  it('a title that comes again with no section heading above it is no recurring part', () => {
    const blocks = readWebText(readFileSync(path.join(FIXTURES, 'import/pasted/outline.txt'), 'utf8')).blocks;
    const parts = pastedHeadings(blocks).filter((b) => b.level === 3).map((b) => b.text);
    expect(parts).toEqual(Array.from({ length: 3 }, () => ['Background', 'What we propose']).flat());
    // The same post without its section headings: "Background" and "What we propose" come first
    // with no heading above them (as a table of contents, or a summary repeated at the end): no
    // parts, so no levels and no points.
    const sections = new Set(['Classroom devices', 'Network access', 'Teacher training']);
    const bare = blocks.filter((b) => !sections.has(b.text));
    expect(pastedHeadings(bare)).toEqual(bare);
  });

  it('headings with paragraphs under them stay headings; text that kept its list markers (a PDF’s) is left as it is', () => {
    // A blog post of the bundled memo: unnumbered sections and approaches over paragraphs, none recurring.
    const web = readWebText(readFileSync(path.join(FIXTURES, 'import/web/blog.txt'), 'utf8')).blocks;
    expect(pastedHeadings(web)).toEqual(web);
    // The bundled memo's PDF text: its points marked "・".
    const pdf = readPdfText(readFileSync(path.join(FIXTURES, 'import/asi-memo-4/asi-policy-memo-4.txt'), 'utf8')).blocks;
    expect(pdf.some((b) => b.kind === 'bullet')).toBe(true);
    expect(pastedHeadings(pdf)).toBe(pdf);
  });
});
