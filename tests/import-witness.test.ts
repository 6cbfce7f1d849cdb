// The import report's second witness: the input read again without the importer's rules
// (src/import/witness.ts), every piece looked for in the memo source. A report that says 100%
// must mean both readings agree; a piece lost or altered is named by its line or page.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes, type ImportResult } from '../src/import/import.ts';
import { reportLines } from '../src/import/report.ts';
import { BLOCK, compareWitness, docxWitness, markdownWitness, textWitness } from '../src/import/witness.ts';
import { pdfWitness } from '../src/import/pdf-witness.ts';
import { readPdfRuns } from '../src/import/pdf.ts';
import { parseMemo } from '../src/parse/parse.ts';
import { oneGlyph } from '../src/import/pdf-glyphs.ts';
import { classifyTitleLine, namesOf } from '../src/import/title-block.ts';
import { streamOpenings } from '../src/import/pdf-actual-text.ts';
import { memoPlainText, sourceSentences } from './corpus/sentences.ts';
import { FIXTURES, ROOT } from './helpers.ts';

const DIR = path.join(FIXTURES, 'import');
const FORMS = [
  'asi-memo-4/asi-policy-memo-4.txt',
  'asi-memo-4/asi-memo-4.md',
  'asi-memo-4/asi-memo-4.docx',
  'asi-memo-4/asi-memo-4.html',
  'asi-memo-4/asi-memo-4.pdf',
  'programme/programme-chromium.pdf',
  'findings/findings-2col.pdf',
  'water.web.txt',
];
const imported = new Map<string, Promise<ImportResult>>();
const importFixture = (file: string) => {
  if (!imported.has(file)) imported.set(file, importBytes(readFileSync(path.join(DIR, file)), { file }));
  return imported.get(file)!;
};
const memoOf = (markdown: string) => parseMemo(markdown, 'memo.md').memo!;

describe('the second reading of each form finds every piece of the input in the memo source', () => {
  for (const form of FORMS) {
    it(form, async () => {
      const { report, diagnostics } = await importFixture(form);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const w = report!.witness;
      expect(w.missing).toEqual([]);
      expect(w.units).toBeGreaterThan(10);
      expect(w.found + w.listed).toBe(w.units);
      expect(reportLines(report!).info[0]).toContain('(100%)');
      expect(reportLines(report!).info[1]).toMatch(new RegExp(`second reading .*: ${w.units} pieces; ${w.found} in the memo source, ${w.listed} listed below as dropped or moved, 0 lost`));
    });
  }
});

