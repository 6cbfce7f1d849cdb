// The PDF reader keeps a line's characters where the reader sees them: quotes, brackets and
// stops drawn in a font of their own, raised note numbers, readings above kanji. And the witness
// (src/import/pdf-witness.ts), a second reading in the content stream's order, agrees with every
// PDF of the corpus and disagrees with what the reader gave before it was fixed. Real PDFs made
// by LibreOffice and Chromium (tests/fixtures/import/pdf-order/make-pdf-order.sh), read by pdf.js.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../src/import/import.ts';
import { readPdfRuns } from '../src/import/pdf.ts';
import type { PdfPage } from '../src/import/pdf-lines.ts';
import { pdfWitness } from '../src/import/pdf-witness.ts';
import { compareWitness, type WitnessUnit } from '../src/import/witness.ts';
import type { Dropped } from '../src/import/text.ts';
import type { TitleLine } from '../src/import/title-block.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { FIXTURES } from './helpers.ts';

const DIR = path.join(FIXTURES, 'import');
const ORDER = path.join(DIR, 'pdf-order');
const bytes = (file: string) => new Uint8Array(readFileSync(file));

const cache = new Map<string, Promise<{ markdown: string; dropped: string[]; listed: Dropped[]; titleBlock: TitleLine[]; pages: PdfPage[] }>>();
/** A PDF imported as the CLI imports it: its memo source, what it dropped (and the title lines it moved), and its pages' runs. */
function read(file: string) {
  if (!cache.has(file))
    cache.set(
      file,
      (async () => {
        const result = await importBytes(bytes(file), { file });
        const { pages } = await readPdfRuns(bytes(file));
        const listed = result.report?.dropped ?? [];
        return { markdown: result.markdown ?? '', dropped: listed.map((d) => `${d.text} (${d.why})`), listed, titleBlock: result.report?.titleBlock ?? [], pages };
      })(),
    );
  return cache.get(file)!;
}

/** The witness's pieces of the pages that a memo source does not hold, by the import's one comparer (witness.ts). */
function disagreements(pages: PdfPage[], markdown: string, listed: Dropped[] = [], titleBlock: TitleLine[] = []): WitnessUnit[] {
  const { memo } = parseMemo(markdown, 'memo.md');
  expect(memo).toBeDefined();
  return compareWitness('', pdfWitness(pages), memo!, listed, titleBlock).missing;
}

/** Every PDF under tests/fixtures/import. */
function corpus(dir = DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? corpus(file) : name.endsWith('.pdf') ? [file] : [];
  });
}

/** Phrases of pdf-order.md, as its PDFs carry them (their fonts map ‘ to ’, as pdftotext reads them too). */
const PHRASES = [
  '“PoC の墓場”に陥って',
  '“第 3 の IT 革命”とも呼べる変化の中で',
  '「日本語の鉤括弧」と『二重鉤括弧』、（全角の括弧）や (半角の括弧) を含む文。’一重引用符’も使う。',
  '前年比 15% 増となった[^1]。',
  'これを“実装の年”と呼んだ。',
  '- 人材の不足：“AI 人材”は 2030 年に約 12 万人不足するとされる[^2]。',
  '多くの現場で“後回し”になっている。',
  '（いわゆる“サンドボックス”制度）を進めている。',
  '“デジタル人材”の育成に年間 3 億円を投じる企業もある。',
  '[^2]: 経済産業省「IT 人材需給に関する調査」（2019 年）。',
];
const squeeze = (text: string) => text.replace(/\s+/gu, '');

