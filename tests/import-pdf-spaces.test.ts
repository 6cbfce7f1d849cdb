// The PDF reader's spaces are the writer's: a space where a space glyph is drawn (placed by the
// text matrix and each glyph's advance, as a renderer places it), none where the writer only
// moved the pen (LibreOffice's quarter em between Japanese and Latin text). Real PDFs of the
// corpus, made by LibreOffice and Chromium, read by pdf.js.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../src/import/import.ts';
import { readPdfRuns } from '../src/import/pdf.ts';
import { FIXTURES, ROOT } from './helpers.ts';

const CORPUS = path.join(ROOT, 'tests/corpus');
const form = (doc: string, name: string) => path.join(CORPUS, doc, 'forms', name);
const bytes = (file: string) => new Uint8Array(readFileSync(file));
const memoOf = async (file: string) => (await importBytes(bytes(file), { file })).markdown ?? '';

describe('readPdfRuns: the space glyphs each page draws, where it draws them', () => {
  it('LibreOffice: a space after "ASI" where one is drawn; none in the quarter em it leaves between "2020" and "年"', async () => {
    const { pages } = await readPdfRuns(bytes(form('asi-memo-4', 'pdf-lo-pandoc.pdf')));
    const page = pages[0]!;
    const run = (text: string) => page.runs.find((r) => r.text === text)!;
    const asi = page.runs.find((r) => r.text === 'ASI' && page.runs.some((o) => o.text.startsWith('は笹川') && o.y === r.y))!;
    const after = page.runs.find((o) => o.text.startsWith('は笹川'))!;
    const spaced = page.spaces!.filter((s) => Math.abs(s.y - asi.y) < 1 && s.x >= asi.x + asi.width - 0.5 && s.x + s.width <= after.x + 0.5);
    expect(spaced).toHaveLength(1);
    expect(spaced[0]!.width).toBeGreaterThan(2);
    const [year, nen] = [run('2020'), run('年')];
    expect(nen.x - (year.x + year.width)).toBeGreaterThan(1); // a gap, but no space drawn in it
    expect(page.spaces!.some((s) => Math.abs(s.y - year.y) < 1 && s.x + s.width / 2 > year.x + year.width && s.x + s.width / 2 < nen.x)).toBe(false);
  });

  it('Chromium draws no space where it breaks a line, LibreOffice does: only LibreOffice’s pages say so', async () => {
    expect((await readPdfRuns(bytes(form('18f-ai-basics', 'pdf-lo-pandoc.pdf')))).pages.every((p) => p.spacesEndLines)).toBe(true);
    expect((await readPdfRuns(bytes(form('18f-ai-basics', 'pdf-chromium.pdf')))).pages.some((p) => p.spacesEndLines)).toBe(false);
  });
});

