// A PDF paragraph or list item that goes on over a page, into the next column, past a closing
// bracket or over a line a raised note number set lower stays one block of the memo source. The
// evidence is the producer's: a line that reaches its column's edge without a sentence's stop runs
// on, in the next line set where the block's lines are. Real PDFs of the corpus
// (tests/corpus/<doc>/forms/), made by LibreOffice and Chromium, read by pdf.js.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../src/import/import.ts';
import { readPdfRuns } from '../src/import/pdf.ts';
import { bodySize, pageLines } from '../src/import/pdf-lines.ts';

const CORPUS = path.join(path.dirname(new URL(import.meta.url).pathname), 'corpus');

/** A corpus form imported as the CLI imports it: its memo source's blocks (a paragraph or a list item each), and what the second reading found lost. */
async function read(form: string) {
  const file = path.join(CORPUS, form);
  const result = await importBytes(new Uint8Array(readFileSync(file)), { file, allowDrop: true });
  const blocks = (result.markdown ?? '').split('\n').filter((l) => l.trim() !== '');
  return { blocks, lost: result.diagnostics.filter((d) => d.code === 'import-lost').map((d) => d.message) };
}

/** The one block of the memo source that holds the whole of `text`, or a failure naming where it was parted. */
function oneBlock(blocks: string[], text: string) {
  expect(blocks.some((b) => b.includes(text)), `not in one block: ${text}`).toBe(true);
}

describe('a PDF block that goes on past a break', () => {
  it('LibreOffice: a list item goes on over a page at its text\'s indent, not the marker\'s', async () => {
    const { blocks, lost } = await read('asi-memo-4/forms/pdf-lo-lo.pdf');
    // Page 1 ends "…両大国は、日本" at the column's edge (a character short: "（" may not end a line); page 2 goes on at the item's text.
    oneBlock(blocks, '両大国は、日本（政府、企業、大学）をも巻き込んだ国力をめぐる二国間競争で真っ向から対立しており');
    expect(blocks.filter((b) => /^\s*- （政府/u.test(b))).toEqual([]);
    expect(lost).toEqual([]);
  }, 60_000);

  it('LibreOffice: a line a raised note number sets lower is still the same paragraph', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(CORPUS, 'asi-memo-4/forms/pdf-lo-lo.pdf')));
    const { pages } = await readPdfRuns(bytes);
    const lines = pageLines(pages[1]!, bodySize(pages), true);
    const i = lines.findIndex((l) => l.text.startsWith('っている。'));
    const [above, raised] = [lines[i - 1]!, lines[i]!];
    // The evidence: the line stands lower than the body's spacing allows, by no more than its number's rise.
    expect(raised.rise).toBeGreaterThan(0);
    expect(above.y - raised.y).toBeGreaterThan(raised.size * 1.9);
    expect(above.y - raised.y).toBeLessThan(raised.size * 1.9 + raised.rise!);
    const { blocks } = await read('asi-memo-4/forms/pdf-lo-lo.pdf');
    oneBlock(blocks, 'また、日本でも、米中のライバル関係の根幹にあるのは、先進テクノロジーをめぐる競争だとの見方が広がっている。[^1]');
    oneBlock(blocks, '現在開発中の次世代技術の収益性や熟達度は、これまでよりはるかに小さくなる可能性がある。[^2]過去に');
    oneBlock(blocks, '新技術分野における日米企業の中長期的な成長の潜在性が、容易に制限される可能性がある。[^3]');
  }, 60_000);

  it('Chromium: a list item whose marker is a drawing goes on past a full line ending in a bracket, not a stop', async () => {
    const { blocks, lost } = await read('asi-memo-4/forms/pdf-chromium.pdf');
    oneBlock(blocks, '両大国は、日本（政府、企業、大学）をも巻き込んだ国力をめぐる');
    oneBlock(blocks, 'ホワイトハウスの「未来のための産業（Industries for the Future）」イニシアチブは、');
    // "…（cable landing station）" ends short of the edge by "は、", which may not be parted.
    oneBlock(blocks, 'ケーブル陸揚局（cable landing station）は、物理的なセキュリティと');
    expect(lost).toEqual([]);
  }, 60_000);

  it('Chromium, two columns: a paragraph or item goes on into the next column, and past a bracket inside its column', async () => {
    const { blocks } = await read('asi-memo-4/forms/pdf-chromium-2col.pdf');
    // Left column to right on page 1 (a paragraph), and on page 2 (an item, at its indent in both).
    oneBlock(blocks, '日米が多くの点で同様の政策をとっていると中国がみなしているため、長期化した激しいものとなるであろう。');
    oneBlock(blocks, '巨視的な視点に立って適切なエコシステムを設計・確立することがイノベーションを引き起こすカギだ。');
    oneBlock(blocks, 'カタリティック・ファンディング（民間資金を呼び込むための公的な投融資）を主導することは困難となっている。');
    oneBlock(blocks, '「安全地帯 (secure enclaves)」を提供するなど、連携して対策の可能性を探る。');
  }, 60_000);

  it('Latin text: a full line that ends a list item without a stop still ends it (Chromium draws the markers)', async () => {
    const { blocks } = await read('18f-ai-basics/forms/pdf-chromium-2col.pdf');
    const item = (opening: string) => blocks.filter((b) => b.startsWith(`- ${opening}`));
    // "…smart speakers (e.g., Siri, Alexa)" reaches the column's edge; the next item opens the next line.
    expect(item('Natural language processing (NLP)')).toHaveLength(1);
    expect(item('Natural language processing (NLP)')[0]).toMatch(/\(e\.g\., Siri, Alexa\)$/u);
    expect(item('Large-language models (LLM)')).toHaveLength(1);
    // A Latin paragraph goes on into the next column all the same.
    oneBlock(blocks, 'One of the particular risks of AI is the ability to automate or replicate these biases at very large and fast scales.');
  }, 60_000);
});