describe('the PDF reader keeps each character where the reader sees it', () => {
  // LibreOffice draws a line's Japanese text first, leaving gaps, then the quotes its Latin
  // fallback font holds, in the gaps: pdf.js makes one item of "の墓場 に陥って", its gap a space.
  for (const form of ['pdf-order-lo.pdf', 'pdf-order-chromium.pdf']) {
    it(`${form}: each quoted phrase unchanged in the memo source`, async () => {
      const { markdown } = await read(path.join(ORDER, form));
      for (const phrase of PHRASES) expect(markdown, phrase).toContain(phrase);
      // No quote left over anywhere: as many open as close, in each paragraph.
      for (const paragraph of markdown.split(/\n\n/)) expect((paragraph.match(/“/g) ?? []).length, paragraph).toBe((paragraph.match(/”/g) ?? []).length);
      expect(markdown).not.toMatch(/^- 3/m);
    });
  }

  // (Where LibreOffice's quarter-em space between Japanese and Latin text and a space character
  // are the same width, as in these fonts, the reader cannot tell them apart: spaces aside.)
  for (const form of ['pdf-order-lo-cjk.pdf', 'pdf-order-lo-fallback.pdf']) {
    it(`${form}: each quoted phrase in order, its spaces aside`, async () => {
      const { markdown } = await read(path.join(ORDER, form));
      for (const phrase of PHRASES) expect(squeeze(markdown), phrase).toContain(squeeze(phrase));
      for (const paragraph of markdown.split(/\n\n/)) expect((paragraph.match(/“/g) ?? []).length, paragraph).toBe((paragraph.match(/”/g) ?? []).length);
    });
  }

  it('every line Poppler’s pdftotext reads in each PDF is in its memo source, in order (whitespace, note numbers and list markers aside)', async () => {
    // Poppler and pdf.js map a wave dash's glyph to ～ and 〜, and Poppler keeps a note's raised number in the line.
    const plain = (text: string) => text.normalize('NFKC').replace(/〜/gu, '~').replace(/\s+/gu, '');
    for (const form of ['pdf-order-lo.pdf', 'pdf-order-lo-cjk.pdf', 'pdf-order-lo-fallback.pdf', 'pdf-order-chromium.pdf']) {
      const { markdown, dropped } = await read(path.join(ORDER, form));
      // (Poppler reads a raised note number into the line, LibreOffice's, or apart, Chromium's.)
      const memo = plain(markdown.replace(/\[\^[0-9]+\]:?/gu, (ref) => (ref.endsWith(':') ? '' : ref.slice(2, -1))));
      const refless = plain(markdown.replace(/\[\^[0-9]+\]:?/gu, ''));
      const lines = readFileSync(path.join(ORDER, form.replace(/\.pdf$/, '.pdftotext.txt')), 'utf8')
        .split('\n')
        .map((l) => plain(l.replace(/^\s*(?:•|[0-9]{1,2}\.(?=\s))/u, '')))
        .filter((l) => l !== '' && !/^[0-9]{1,2}$/.test(l) && !dropped.some((d) => plain(d).includes(l)));
      expect(lines.length, form).toBeGreaterThan(20);
      for (const line of lines) expect(memo.includes(line) || refless.includes(line), `${form}: ${line}`).toBe(true);
    }
  });

  it('pdf-order-kerned.pdf: an opening quote or bracket kerned under the next glyph (which starts a little left of it) stays before it', async () => {
    const { markdown } = await read(path.join(ORDER, 'pdf-order-kerned.pdf'));
    // (Poppler's pdftotext, going by x, reads "P“ oC" and "実“ 装".)
    for (const phrase of ['多くの企業が“PoC の墓場”に陥っている。これは「第 3 の IT 革命」とも呼べる。', '報告書は“実装の年”と呼んだ。']) expect(markdown).toContain(phrase);
  });

  it('a reading above its kanji (ruby) is dropped and said; the kanji stay (LibreOffice, Chromium)', async () => {
    for (const form of ['pdf-order-lo.pdf', 'pdf-order-lo-cjk.pdf', 'pdf-order-lo-fallback.pdf', 'pdf-order-chromium.pdf']) {
      const { markdown, dropped } = await read(path.join(ORDER, form));
      expect(squeeze(markdown), form).toContain('最後に、生成AIの“幻覚”は、出力の検証で防ぐ。');
      expect(markdown, form).not.toMatch(/せいせい|げんかく/);
      expect(dropped, form).toEqual([`${form.includes('chromium') ? 'せいせい げんかく' : 'せいせい'} (ruby (a reading above its kanji))`]);
    }
  });
});

