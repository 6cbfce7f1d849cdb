// A PDF's links: its link annotations (boxes with an address) put back on the words they cover, as
// the 18F post's PDFs (printed by Chromium, exported by LibreOffice) hold them (tests/corpus/18f-ai-basics). A box's words are
// found from the proportions of the letters of its line, so a link is only written where its words
// are found whole: never on other words than the source's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../src/import/import.ts';
import { ROOT } from './helpers.ts';

const DOC = path.join(ROOT, 'tests/corpus/18f-ai-basics');
/** Each link on words of a memo source: its words, its address, and the words just before it in its paragraph (where it stands). */
const links = (markdown: string) =>
  markdown.split('\n').flatMap((line) => {
    const out: string[] = [];
    let plain = '';
    let rest = line.replace(/^\s*(?:[-*]|#+)\s+/u, '').replace(/\*\*/gu, '');
    for (;;) {
      const m = /\[((?:\\.|[^\]\\])*)\]\(([^)\s]+)\)/u.exec(rest);
      if (!m) break;
      plain += rest.slice(0, m.index).replace(/\\(.)/gu, '$1');
      const words = m[1]!.replace(/\\(.)/gu, '$1').trim();
      out.push(`…${plain.replace(/\s+/gu, ' ').slice(-24)}[${words}](${m[2]})`);
      plain += m[1]!.replace(/\\(.)/gu, '$1');
      rest = rest.slice(m.index + m[0].length);
    }
    return out;
  });
const source = links(readFileSync(path.join(DOC, 'source.md'), 'utf8')).filter((l) => !/\[https?:/u.test(l));

describe('the links of a PDF', () => {
  for (const form of ['pdf-chromium.pdf', 'pdf-chromium-2col.pdf', 'pdf-lo-lo.pdf', 'pdf-lo-pandoc.pdf', 'pdf-lo-template.pdf']) {
    it(`${form}: on their words, each where the source has it (${source.length} in the source)`, async () => {
      const result = await importBytes(new Uint8Array(readFileSync(path.join(DOC, 'forms', form))), { file: form });
      const written = links(result.markdown!);
      expect(written.filter((l) => !source.includes(l)), 'links on other words than the source’s').toEqual([]);
      // Every one, "personas" too (twice in its paragraph: "Anti-personas … anti-personas", told apart by the letters before it).
      expect(written.sort()).toEqual([...source].sort());
      expect(result.report!.placed).toBe(result.report!.body);
    });
  }
});

describe('a web address set as its own text and broken over lines', () => {
  it('is one address again, whole, where a link of the page has it (Chromium, Word-style, in notes and in items)', async () => {
    const read = async (file: string) => (await importBytes(new Uint8Array(readFileSync(file)), { file, allowDrop: true })).markdown ?? '';
    const kyoiku = await read(path.join(ROOT, 'tests/corpus/mirai-21-kyoiku/forms/pdf-chromium.pdf'));
    expect(kyoiku).toContain('審議会の資料：<https://www.mext.go.jp/content/20250228-mext_kyoiku01-000040050_03.pdf>');
    const word = await read(path.join(ROOT, 'tests/fixtures/import/review-forms/dx-m21-2col.pdf'));
    expect(word).toContain('<https://www.mext.go.jp/content/20250228-mext_kyoiku01-000040050_03.pdf>');
    // A note's address in Chromium's two columns: "…/2019/10/10/co" / "mpeting-with-china-…".
    const note = await read(path.join(ROOT, 'tests/fixtures/import/review-forms/ch-asi4-2col-justify-jp.pdf'));
    expect(note).toContain('<https://carnegieendowment.org/2019/10/10/competing-with-china-on-technology-and-innovation-pub-80010>');
    for (const memo of [kyoiku, word, note]) expect(memo).not.toMatch(/https?:\/\/\S*> \S|>\[/u);
  });
});