describe('the memo source keeps the spaces the PDF draws, and only those', () => {
  it('LibreOffice: spaces between Japanese and Latin text as drawn; a word broken across lines in Japanese text joined whole', async () => {
    const memo = await memoOf(form('asi-memo-4', 'pdf-lo-pandoc.pdf'));
    for (const text of ['ASI は笹川平和財団', 'そして 50 年以上', '上位 10 分野のうち 9 分野', '例えば AI 及び量子情報科学', 'トランプ政権の2021 年度', '「21 世紀の経済の管制高地をめぐる戦いだ」', '(U.S. Science and Technology Policy Institute)など）。'])
      expect(memo, text).toContain(text);
    expect(memo).not.toMatch(/ASIは笹川|Technolo gy|「2 1/u);
  });

  it('LibreOffice: a line of Latin text alone that breaks at a space it leaves undrawn keeps the space', async () => {
    const file = path.join(FIXTURES, 'import/asi-memo-4/asi-memo-4.pdf');
    expect(await memoOf(file)).toContain('Japan Forum on International Relations');
  });

  it('LibreOffice: the space pdf.js writes inside an item for a gap beside full-width text, with no space glyph drawn, is none', async () => {
    const memo = await memoOf(form('asi-memo-4', 'pdf-lo-lo.pdf'));
    expect(memo).toContain('高速通信ネットワーク（５G）');
    expect(memo).toContain('独自の５G ネットワーク');
  });

  it('LibreOffice: a space glyph its font maps to a variation selector (U+FE0F) is a space, not a character', async () => {
    const memo = await memoOf(form('mirai-17-iryo', 'pdf-lo-pandoc.pdf'));
    expect(memo).toContain('人口100 万人当たり CT 115.7台・MRI 57.4台');
    expect(memo).not.toMatch(/[\p{L}\p{N}]\ufe0f/u);
  });

  it('Chromium: curly quotes inside a line keep the spaces around them; a space beside Japanese text that a drawn space glyph stands for stays', async () => {
    expect(await memoOf(form('18f-ai-basics', 'pdf-chromium.pdf'))).toContain('like the “auto-complete” feature in emails');
    expect(await memoOf(form('asi-memo-4', 'pdf-chromium-2col.pdf'))).toContain('「安全地帯 (secure enclaves)」');
  });

  it('Chromium in two columns: columns set closer than 2.5 em are parted at the page’s gutter, each read whole', async () => {
    const memo = await memoOf(form('18f-ai-basics', 'pdf-chromium-2col.pdf'));
    for (const text of [
      'At 18F, we strive to be aware of and reflective of our own biases and create avenues of accountability.',
      'identification information to help correct data entry errors, connect information about a person across datasets',
      'Just like us, you probably have a lot of tools you can use',
    ])
      expect(memo, text).toContain(text);
  });

  it('Chromium: a hyphenation point (U+2027) the font maps the middle dot to is "・" in Japanese text, between Latin letters too', async () => {
    expect(await memoOf(form('mirai-17-iryo', 'pdf-chromium.pdf'))).toContain('CT・MRI読影にAI画像解析を併用した場合');
  });

  it('Chromium: a line that ends before a straight opening quote, or after a dash set with a space before it, joins the next with a space', async () => {
    const memo = await memoOf(form('18f-ai-basics', 'pdf-chromium-2col.pdf'));
    expect(memo).toContain('For example, solving problems or "recognizing" the contents of a photograph.');
    expect(memo).toContain('Any technology — including AI — can replicate human biases');
  });
});

describe('a line LibreOffice breaks inside a Latin word joins the next without a space', () => {
  it('a line of Latin text alone, in a Japanese document, whose room left would have held the space it did not draw: "Internati" / "onal"', async () => {
    for (const name of ['pdf-lo-pandoc.pdf', 'pdf-lo-template.pdf']) {
      const memo = await memoOf(form('asi-memo-4', name));
      expect(memo, name).toContain('Carnegie Endowment for International Peace and Japan Forum on International Relations, October 2019.');
      expect(memo, name).not.toContain('Internati onal');
    }
    // The same words broken at a space whose glyph LibreOffice left out (the line too full to hold it) keep it.
    expect(await memoOf(path.join(FIXTURES, 'import/asi-memo-4/asi-memo-4.pdf'))).toContain('Japan Forum on International Relations');
  });

  it('an English document’s full lines that break at a space LibreOffice left out (too full to hold it) keep the space', async () => {
    const memo = await memoOf(form('18f-ai-basics', 'pdf-lo-pandoc.pdf'));
    for (const text of ['relying on as we explore', 'At 18F, we use a few', 'the power dynamics', 'harm through the usage of AI']) expect(memo, text).toContain(text);
  });

  it('LibreOffice by its name: a Japanese document that wraps no line at a space still breaks "D" / "X" inside a word', async () => {
    const runs = await readPdfRuns(bytes(form('mirai-17-iryo', 'pdf-lo-pandoc.pdf')));
    expect(runs.pages.flatMap((p) => p.spaces ?? []).some((s) => s.endsLine)).toBe(false);
    expect(runs.pages.every((p) => p.spacesEndLines)).toBe(true);
    for (const name of ['pdf-lo-pandoc.pdf', 'pdf-lo-template.pdf']) expect(await memoOf(form('mirai-17-iryo', name)), name).toContain('医療機関のDX推進を支援するため');
  });

  it('LibreOffice printing a Word file breaks a Japanese line at a Latin word’s space and draws none there (justified to its edge): the space stays', async () => {
    const FORMS = path.join(FIXTURES, 'import/review-forms');
    // Word-style (pandoc → DOCX → LibreOffice), justified, two columns; and LibreOffice's own document without a Japanese font.
    const word = await memoOf(path.join(FORMS, 'dx-asi-2col.pdf'));
    for (const text of ['IoT (Internet of Things)', '（trusted researcher）', 'Trusted Capital Marketplace', '(U.S. Science and Technology Policy Institute)', '（Defense Innovation board）', 'Competing with China on Technology and Innovation'])
      expect(word, text).toContain(text);
    const nofont = await memoOf(path.join(FORMS, 'lo-asi-nofont-2col.pdf'));
    for (const text of ['IoT (Internet of Things)', '（trusted researcher）', '（Trusted Capital Marketplace）', 'U.S.-Japan Joint High Level Committee', 'Industries for the Future'])
      expect(nofont, text).toContain(text);
    // A half that is a word elsewhere is no evidence beside a half of one letter: "enclave" / "s)" (LibreOffice, the whole document Japanese).
    const japanese = await memoOf(path.join(FORMS, 'lo-asi-ja-2col.pdf'));
    expect(japanese).toContain('(secure enclaves)');
    // A line's last word of one letter is no space drawn at its end: the space before it is inside the line ("Science a" / "nd").
    for (const text of ['(U.S. Science and Technology Policy Institute)', '5G や ICT のインフラ']) expect(japanese, text).toContain(text);
    for (const text of ['例えば AI 及び量子情報科学', 'DRAM 半導体の生産量']) expect(nofont, text).toContain(text);
    // Chromium breaking Latin words anywhere in Japanese text (\`word-break: break-all\`), drawing no space at a line's end:
    // the document's own words tell, and its other lines broken so.
    const anywhere = await memoOf(path.join(FORMS, 'ch-asi-ba.pdf'));
    for (const text of ['Defense Innovation Initiative', '（ICT）', 'DRAM 半導体', 'Trusted Capital', 'Technology Policy Institute'])
      expect(anywhere, text).toContain(text);
    // The same document's words broken inside a word where LibreOffice does so (its own Japanese layout) still join.
    expect(await memoOf(form('asi-memo-4', 'pdf-lo-pandoc.pdf'))).not.toMatch(/Technolo gy|Internati onal/u);
  });
});