describe('an item going on over a column break', () => {
  it('goes on where the next column sets the same level, though that column holds no line at its edge (its origin from the indents both columns share)', async () => {
    const FORMS = path.join(CORPUS, '../fixtures/import/review-forms');
    for (const [name, text] of [
      ['dx-m40-2col.pdf', 'デジタル民主主義2030で開発された『いどばたシステム』や『広聴AI』'],
      ['ch-m40-jp2.pdf', 'YouTubeチャンネルを運用しながら、オープンな政策立案プロセスを実現する'],
    ] as const) {
      const file = path.join(FORMS, name);
      const result = await importBytes(new Uint8Array(readFileSync(file)), { file, allowDrop: true });
      const items = (result.markdown ?? '').split('\n').filter((l) => /^\s*- /u.test(l));
      expect(items.filter((i) => i.includes(text)), name).toHaveLength(1);
      // Nested under its point, as in the source, and no item opens inside a word or a clause.
      expect(items.find((i) => i.includes(text)), name).toMatch(/^  - /u);
      expect(items.some((i) => /^\s*- (?:テム』|しながら)/u.test(i)), name).toBe(false);
    }
  }, 60_000);
});

describe('where a paragraph of Latin text ends at a sentence’s stop', () => {
  const FORMS = path.join(CORPUS, '../fixtures/import/review-forms');
  const paragraphs = async (file: string) => {
    const result = await importBytes(new Uint8Array(readFileSync(file)), { file, allowDrop: true });
    return { paragraphs: (result.markdown ?? '').split(/\n\s*\n/), lost: result.diagnostics.filter((d) => d.code === 'import-lost') };
  };
  const together = (all: string[], a: string, b: string) => all.some((p) => p.includes(a) && p.includes(b));
  const apart = (all: string[], a: string, b: string) => all.some((p) => p.includes(a)) && all.some((p) => p.includes(b)) && !together(all, a, b);

  it('a line short of its column only because the next word would not fit goes on, where the document marks its paragraphs by space or indent', async () => {
    // Chromium, one column, paragraphs spaced: "…misuse data)." ends 19.5 pt short, "You " needs 20.6.
    const hbody = await paragraphs(path.join(FORMS, 'ch-18f-hbody.pdf'));
    expect(together(hbody.paragraphs, 'to steal and misuse data).', 'You can create anti-personas the same way')).toBe(true);
    // And the link lands on the word the source links (the second "personas"), the paragraph whole.
    expect(hbody.paragraphs.join('\n')).toContain('the same way you create [personas](https://methods.18f.gov/decide/personas/)');
    expect(hbody.lost).toEqual([]);
    // Chromium's plain print of the post: two sentences of one paragraph, the second a link.
    const plain = await paragraphs(path.join(CORPUS, '../fixtures/import/chromium-forms/18f-plain.pdf'));
    expect(together(plain.paragraphs, 'leverage the power of AI', 'Reach out to 18F')).toBe(true);
  });

  it('a paragraph set in or spaced apart after a stop starts anew, though the line before is nearly full', async () => {
    // Two columns, justified, first lines set in: "…will exist." ends 13 pt short of its column.
    const { paragraphs: hbody2 } = await paragraphs(path.join(FORMS, 'ch-18f-hbody2.pdf'));
    expect(apart(hbody2, 'in which our solution will exist.', 'Identifying externalities, with tools like')).toBe(true);
  });

  it('a paragraph of one line, set in, over a line set in as far — or a line set in over a page — opens a paragraph, though the line before ends a word short of its column', async () => {
    // Chromium, paragraphs set in by an em with no space between them.
    const { paragraphs: ind } = await paragraphs(path.join(FORMS, 'ch-18f-ind4.pdf'));
    expect(apart(ind, 'still relevant in navigating AI.', 'Here are some of our practices')).toBe(true);
    // Over a page too: page 1's last line ends a sentence 8.8 pt short, page 2 opens set in.
    expect(apart(ind, 'National AI Talent Surge', 'In the meantime,')).toBe(true);
    // A flush paragraph of one line (the first after a heading) over one set in (\`p+p{text-indent:1em}\`).
    const { paragraphs: flush } = await paragraphs(path.join(FORMS, 'ch-onel.pdf'));
    expect(apart(flush, 'with agencies every day.', 'Nevertheless, "AI" refers to')).toBe(true);
    expect(apart(flush, 'adding several of them to our practice.', 'Notwithstanding this,')).toBe(true);
  });

  it('a paragraph whose first line is set in far (3.5 em) is a paragraph, not a list item without its marker: its next line goes back out', async () => {
    // Chromium, justified, each paragraph's first line set in 3.5 em (the review's "indent-code" form).
    const file = path.join(CORPUS, '../fixtures/import/chromium-forms/18f-indent-code.pdf');
    const { paragraphs: all } = await paragraphs(file);
    expect(all.some((p) => p.startsWith('The federal government is abuzz with conversation'))).toBe(true);
    expect(all.some((p) => /^- (?:The federal government|In fall 2023|While AI may seem)/u.test(p))).toBe(false);
    expect(apart(all, 'National AI Talent Surge', 'In the meantime,')).toBe(true);
    expect(apart(all, 'still relevant in navigating AI.', 'Here are some of our practices')).toBe(true);
  });

  it('a line ending in a closing bracket, not a stop, over a line that opens in a small letter goes on (a gloss: "technology (技術)" / "modernization forward")', async () => {
    const { paragraphs: glossed } = await paragraphs(path.join(FORMS, 'lo-gloss.pdf'));
    expect(together(glossed, 'to drive technology (技術) modernization forward', 'Read on for')).toBe(true);
    expect(glossed.some((p) => p.includes('a space for government (政府) employees to learn'))).toBe(true);
  });

  it('a Word file that marks no paragraph (no space, no indent): a stop with room for the next word still ends one', async () => {
    // pandoc → DOCX → LibreOffice, two columns: "navigating AI." leaves 23 pt, "Here " takes 22.8.
    const { paragraphs: word } = await paragraphs(path.join(FORMS, 'dx-18f-2col.pdf'));
    expect(apart(word, 'still relevant in navigating AI.', 'Here are some of our practices')).toBe(true);
  });
});