describe('a piece lost or altered is named, and the report is not 100%', () => {
  it('Word: a sentence changed or left out of the memo source is found missing, by paragraph', async () => {
    const bytes = readFileSync(path.join(DIR, 'asi-memo-4/asi-memo-4.docx'));
    const { markdown, report } = await importFixture('asi-memo-4/asi-memo-4.docx');
    const units = await docxWitness(bytes);
    // The text of a footnote is read too (word/footnotes.xml).
    expect(units.some((u) => u.text.startsWith('日本では、「米中ハイテク覇権争い」'))).toBe(true);
    const altered = markdown!.replace('30 年前の日米貿易摩擦', '20 年前の日米貿易摩擦').replace(/^.*ASI は笹川平和財団.*$/mu, '');
    const result = compareWitness('Word', units, memoOf(altered), report!.dropped, report!.titleBlock);
    expect(result.missing.map((u) => u.text.slice(0, 10))).toEqual(['ASI は笹川平和財', 'アメリカと中国の激し']);
  });

  it('PDF: two characters of a line swapped (a glyph moved within its line) are found, by page', async () => {
    const bytes = readFileSync(path.join(DIR, 'asi-memo-4/asi-memo-4.pdf'));
    const { markdown, report } = await importFixture('asi-memo-4/asi-memo-4.pdf');
    const { pages } = await readPdfRuns(bytes);
    const units = pdfWitness(pages);
    const swapped = markdown!.replace('日米同盟強化', '日米同強盟化');
    const result = compareWitness('PDF', units, memoOf(swapped), report!.dropped, report!.titleBlock);
    expect(result.missing).toHaveLength(1);
    expect(result.missing[0]).toMatchObject({ page: 1 });
    expect(result.missing[0]!.text.replace(/\s/g, '')).toContain('日米同盟強化');
  });

  it('PDF, spaced writing: words glued where a line wraps, or a word split by a space, are found — spaces between words are text', async () => {
    // An English document as LibreOffice prints it (tests/corpus: 18F, public domain).
    const file = path.join(ROOT, 'tests/corpus/18f-ai-basics/forms/pdf-lo-template.pdf');
    const bytes = readFileSync(file);
    const { markdown, report, diagnostics } = await importBytes(bytes, { file });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // The line ends at "phrase", the next opens with a quote: a reader reads a space between them.
    expect(markdown).toContain('The phrase "artificial intelligence"');
    expect(markdown).toContain('generations — whether');
    const units = pdfWitness((await readPdfRuns(bytes)).pages);
    const glued = compareWitness('PDF', units, memoOf(markdown!.replace('The phrase "artificial', 'The phrase"artificial')), report!.dropped, report!.titleBlock);
    expect(glued.missing.map((u) => [u.text, u.wrong])).toEqual([['phrase "artificial', ['phrase"artificial']]]);
    const split = compareWitness('PDF', units, memoOf(markdown!.replace('misnomer', 'misno mer')), report!.dropped, report!.titleBlock);
    expect(split.missing).toHaveLength(1);
    expect(split.missing[0]!.text).toContain('misnomer');
    // Where Japanese is about, LibreOffice breaks a Latin word anywhere ("Technolo" "gy"), in a
    // full line of Latin text alone under Japanese lines too ("Internati" "onal"): a wrap there makes no claim.
    const japanese = pdfWitness((await readPdfRuns(readFileSync(path.join(ROOT, 'tests/corpus/asi-memo-4/forms/pdf-lo-pandoc.pdf')))).pages);
    const spaces = japanese.filter((u) => u.wrong && !u.wrong[0]!.includes(BLOCK));
    expect(spaces).toEqual([]);
    expect(japanese.some((u) => u.wrong && u.text.includes('Technology'))).toBe(false);
    // Unless a space glyph is drawn where the line breaks: the words are parted by a space (in a Japanese line too).
    const drawn = pdfWitness((await readPdfRuns(readFileSync(path.join(DIR, 'asi-memo-4/asi-memo-4.pdf')))).pages).filter((u) => u.wrong && !u.wrong[0]!.includes(BLOCK));
    expect(drawn.map((u) => [u.text, u.wrong])).toEqual([
      ['and Innovation,”', ['andInnovation,”']],
      ['and Technology', ['andTechnology']],
    ]);
    // Nor an address broken across lines ("…/compe" "ting-with-…").
    expect(japanese.some((u) => u.wrong && u.text.includes('compe'))).toBe(false);
  });

  it('PDF, Japanese: a sentence that runs on from one line to the next, parted into two paragraphs, is found', async () => {
    const bytes = readFileSync(path.join(DIR, 'asi-memo-4/asi-memo-4.pdf'));
    const { markdown, report } = await importFixture('asi-memo-4/asi-memo-4.pdf');
    const units = pdfWitness((await readPdfRuns(bytes)).pages);
    const runsOn = units.filter((u) => u.wrong?.[0]?.includes(BLOCK));
    expect(runsOn.length).toBeGreaterThan(20);
    // The right memo source keeps each such sentence in one paragraph.
    expect(compareWitness('PDF', units, memoOf(markdown!), report!.dropped, report!.titleBlock).missing).toEqual([]);
    const wrap = runsOn.find((u) => markdown!.split(u.text).length === 2)!;
    const [a, b] = wrap.wrong![0]!.split(BLOCK);
    const parted = markdown!.replace(wrap.text, `${a}\n\n${b}`);
    const result = compareWitness('PDF', units, memoOf(parted), report!.dropped, report!.titleBlock);
    // (Named with more of the first line: the form the memo source holds.)
    expect(result.missing).toEqual([{ ...wrap, wrong: [wrap.parted] }]);
    expect(wrap.parted).toMatch(new RegExp(`.{4,}${a}${BLOCK}${b}$`, 'u'));
  });

  it('PDF, English: a sentence parted into two paragraphs is found, though its two words at the break meet elsewhere in the memo unparted', async () => {
    // Chromium's two columns of 18F's post: "Designing to actively protect human" / "vulnerabilities. Human…";
    // "protect human vulnerabilities." is also a later sentence's end.
    const file = path.join(ROOT, 'tests/corpus/18f-ai-basics/forms/pdf-chromium-2col.pdf');
    const { markdown } = await importBytes(readFileSync(file), { file: 'pdf-chromium-2col.pdf' });
    expect(markdown).toMatch(/^Designing to actively protect human vulnerabilities\. Human tendencies/mu);
    expect(markdown!.split('human vulnerabilities.').length).toBeGreaterThan(2);
    const parted = markdown!.replace('Designing to actively protect human vulnerabilities.', 'Designing to actively protect human\n\nvulnerabilities.');
    const units = pdfWitness((await readPdfRuns(readFileSync(file))).pages);
    const missing = compareWitness('PDF', units, memoOf(parted), [], []).missing.filter((u) => u.wrong);
    expect(missing.map((u) => u.wrong![0]!.split(BLOCK))).toEqual([['to actively protect human', 'vulnerabilities.']]);
  });

  it('text and Markdown: a line lost is named by its line number', async () => {
    const text = readFileSync(path.join(DIR, 'asi-memo-4/asi-policy-memo-4.txt'), 'utf8');
    const { markdown, report } = await importFixture('asi-memo-4/asi-policy-memo-4.txt');
    const lost = markdown!.replace(/^- 先進テクノロジーを産業・軍事利用する.*$/mu, '');
    const missing = compareWitness('lines', textWitness(text), memoOf(lost), report!.dropped, report!.titleBlock).missing;
    expect(missing.length).toBeGreaterThan(0);
    expect(missing[0]!.line).toBe(text.split('\n').findIndex((l) => l.includes('先進テクノロジーを産業・軍事利用する')) + 1);
    const md = readFileSync(path.join(DIR, 'asi-memo-4/asi-memo-4.md'), 'utf8');
    const mdImport = await importFixture('asi-memo-4/asi-memo-4.md');
    const mdMissing = compareWitness('md', markdownWitness(md), memoOf(mdImport.markdown!.replace('日米同盟強化', '日米同盟の強化')), [], []).missing;
    expect(mdMissing).toHaveLength(1);
    expect(md.split('\n')[mdMissing[0]!.line - 1]).toContain('日米同盟強化');
  });

  it('the report line says how many pieces were lost, and the share is not 100%', async () => {
    const { report } = await importFixture('asi-memo-4/asi-memo-4.docx');
    const lost = { ...report!, witness: { ...report!.witness, found: report!.witness.found - 1, missing: [{ text: 'lost', line: 3 }] } };
    const { info } = reportLines(lost);
    expect(info[0]).toMatch(/placed \d+ \(9\d\.\d%\)/);
    expect(info[1]).toContain('1 lost');
  });
});