describe('letters spaced apart (CSS letter-spacing): words as the page draws its spaces', () => {
  // pdf.js writes a space for every gap wider than a tenth of an em: each letter of a spaced word
  // came out alone ("T h e f e d e r a l", "## D E F I N I N G A I"), and the second reading,
  // reading the same spaced text, said 100%.
  it('Chromium, body .12 em and headings .3 em in capitals (18F): every sentence and heading word for word', async () => {
    const file = path.join(FIXTURES, 'import/review-forms/ls-18f.pdf');
    const result = await importBytes(bytes(file), { file });
    const memo = result.markdown ?? '';
    expect(result.diagnostics.filter((d) => d.code === 'import-lost').map((d) => d.message)).toEqual([]);
    expect(memo).toMatch(/^date: June 18, 2024$/mu);
    expect(memo).toContain('## DEFINING AI\n');
    // Each source sentence as written (the headings set in capitals by the style).
    const source = readFileSync(path.join(FIXTURES, 'import/review-forms/make/ls-18f.md'), 'utf8').split('---\n')[2]!;
    const sentences = source.split('\n').filter((l) => l && !l.startsWith('#')).flatMap((l) => l.replace(/^- /u, '').split(/(?<=\.) (?=[A-Z"])/u));
    expect(sentences.length).toBeGreaterThan(8);
    for (const sentence of sentences) expect(memo, sentence).toContain(sentence);
    expect(memo).not.toMatch(/(?:^|\s)\p{L} \p{L} \p{L}(?:\s|$)/mu);
  });

  it('Chromium, a page of Japanese only at .2 em (no space glyph anywhere): no space between its letters, its headings headings', async () => {
    const file = path.join(FIXTURES, 'import/review-forms/ls-ja.pdf');
    const result = await importBytes(bytes(file), { file });
    const memo = result.markdown ?? '';
    expect(result.diagnostics.filter((d) => d.code === 'import-lost').map((d) => d.message)).toEqual([]);
    expect(memo).toContain('現在の診療報酬制度ではオンライン診療が対面診療と比べて優遇されているとは言えず、医療機関側にとって動機づけが不足しています。');
    expect(memo).toContain('また、オンライン診療で医師に相談をしても、受診後の医薬品の受け取りに調剤薬局を訪ねる必要があります。');
    expect(memo).toMatch(/^## 背景$/mu);
  });

  it('Chromium, a Japanese heading set .1 em apart: its year is one number ("1988年"), its bracketed initials one word', async () => {
    const file = path.join(FIXTURES, 'import/review-forms/ch-asi-jph2-11.pdf');
    const memo = await memoOf(file);
    expect(memo).toContain('イニシアチブ２：共同イノベーション－1988年に日米間で締結した科学技術研究開発協力協定（STA）を改訂する');
    expect(memo).not.toMatch(/1 9 8 8/u);
  });
});