describe('readPdfRuns: pdf.js items cut at the gaps that hold glyphs drawn elsewhere', () => {
  it('LibreOffice’s "の墓場 に陥っている。これは 第" (its gaps the quotes’, drawn before it) is three runs, in the stream’s order, each quote between two', async () => {
    const { pages } = await read(path.join(ORDER, 'pdf-order-lo.pdf'));
    const runs = pages[0]!.runs;
    const middle = runs.findIndex((r) => r.text === 'に陥っている。これは');
    const parts = [middle - 1, middle, middle + 1];
    expect(parts.map((i) => runs[i]!.text)).toEqual(['の墓場', 'に陥っている。これは', '第']);
    const [ended, opening] = runs.slice(0, parts[0]).filter((r) => r.y === runs[parts[0]!]!.y && /^[“”]$/.test(r.text)).slice(-2);
    const [a, b, c] = parts.map((i) => runs[i]!);
    expect(ended!.text).toBe('”');
    expect(a!.x + a!.width).toBeLessThanOrEqual(ended!.x + 0.01);
    expect(b!.x).toBeGreaterThanOrEqual(ended!.x + ended!.width - 0.01);
    expect(opening!.text).toBe('“');
    expect(b!.x + b!.width).toBeLessThanOrEqual(opening!.x + 0.01);
    expect(c!.x).toBeGreaterThanOrEqual(opening!.x + opening!.width - 0.01);
  });
});

describe('the witness: the PDF read in its content stream’s order', () => {
  it('joins the items of a stream line, with the glyphs drawn later in its gaps; leaves out raised note numbers; reports by page', async () => {
    const { pages } = await read(path.join(ORDER, 'pdf-order-lo.pdf'));
    const units = pdfWitness(pages);
    expect(units.every((u) => u.line === u.page && u.page === 1)).toBe(true);
    const texts = units.map((u) => squeeze(u.text));
    expect(texts.some((t) => t.includes('多くの企業が“PoCの墓場”に陥っている。これは“'))).toBe(true);
    expect(texts.some((t) => t.includes('前年比15%増となった。AI戦略会議の報告書'))).toBe(true);
    expect(texts.some((t) => /った1。/.test(t))).toBe(false);
  });

  it('leaves out the readings above kanji (ruby); parts a two-column page’s columns', async () => {
    const ruby = pdfWitness((await read(path.join(ORDER, 'pdf-order-chromium.pdf'))).pages);
    expect(ruby.some((u) => /せいせい|げんかく/.test(u.text))).toBe(false);
    expect(ruby.some((u) => squeeze(u.text).includes('最後に、⽣成AIの“幻覚”は'))).toBe(true);
    const { pages } = await read(path.join(DIR, 'findings/findings-2col.pdf'));
    const columns = pdfWitness(pages);
    expect(columns.length).toBeGreaterThan(20);
    // No stream line runs across the gap between the columns.
    for (const page of pages) expect(columns.filter((u) => u.page === page.number).every((u) => u.text.length < 70)).toBe(true);
  });

  it('agrees with the memo source of every PDF of the corpus (and with what the import dropped and said)', async () => {
    // (But the PDF whose text nothing holds: import-witness.test.ts expects it unread; and the
    // review's list of definitions, whose items' bold first lines the import still parts from
    // their next, its two columns where a line opening with a dash is taken for an item, and the
    // guidebook's cover lines run into one paragraph in two columns, two note numbers of the ASI
    // memo under letter-spaced headings, and a short heading's manual break ("Looking ahead" / "to
    // the next decade", parted by the rule for a Word file's short headings), and the glossed post's
    // short line taken for an item — the report names each, import-witness.test.ts reads the first
    // three, import-pdf-headings.test.ts and import-pdf-runs-on.test.ts the others.)
    const files = corpus().filter((file) => !/(no-font-no-actual|ch-18f-deflist|ch-18f-hbody2|ch-gif-jp2|ch-asi-jph2-11|ch-18f-br2c|lo-gloss)\.pdf$/u.test(file));
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const file of files) {
      const { markdown, listed, titleBlock, pages } = await read(file);
      expect(markdown, file).not.toBe('');
      // (What the import dropped and said, running heads and page numbers, is no disagreement.)
      expect(disagreements(pages, markdown, listed, titleBlock), path.relative(DIR, file)).toEqual([]);
    }
  }, 180_000); // every fixture PDF read twice: 15–30 s, more on a busy machine

  it('disagrees with what the reader gave before the fix: quotes moved out of their place', async () => {
    const { pages } = await read(path.join(ORDER, 'pdf-order-lo.pdf'));
    const before = readFileSync(path.join(ORDER, 'pdf-order-lo.before-fix.md'), 'utf8');
    expect(before).toContain('“PoC の墓場 に陥っている。これは 第” “ 3 の IT 革命');
    const found = disagreements(pages, before).map((u) => squeeze(u.text));
    expect(found).toContain('多くの企業が“PoCの墓場”に陥っている。これは“');
    expect(found.some((t) => t.includes('ジタル人材”の育成に年間'))).toBe(true);
    expect(found.length).toBeGreaterThan(5);
  });

  it('disagrees with what the reader gave before the fix for kerned quotes: the quote after the glyph kerned over it', async () => {
    const { pages } = await read(path.join(ORDER, 'pdf-order-kerned.pdf'));
    const before = readFileSync(path.join(ORDER, 'pdf-order-kerned.before-fix.md'), 'utf8');
    expect(before).toContain('報告書は実装の年“');
    const found = disagreements(pages, before).map((u) => squeeze(u.text.normalize('NFKC'))); // (Chromium's font maps 革 to the radical ⾰)
    expect(found).toContain('多くの企業が“PoCの墓場”に陥っている。これは「第3のIT革命」とも呼べる。');
    expect(found).toContain('報告書は“実装の年”と呼んだ。');
  });
});