describe('a page nothing can read', () => {
  it('a PDF page of images (its words a picture) is named by its page, never placed: an error, or a warning with --allow-drop', async () => {
    const file = path.join(DIR, 'image-page/image-page.pdf');
    const result = await importBytes(readFileSync(file), { file });
    const lost = result.diagnostics.filter((d) => d.code === 'import-lost');
    expect(lost).toEqual([expect.objectContaining({ severity: 'error', line: 2, message: expect.stringContaining('page 2: it holds no text, only images') })]);
    expect(reportLines(result.report!).info[0]).not.toContain('100%');
    expect(reportLines(result.report!).info[1]).toContain('1 lost');
    const allowed = await importBytes(readFileSync(file), { file, allowDrop: true });
    expect(allowed.diagnostics.filter((d) => d.code === 'import-lost').map((d) => d.severity)).toEqual(['warning']);
    // The pages with text import as ever.
    expect(allowed.markdown).toContain('## 4. 提言');
  });
});

describe('a PDF made without the memo’s fonts (tests/fixtures/import/no-font: LibreOffice with no Japanese font)', () => {
  const NO_FONT = path.join(DIR, 'no-font');
  const source = readFileSync(path.join(ROOT, 'tests/corpus/mirai-17-iryo/source.md'), 'utf8');
  // (But the notice above the title, which the corpus lets an import drop: expected.yaml's may_drop.)
  const notice = source.split('\n').filter((l) => /^[⚠💬]/u.test(l)).join('\n');
  const sentences = sourceSentences(source).filter((s) => !notice.includes(s));
  const squeezed = (text: string) => text.normalize('NFC').replace(/\s+/gu, '');

  it('reads what each fallback glyph stands for from its /ActualText: every sentence of the chapter, the report 100% and true', async () => {
    const file = path.join(NO_FONT, 'no-font.pdf');
    const result = await importBytes(readFileSync(file), { file });
    const memo = squeezed(memoPlainText(result.markdown!));
    expect(memo).not.toContain('本本');
    expect(sentences.length).toBeGreaterThan(60);
    expect(sentences.filter((s) => !memo.includes(squeezed(s)))).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(reportLines(result.report!).info[0]).toContain('(100%)');
  });

  it('where nothing holds the real text, each page of one repeated glyph is named as unreadable: an error, the report not 100%', async () => {
    const file = path.join(NO_FONT, 'no-font-no-actual.pdf');
    const result = await importBytes(readFileSync(file), { file });
    const lost = result.diagnostics.filter((d) => d.code === 'import-lost' && d.message.includes('one character'));
    expect(lost.map((d) => [d.severity, d.line])).toEqual([1, 2, 3].map((page) => ['error', page]));
    expect(lost[0]!.message).toMatch(/page 1: its fonts map the glyphs it draws to one character \("本" is [0-9]+ of its [0-9]+ letters\)/u);
    expect(reportLines(result.report!).info[1]).not.toContain(' 0 lost');
  });

  it('the content stream is scanned as PDF writes it: strings with parentheses and escapes, inline images, hex UTF-16, marked content without text', () => {
    const stream = String.raw`BT (a\)b(c)) Tj /Span <</ActualText (x\051y) /Lang (en)>> BDC [(q) 20 (r)] TJ EMC ET` + '\nBI /W 1 /H 1 /BPC 8 ID \xffBDC) EI\n' + '/P <</MCID 3>> BDC (z) Tj % a comment BDC\n EMC /Artifact BMC EMC /Span<</ActualText<FEFF30DE>>>BDC (\x03) Tj EMC';
    expect(streamOpenings(stream)).toEqual(['x)y', undefined, undefined, 'マ']);
  });

  it('a page of any language’s text is not one glyph; a page of one is, named with its count', () => {
    expect(oneGlyph(source)).toBeUndefined();
    expect(oneGlyph(readFileSync(path.join(ROOT, 'tests/corpus/18f-ai-basics/source.md'), 'utf8'))).toBeUndefined();
    expect(oneGlyph('eee eee eee eee eee eee eee eee eee')).toBeUndefined(); // 27 letters: too few to judge
    expect(oneGlyph('本本本本本本本本本本本本本本本本本本本本DX本本本本本本本本本本本本本本本本本本本本')).toEqual({ char: '本', count: 40, letters: 42 });
  });
});

