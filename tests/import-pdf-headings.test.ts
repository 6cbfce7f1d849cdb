// The PDF reader's headings, sections and title page, judged by the producer's type and positions:
// a heading beside the other column's text, a heading wrapped under LibreOffice's wide heading
// spacing, a notice whose sign Chromium drew without an emoji font, a title page centred by pandoc's
// LibreOffice output. Real PDFs of the corpus
// (tests/corpus/<doc>/forms/) and tests/fixtures/import/title-page (made by make-title-page.sh),
// read by pdf.js.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../src/import/import.ts';
import { namedTitle } from '../src/import/pdf.ts';

const CORPUS = path.join(path.dirname(new URL(import.meta.url).pathname), 'corpus');
const FIXTURES = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/import');

/** A corpus form imported as the CLI imports it: its headings, front matter and what it dropped. */
async function read(form: string, dir = CORPUS) {
  const file = path.join(dir, form);
  const result = await importBytes(new Uint8Array(readFileSync(file)), { file });
  const markdown = result.markdown ?? '';
  const headings = [...markdown.matchAll(/^(#+) (.*?)(?: \{[^}]*\})?$/gmu)].map((m) => `${m[1]} ${m[2]}`);
  const front = /^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1] ?? '';
  return { markdown, headings, front, dropped: (result.report?.dropped ?? []).map((d) => `${d.text} (${d.why})`) };
}

describe('PDF headings and title pages', () => {
  it('a heading on the baseline of the other column\'s text is a line of its own column (Chromium, two columns)', async () => {
    const { headings } = await read('asi-memo-4/forms/pdf-chromium-2col.pdf');
    // The heading wraps in its column ("…につい" / "て"): one heading, never a heading "て".
    expect(headings).toContain('## アジア戦略イニシアチブ（ASI）について');
    expect(headings).not.toContain('## て');
    expect(headings).toContain('### 3． テクノロジーをめぐる競争の形態');
    expect(headings).toContain('### アクセス制限');
  }, 60_000);

  it('a heading line short of its column with room for the next line\'s first word or character ends there: two headings in one type stay two', async () => {
    // pandoc → DOCX → LibreOffice, two columns, headings at the body's size: "…届けます" (room for
    // many characters) over "現状認識・課題分析"; the English post's "How 18F is navigating AI" over "Leaning on what we know".
    const { headings } = await read('review-forms/dx-m21-2col.pdf', FIXTURES);
    expect(headings).toContain('## １）一人ひとりに合わせたオーダーメイドカリキュラムを届けます');
    expect(headings.filter((h) => h === '## 現状認識・課題分析').length).toBeGreaterThanOrEqual(3);
    expect(headings.some((h) => /届けます現状認識/u.test(h))).toBe(false);
    // But a line right under a heading's one line, no farther below than its lines are spaced, is
    // the heading's manual break (Chromium, `<br>` in headings): one heading.
    const broken = await read('review-forms/ch-18f-br2c.pdf', FIXTURES);
    expect(broken.headings).toEqual(expect.arrayContaining(['## How 18F is navigating AI: our practices today', '### Leaning on what we know from years of design work', '### Incorporating new techniques for a changing field']));
    // A Japanese heading whose line leaves less room than the bracketed Latin word that opens the next ("（DCS）") goes on.
    // Measured as the line sets its letters: a wider face in capitals, letters spaced apart; a number set letter by letter is one word.
    const capitals = await read('review-forms/ch-hlong-capsh2.pdf', FIXTURES);
    expect(capitals.headings).toContain('## LEANING ON WHAT WE KNOW FROM YEARS OF HUMAN-CENTERED DESIGN WORK IN GOVERNMENT');
    expect(capitals.headings.some((h) => h.startsWith('## INCORPORATING NEW TECHNIQUES TO HELP US'))).toBe(true);
    const spaced = await read('review-forms/ch-asi-jph2-11.pdf', FIXTURES);
    expect(spaced.headings.some((h) => h.startsWith('## イニシアチブ２：共同イノベーション－1') && h.endsWith('活動を見直す。'))).toBe(true);
    const justified = await read('review-forms/ch-asi4-2col-justify-jp.pdf', FIXTURES);
    expect(justified.headings.some((h) => h.includes('インド太平洋のデジタル連結性戦略（DCS）を共同で（他国とともに）開発し、実施する。'))).toBe(true);
  }, 60_000);

  it('a paragraph\'s first line set in by an em that reaches its column\'s edge is no centred title line; a placeholder for a title in the PDF\'s properties is none', async () => {
    // Chromium, two columns: "⚠️ 本マニフェストは…内容は今後" set in by an em over "変更の可能性があります。";
    // the page pandoc wrote had no title, so it named it after its file: "source".
    const { headings, front, markdown, dropped } = await read('review-forms/ch-m17-jp2.pdf', FIXTURES);
    expect(front).toContain('title: ７. 医療');
    expect(headings[0]).toBe('## ７. 医療');
    expect(markdown).not.toMatch(/source\n|内容は今後\n/u);
    // The notice above the first heading, whole, is dropped as one and said.
    expect(dropped).toContain('⚠️ 本マニフェストは作成途中版であり、内容は今後変更の可能性があります。 (before the first heading)');
    expect(['Microsoft Word - memo.docx', 'Untitled', 'source', 'memo.pdf', '無題', 'Microsoft Word - Document1', 'Microsoft Word - 文書 1'].map(namedTitle)).toEqual(['', '', '', '', '', '', '']);
    expect(['Microsoft Word - 日米同盟の課題', 'Overview', 'AI basics'].map(namedTitle)).toEqual(['日米同盟の課題', 'Overview', 'AI basics']);
  }, 60_000);

  it('a heading that fills its column goes on in the next line, however wide its line spacing (LibreOffice)', async () => {
    const { headings } = await read('asi-memo-4/forms/pdf-lo-lo.pdf');
    expect(headings).toContain('### イニシアチブ１：アクセス制限－同盟国間の調整および、EUやその他の志を同じくする技術分野でのリーダーと連携して、重要技術の輸出管理体制と外資規制を更新する。');
    expect(headings.filter((h) => h.startsWith('### イニシアチブ'))).toHaveLength(3);
    expect(headings.filter((h) => h.startsWith('### '))).toHaveLength(9);
  }, 60_000);

  it('a notice whose sign the PDF draws with no text (an emoji without its font) is dropped as a notice, not the title\'s lead', async () => {
    const { headings, dropped, markdown } = await read('mirai-17-iryo/forms/pdf-chromium.pdf');
    expect(dropped).toContain('ご意見・ご指摘をもとに、より良いものへと進化させていきます。詳しくはこちら (a notice (it opens with a sign drawn without text))');
    expect(markdown).not.toContain('ご意見');
    expect(headings[0]).toBe('## ビジョン');
  }, 60_000);

  it('the centred lines that open the document are its title page: a subtitle in heading type, the authors and the date go to the front matter, never a section (pandoc via LibreOffice)', async () => {
    const { headings, front, markdown } = await read('mirai-17-iryo/forms/pdf-lo-pandoc.pdf');
    expect(front).toContain('subtitle: ステップ１');
    expect(front).toMatch(/authors:\n {2}- チームみらい/u);
    expect(front).toContain('date: 2025年7月26日');
    expect(headings[0]).toBe('## ビジョン');
    expect(markdown.split('---\n').slice(2).join('---\n')).not.toMatch(/ステップ１|^- チームみらい|2025年7月26日/mu);
    // Centred names under a centred title are each an author, not a list.
    const asi = await read('asi-memo-4/forms/pdf-lo-pandoc.pdf');
    expect(asi.front).toMatch(/authors:\n {2}- ジェームス・L・ショフ\n {2}- 森 聡/u);
    expect(asi.headings[0]).toBe('## アジア戦略イニシアチブ（ASI）について');
  }, 60_000);

  it('a space the writer left as a gap before a mark and drew as a glyph after it is read on both sides (LibreOffice: "診療 / 処方" drawn "診療/ 処方")', async () => {
    for (const form of ['mirai-17-iryo/forms/pdf-lo-template.pdf', 'mirai-17-iryo/forms/pdf-lo-pandoc.pdf']) {
      const { headings } = await read(form);
      expect(headings).toContain('## 1）オンライン診療 / 処方受け取り方法を充実し、通院のない受診を実現');
    }
  }, 60_000);

  it('a centred heading in the type of the body\'s section headings ends the title page: it is the first section (Chromium)', async () => {
    const { headings, front } = await read('title-page/title-page.pdf', FIXTURES);
    expect(headings).toEqual(['## 要旨', '## 現状', '## 提言']);
    expect(front).toContain('subtitle: 中間報告');
    expect(front).toMatch(/authors:\n {2}- 山田 太郎/u);
    expect(front).toContain('date: 2024年3月1日');
    expect(front).not.toContain('要旨');
  }, 60_000);
});