describe('a page in three columns reads down each column in turn', () => {
  // Chromium, CSS columns (review-forms/make/mkc3.sh): read across the page, each line of the
  // first column ran on into the second's and third's ("…normalize a variety of data. For
  // instance, the Department has pros and cons…"), 47 and 57 pieces lost.
  for (const [name, doc] of [
    ['ch-18f-c3.pdf', '18f-ai-basics'],
    ['ch-m40-c3.pdf', 'mirai-40-100days'],
  ] as const) {
    it(`${name}: each paragraph of the source, in its order`, async () => {
      const file = path.join(FIXTURES, 'import/review-forms', name);
      const result = await importBytes(bytes(file), { file });
      const memo = squeeze((result.markdown ?? '').replace(/\]\([^)]*\)/gu, '').replace(/[[\]\\*]/gu, ''));
      const source = readFileSync(path.join(FIXTURES, '../corpus', doc, 'source.md'), 'utf8').split('---\n').at(-1)!;
      const starts = source
        .split('\n')
        .map((l) => squeeze(l.replace(/^\s*(?:[-*]|#+)\s+/u, '').replace(/\]\([^)]*\)/gu, '').replace(/[[\]\\*]/gu, '')).slice(0, 16))
        .filter((l) => l.length >= 12 && !/^[⚠💬]/u.test(l));
      expect(starts.length).toBeGreaterThan(15);
      let at = 0;
      for (const start of starts) {
        const found = memo.indexOf(start, at);
        expect(found, start).toBeGreaterThanOrEqual(at);
        at = found;
      }
      expect(result.diagnostics.filter((d) => d.code === 'import-lost').length).toBeLessThanOrEqual(1);
    });
  }
});