describe('lines the memo source runs together that the page sets apart (witness-joins.ts)', () => {
  it('a LibreOffice PDF in two columns (tests/fixtures/import/running-header): what the importer once wrote is found wrong at each join, naming both lines', async () => {
    const file = path.join(DIR, 'running-header/running-header-2col.pdf');
    const { pages } = await readPdfRuns(readFileSync(file));
    // The memo source the importer wrote before it knew columns' notes and a title centred in its column, with its report at 100%.
    const before = parseMemo(readFileSync(path.join(DIR, 'running-header/running-header-2col.before-fix.md'), 'utf8'), 'memo.md').memo!;
    const missing = compareWitness('', pdfWitness(pages), before, [], []).missing;
    // A sentence parted into paragraphs line by line (its last line "by accomplishing rote or tedious tasks." taken for a byline).
    // (And a bold lead-in over two lines made a heading of its first.)
    expect(missing.filter((u) => u.wrong?.[0]?.includes(BLOCK)).map((u) => u.wrong![0]!.split(BLOCK).join(' | '))).toEqual([
      'already in use across | the',
      'Many applications focus on | increasing',
      'accelerating data analysis and | synthesis,',
      'time for public servants | by',
      'to actively protect human | vulnerabilities.',
    ]);
    const faults = missing.filter((u) => u.fault).map((u) => [u.page, u.fault]);
    expect(faults).toEqual([
      // The date over the text, centred in its column, glued to the first sentence.
      [1, expect.stringMatching(/^the memo source runs "June 18, 2024" on into "The federal government is abuzz with", a line under it, where the line before, set in from it, ends short of its column with room for "The": it ended there/u)],
      // An item's last line (no stop) run on into the paragraph under it, which opens a sentence.
      [1, expect.stringMatching(/^the memo source runs "emails or text messages" on into "Like with any new technological", a line under it, where the line before ends short of its column with room for "Like"/u)],
      // A paragraph at the first column's foot run on into a bold lead-in halfway down the second.
      [3, expect.stringMatching(/^the memo source runs "….* a product" on into "Thinking beyond the current context\. We", a line that goes on from ".*" set over it/u)],
      // The footnote (10 pt) run on into the body (12 pt).
      [3, expect.stringMatching(/^the memo source runs "….*maintained by" on into "or feature across .*", a line set in type of another size \(10 pt, then 12 pt\)/u)],
    ]);
  });

  it('the same PDF imports whole: the date the date, each column’s notes one note, a paragraph going on in the next column; no join found wrong', async () => {
    const file = path.join(DIR, 'running-header/running-header-2col.pdf');
    const result = await importBytes(readFileSync(file), { file: 'running-header-2col.pdf' });
    const markdown = result.markdown!;
    expect(result.diagnostics.filter((d) => d.code === 'import-lost')).toEqual([]);
    expect(markdown).toMatch(/^date: June 18, 2024$/mu);
    expect(markdown).toMatch(/^The federal government is abuzz with conversation/mu);
    expect(markdown).toMatch(/is an activity to assess a product or feature across six categories of human vulnerabilities and to identify actions to protect or support your users\.\n\nThinking beyond the current context\./u);
    expect(markdown).toContain('might use your solution for harm and defining ways to mitigate.');
    expect(markdown).toMatch(/like the “auto-complete” feature in emails or text messages\n\nLike with any new technological advancements/u);
    expect(markdown).toMatch(/^In the meantime, \[AI is already in use\]\([^)]*\) across the government\. Many applications focus on increasing .* by accomplishing rote or tedious tasks\.$/mu);
    expect(markdown).toMatch(/^\[\^1\]: The GSA\.gov website includes hypertext links, or pointers, to information created and maintained by other public and\/or private organizations\. We provide .* of the outside website\.$/mu);
    // Each item's bullet (9 pt, before the 12 pt words) with its words, in the right column as in
    // the left: the space between them, level with both, sits within reach of the left column's
    // next line too, and once went there — the bullet an item of its own ("- •"), then an empty one.
    expect(markdown).toMatch(/^- Use tools that help identify \[power dynamics\]\([^)]*\) on your project - such as/mu);
    expect(markdown).toMatch(/^- \[Stakeholder mapping\]\([^)]*\) is a way to visualize/mu);
    expect(markdown.split('\n').filter((l) => /^\s*-\s*•?\s*$/u.test(l))).toEqual([]);
    // The note's raised number after a link goes with its line, not the other column's line beside
    // it (once "[humane](…) 1 [design guide](…)", the note unreferenced).
    expect(markdown).toMatch(/The Center of Humane Technology’s \[humane design guide\]\([^)]*\)\[\^1\] is an activity/u);
    expect(result.diagnostics.filter((d) => d.code === 'footnote-unreferenced')).toEqual([]);
    // Bold lead-ins, no headings: one over two lines, one that fills its line.
    expect(markdown).toMatch(/^Designing to actively protect human vulnerabilities\. Human tendencies have helped/mu);
    expect(markdown).toMatch(/^Surfacing potential harms to groups\. Carefully thinking through/mu);
    expect(markdown).not.toMatch(/^#+ (Designing|Surfacing)/mu);
  });

  it('a list item of no words in the memo source (its marker read apart from its words) is an error at its line, a warning with --allow-drop; Markdown says itself what an item holds', async () => {
    // pdftotext's plain text of a LibreOffice PDF: the list's two bullets on lines of their own, before both items.
    const file = path.join(DIR, 'pdf-order/pdf-order-lo.pdftotext.txt');
    for (const allowDrop of [false, true]) {
      const { markdown, diagnostics } = await importBytes(readFileSync(file), { file: 'pdf-order-lo.pdftotext.txt', allowDrop });
      const line = markdown!.split('\n').findIndex((l) => /^\s*-\s*$/u.test(l)) + 1;
      expect(line).toBeGreaterThan(0);
      expect(diagnostics.filter((d) => d.message.startsWith('a list item of no words')).map((d) => [d.file, d.line, d.severity, d.message])).toEqual([
        ['pdf-order-lo.pdftotext.txt → memo.md', line, allowDrop ? 'warning' : 'error', 'a list item of no words ("-"): a list\'s marker read apart from the words it opens'],
      ]);
    }
    const markdown = await importBytes(Buffer.from('# A memo\n\n## Findings\n\nThe first finding.\n\n- •\n- The second point.\n'), { file: 'memo.md' });
    expect(markdown.diagnostics.filter((d) => d.code === 'import-lost')).toEqual([]);
  });

  it('the same post in one column, each line where the page has it: no join found wrong', async () => {
    const file = path.join(DIR, 'running-header/running-header.pdf');
    const result = await importBytes(readFileSync(file), { file: 'running-header.pdf' });
    expect(result.diagnostics.filter((d) => d.code === 'import-lost')).toEqual([]);
  });

  it('a memo source that joins what the page parts is found, however the importer came to it: a heading run on into its text, or into an item (paragraphs in another order join nothing)', async () => {
    const file = path.join(DIR, 'asi-memo-4/asi-memo-4.pdf');
    const read = await readPdfRuns(readFileSync(file));
    const { markdown } = await importFixture('asi-memo-4/asi-memo-4.pdf');
    const units = pdfWitness(read.pages);
    const clean = parseMemo(markdown!, 'memo.md').memo!;
    expect(compareWitness('', units, clean, [], []).missing.filter((u) => u.fault)).toEqual([]);
    // A heading made the opening of its section's first paragraph; another, of its first item.
    const glued = markdown!.replace(/## (はじめに)\n\n/u, '$1').replace(/### (1．[^\n]*)\n\n- /u, '$1');
    expect(glued).not.toBe(markdown);
    const faults = compareWitness('', units, parseMemo(glued, 'memo.md').memo!, [], []).missing.filter((u) => u.fault);
    expect(faults.map((u) => u.fault)).toEqual([
      expect.stringMatching(/^the memo source runs "はじめに" on into "アメリカと中国の激しい.*", a line set in type of another size \(14 pt, then 12 pt\)/u),
      expect.stringMatching(/^the memo source runs "1． テクノロジーをめぐる競争の出現" on into "• 大国間競争が.*", a line that opens with a marker \("•": an item or a note begins there\)/u),
    ]);
    // Lines of the input out of their order: the second paragraph of a section before its first.
    const [, first, second] = /\n\n([^\n#-][^\n]+)\n\n([^\n#-][^\n]+)\n/u.exec(markdown!)!;
    const swapped = markdown!.replace(`${first}\n\n${second}`, `${second}\n\n${first}`);
    expect(compareWitness('', units, parseMemo(swapped, 'memo.md').memo!, [], []).missing.filter((u) => u.fault)).toEqual([]);
  });
});

describe('Chromium’s PDFs in other types (tests/fixtures/import/chromium-forms): no join found wrong where the memo source is right; text no font could draw named', () => {
  const FORMS_DIR = path.join(DIR, 'chromium-forms');
  const source = readFileSync(path.join(ROOT, 'tests/corpus/18f-ai-basics/source.md'), 'utf8');
  const squeezed = (text: string) => text.normalize('NFC').replace(/\s+/gu, ' ').trim();

  for (const [form, why] of [
    ['18f-indent-code.pdf', 'each paragraph’s first line set in 3.5 em, justified; links alone on a line in 0.85 em monospace'],
    ['18f-plain.pdf', 'the space before a link drawn as an item of its own'],
  ] as const) {
    it(`${form} (${why}): every sentence of the post, no import-lost, "100%"`, async () => {
      const result = await importBytes(readFileSync(path.join(FORMS_DIR, form)), { file: form });
      expect(result.diagnostics.filter((d) => d.code === 'import-lost').map((d) => d.message)).toEqual([]);
      const memo = squeezed(memoPlainText(result.markdown!));
      expect(sourceSentences(source).filter((s) => !memo.includes(squeezed(s)))).toEqual([]);
      expect(memo).toContain('the Biden Administration released an AI Executive Order');
      expect(reportLines(result.report!).info[1]).toContain(' 0 lost');
    });
  }

  it('asi-no-font.pdf: the Japanese text read from each glyph’s /ActualText, and each page with glyphs nothing names an error — never "100%"', async () => {
    const result = await importBytes(readFileSync(path.join(FORMS_DIR, 'asi-no-font.pdf')), { file: 'asi-no-font.pdf' });
    // (Most sentences whole; where a glyph went unnamed — "数十 後" for 数十年後 — the page says so below.)
    const memo = memoPlainText(result.markdown!).replace(/\s+/gu, '');
    const japanese = sourceSentences(readFileSync(path.join(ROOT, 'tests/corpus/asi-memo-4/source.md'), 'utf8')).map((t) => t.replace(/\s+/gu, ''));
    expect(japanese.filter((t) => memo.includes(t)).length).toBeGreaterThan(japanese.length * 0.8);
    const unread = result.diagnostics.filter((d) => d.code === 'import-lost' && /map(?:s)? to no character/u.test(d.message));
    expect(unread.length).toBeGreaterThan(2);
    expect(unread.every((d) => d.severity === 'error')).toBe(true);
    expect(unread[0]!.message).toMatch(/^page [0-9]+: [0-9]+ glyphs? it draws maps? to no character, and nothing in the PDF says what/u);
    expect(reportLines(result.report!).info[0]).not.toContain('(100%)');
  });
});

describe('forms a review made in types no one here chose (tests/fixtures/import/review-forms): right memos, no error', () => {
  const REVIEW = path.join(DIR, 'review-forms');
  for (const [form, why, holds] of [
    ['ch-18f-smallcaps.pdf', 'small capitals with letter-spacing, read apart by the stream', '## DEFINING AI'],
    ['ch-18f-emoji-jpconf.pdf', 'an emoji drawn without its font, standing alone in a sentence', 'The federal government is abuzz'],
    ['dx-gif-nofn-jp-105-1ch-2col.pdf', 'a Word-style Japanese memo whose title, at the body’s size, stands over its subtitle', 'title: 政府相互運用性フレームワーク（GIF） 全体編'],
    ['lo-mirai17-nofont-hsame.pdf', 'text before the first heading dropped and listed, not also a sentence not placed (it wrote nothing)', '## ビジョン'],
    ['lo-asi-nofont-2col.pdf', 'two columns, each glyph drawn on its own: a bullet level with the other column’s line stays with its words', '\n- 先進テクノロジーを産業・軍事利用する競争が加速している。'],
    ['ch-18f-hlong-hbody.pdf', 'a short bold heading over a paragraph that opens in bold is a heading, not a lead-in run on into it', '## Examining who is involved in projects\n\nExamining who is involved in projects. In real-world use'],
  ] as const) {
    it(`${form}: ${why}`, async () => {
      const result = await importBytes(readFileSync(path.join(REVIEW, form)), { file: form });
      expect(result.diagnostics.filter((d) => d.code === 'import-lost' || d.code === 'import-fidelity').map((d) => d.message)).toEqual([]);
      expect(result.markdown).toContain(holds);
    });
  }
});

describe('a column’s edge, for the join check (tests/fixtures/import/review-forms/ch-18f-hbody2.pdf)', () => {
  it('a title block centred over two columns sets no column’s edge: full lines are not "short of the column"; the true fault is still found', async () => {
    const file = path.join(DIR, 'review-forms/ch-18f-hbody2.pdf');
    const { diagnostics } = await importBytes(readFileSync(file), { file: 'ch-18f-hbody2.pdf', allowDrop: true });
    const lost = diagnostics.filter((d) => d.code === 'import-lost').map((d) => d.message);
    expect(lost.filter((m) => m.includes('short of its column'))).toEqual([]);
    expect(lost).toEqual(['page 2: a sentence runs on from one line to the next ("Identifying/minimizing bias. Any technology" | "including"), but the memo source parts it into two paragraphs']);
  });
});

describe('a Japanese line that runs on (tests/fixtures/import/review-forms/ch-gif-jp2.pdf)', () => {
  it('is full to its column’s edge, not only as long as the next: a title over the line under it, parted, is no parted sentence', async () => {
    const file = path.join(DIR, 'review-forms/ch-gif-jp2.pdf');
    const units = pdfWitness((await readPdfRuns(readFileSync(file))).pages);
    expect(units.filter((u) => u.parted?.includes('全体編'))).toEqual([]);
    // Full lines of its paragraphs still make their claims (32: all but that one).
    expect(units.filter((u) => u.parted).length).toBeGreaterThanOrEqual(32);
  });
});

describe('a bold line over the text it leads (tests/fixtures/import/review-forms/ch-18f-deflist.pdf)', () => {
  it('a term ending short of its column is a paragraph of its own, no lead-in run on into the text under it, nor a heading', async () => {
    const file = path.join(DIR, 'review-forms/ch-18f-deflist.pdf');
    const { markdown, diagnostics } = await importBytes(readFileSync(file), { file: 'ch-18f-deflist.pdf', allowDrop: true });
    expect(markdown).toMatch(/^Examining who is involved in projects\.\n\nIn real-world use, technology is not neutral/mu);
    expect(markdown).toMatch(/^Identifying\/minimizing bias\.\n\nAny technology/mu);
    // Its items, first line bold and hanging, are still parted from their next line: the report says so at each.
    expect(diagnostics.map((d) => d.message)).toContain('page 1: a sentence runs on from one line to the next ("and improve on tasks" | "without"), but the memo source parts it into two paragraphs');
  });
});

describe('a title block line by its shape', () => {
  it('"By" and names is a byline; a paragraph’s last line that opens with "by" is not', () => {
    expect(classifyTitleLine('By Jane Q. Public and John Smith')).toEqual({ field: 'authors', value: ['Jane Q. Public', 'John Smith'] });
    expect(classifyTitleLine('by accomplishing rote or tedious tasks.')).toBeUndefined();
    expect(classifyTitleLine('著者：チームみらい')).toEqual({ field: 'authors', value: ['チームみらい'] });
  });

  it('one word of katakana is a name only among other names: a heading "ビジョン" under the title is no author', async () => {
    expect(namesOf('ビジョン')).toBeUndefined();
    expect(namesOf('ジェームズ・ショフ')).toEqual(['ジェームズ・ショフ']);
    expect(namesOf('ジェームズ・ショフ、ジョン')).toEqual(['ジェームズ・ショフ', 'ジョン']);
    // LibreOffice without a Japanese font, two columns: the chapter's first section heading under its title.
    const file = path.join(DIR, 'review-forms/lo-m17-nofont-2col.pdf');
    const { markdown } = await importBytes(new Uint8Array(readFileSync(file)), { file, allowDrop: true });
    expect(markdown).not.toMatch(/^authors:/mu);
    expect(markdown).toMatch(/^## ビジョン$/mu);
  });
});
