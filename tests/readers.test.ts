// The readers of `briefdeck import` are a table (src/import/readers.ts): one row per format, tried
// in order, bytes by their magic before text by its shape. Each file of a form is known by its
// row, and importBytes reports the format of the row that read it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../src/import/import.ts';
import { READERS } from '../src/import/readers.ts';
import { FIXTURES } from './helpers.ts';

const IMPORT = path.join(FIXTURES, 'import');
/** The first row that knows the bytes (the text rows see them decoded). */
function rowFor(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8');
  return READERS.find((r) => (r.input === 'bytes' ? r.recognise(bytes) : r.recognise(text)))?.format;
}

describe('the readers table', () => {
  it('has one row per format, bytes first, and a last row that takes any text', () => {
    expect(READERS.map((r) => `${r.input} ${r.format}`)).toEqual(['bytes pdf', 'bytes docx', 'text html', 'text markdown', 'text pdf-text', 'text web-text']);
    for (const r of READERS) expect(r.recognisedBy.length, r.format).toBeGreaterThan(10);
    const last = READERS.at(-1)!;
    expect(last.input === 'text' && last.recognise('any words at all')).toBe(true);
  });

  it('knows each form of one memo by its row, and the report names that row', async () => {
    const forms: Array<[file: string, format: string]> = [
      ['programme/programme.pdf', 'pdf'],
      ['programme/programme.docx', 'docx'],
      ['programme/programme.html', 'html'],
      ['programme/programme.md', 'markdown'],
      ['water.pdf.txt', 'pdf-text'],
      ['water.web.txt', 'web-text'],
    ];
    for (const [file, format] of forms) {
      const bytes = readFileSync(path.join(IMPORT, file));
      expect(rowFor(bytes), file).toBe(format);
      const result = await importBytes(bytes, { file, allowDrop: true });
      expect(result.report?.format, `${file}: ${result.diagnostics.map((d) => d.message).join('; ')}`).toBe(format);
    }
  });

  it("turns a reader's failure into a diagnostic naming the file, at its line", async () => {
    const cut = readFileSync(path.join(IMPORT, 'programme/programme.pdf')).subarray(0, 400);
    const pdf = await importBytes(cut, { file: 'cut.pdf' });
    expect(pdf.diagnostics).toMatchObject([{ file: 'cut.pdf', line: 1, code: 'import-pdf', severity: 'error' }]);
    const deep = `# Title\n\n## Part\n\n${'> '.repeat(300)}deep\n`;
    const md = await importBytes(Buffer.from(deep), { file: 'deep.md' });
    expect(md.diagnostics).toMatchObject([{ file: 'deep.md', line: 5, code: 'import-too-deep' }]);
  });
});
