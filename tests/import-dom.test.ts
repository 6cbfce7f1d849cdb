// The DOM reader (Word through mammoth, web pages): tables with merged cells (rowspan, colspan;
// Word's merged cells, as LibreOffice writes them) keep each cell under its own column heading,
// the places a merged cell spans left empty; a line break inside a paragraph parts its lines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../src/import/import.ts';
import { FIXTURES, ROOT } from './helpers.ts';

const DIR = path.join(FIXTURES, 'import/tables');
const tableOf = (markdown: string) =>
  markdown
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
    .map((l) => l.slice(1, -1).split('|').map((c) => c.trim()));

describe('a table with merged cells keeps each cell in its column', () => {
  it('a web page: a heading over two columns, one beside two rows, a cell across two years', async () => {
    const file = path.join(DIR, 'merged.html');
    const { markdown, diagnostics } = await importBytes(readFileSync(file), { file });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(tableOf(markdown!)).toEqual([
      ['Programme', 'Cost', ''],
      ['', '2025', '2026'],
      ['Digital services', '12 million', '14 million pending approval'],
      ['Training', 'Flat at 3 million across both years', ''],
    ]);
  });

  it('a Word file (LibreOffice): merged cells the same way', async () => {
    const file = path.join(DIR, 'merged.docx');
    const { markdown, diagnostics } = await importBytes(readFileSync(file), { file });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rows = tableOf(markdown!);
    expect(rows.slice(0, 2)).toEqual([
      ['Programme', 'Cost', ''],
      ['', '2025', '2026'],
    ]);
    expect(rows[3]).toEqual(['Training', 'Flat at 3 million across both years', '']);
  });
});

describe('a line break written inside a paragraph (<br>, Word\'s manual break)', () => {
  // 「…となっている」 and 「出典：…」 stand on two lines of one paragraph (tests/corpus: team-mirai, CC BY 4.0).
  for (const form of ['word-pandoc.docx', 'blog.html']) {
    it(`parts the Japanese it stands between with a space, never glues them (${form})`, async () => {
      const file = path.join(ROOT, 'tests/corpus/mirai-21-kyoiku/forms', form);
      const { markdown } = await importBytes(readFileSync(file), { file });
      expect(markdown).toContain('諸外国と比較しても縛りが強い制度となっている 出典：経済産業省資料');
    });
  }
});
