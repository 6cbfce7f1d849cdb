// A table in a PDF: its cells set on one line per row; a cell whose text wraps goes on in the same
// cell's place on the lines under it. Those lines are that cell's text, not paragraphs of their own.
// Real PDFs of the corpus (LibreOffice printing a pandoc Word file).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../src/import/import.ts';
import { ROOT } from './helpers.ts';

const form = (doc: string, name: string) => path.join(ROOT, 'tests/corpus', doc, 'forms', name);

describe('PDF tables: a wrapped cell is one cell’s text', () => {
  it('LibreOffice: the third cell wraps under itself ("コアデータモデルに土" / "地、建物、設備を追加"); the rows stay apart', async () => {
    const file = form('gif-overview', 'pdf-lo-pandoc.pdf');
    const { markdown } = await importBytes(readFileSync(file), { file });
    const paragraphs = markdown!.split(/\n{2,}/u);
    expect(paragraphs).toContain('2022年5月9日 P14,16,18 コアデータモデルに土地、建物、設備を追加');
    expect(paragraphs).toContain('2022年3月31日 - 初版決定');
    expect(paragraphs.some((p) => p.startsWith('地、建物'))).toBe(false);
  });
});
