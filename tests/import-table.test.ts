// Word tables (and a web page's) import as tables: a Markdown table in memo.md, a table on a
// slide, every cell counted by check — not one paragraph per row.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTemporaryBuild } from '../src/pipeline/build.ts';
import { checkBuilt } from '../src/check/check.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { inlineText } from '../src/model/content.ts';
import { FIXTURES, runCli, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();

const TABLE = [
  '| 分野 | 2015年度 | 2024年度 | 増減 |',
  '| --- | --- | --- | --- |',
  '| 堤防の整備 | 120億円 | 80億円 | −33% |',
  '| 避難所の運営 | 30億円 | 28億円 | −7% |',
  '| 防災教育 | 5億円 | 6億円 | +20% |',
].join('\n');

async function importInto(file: string): Promise<{ deck: string; markdown: string; stderr: string }> {
  const deck = path.join(tempDir(), 'budget');
  const { code, stderr } = await runCli('import', file, '--out', deck);
  expect(code, stderr).toBe(0);
  return { deck, markdown: readFileSync(path.join(deck, 'memo.md'), 'utf8'), stderr };
}

describe('a Word table', () => {
  it('imports as a Markdown table, builds into a table slide with every cell, and passes check', async () => {
    const { deck, markdown, stderr } = await importInto(path.join(FIXTURES, 'import/budget-table/budget-table.docx'));
    expect(stderr).toContain('placed 17 (100%)');
    // The table between the paragraphs it stood between in the document.
    expect(markdown).toContain(`分野ごとの内訳は次のとおりである。\n\n${TABLE}\n\n堤防の整備が最も大きく減った。`);
    expect(markdown).not.toContain(' / ');
    const [checked] = await withTemporaryBuild([deckAt(deck)], browser, async (built, d) => ({ result: await checkBuilt(built, d, browser), deck: d }));
    const { result, deck: compiled } = checked!;
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.coverage.percent).toBe(100);
    expect(result.numbers.found).toBe(result.numbers.total);
    const slide = compiled.slides.find((s) => s.table)!;
    expect(slide.layout).toBe('table');
    expect(slide.table!.header.map((c) => inlineText(c))).toEqual(['分野', '2015年度', '2024年度', '増減']);
    expect(slide.table!.rows.map((r) => r.cells.map((c) => inlineText(c)))).toEqual([
      ['堤防の整備', '120億円', '80億円', '−33%'],
      ['避難所の運営', '30億円', '28億円', '−7%'],
      ['防災教育', '5億円', '6億円', '+20%'],
    ]);
    for (const cell of ['<th>分野</th>', '<td>堤防の整備</td>', '<td>−33%</td>', '<td>+20%</td>']) expect(compiled.html).toContain(cell);
  }, 120_000);
});

describe('a web page’s table', () => {
  it('imports as a Markdown table too; a table of one column stays paragraphs', async () => {
    const page = path.join(tempDir(), 'budget.html');
    const rows = [['分野', '2015年度', '2024年度', '増減'], ['堤防の整備', '120億円', '80億円', '−33%'], ['避難所の運営', '30億円', '28億円', '−7%'], ['防災教育', '5億円', '6億円', '+20%']];
    const table = `<table><thead><tr>${rows[0]!.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${rows.slice(1).map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
    writeFileSync(page, `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>防災予算の見直し</title></head><body><article><h1>防災予算の見直し</h1><h2>現状</h2><p>過去十年で、防災予算は三割減った。分野ごとの内訳は次のとおりである。</p>${table}<p>堤防の整備が最も大きく減った。</p><table><tr><td>一列だけの表の一行目である。</td></tr><tr><td>一列だけの表の二行目である。</td></tr></table><h2>提言</h2><p>堤防の整備費を2015年度の水準に戻す。</p></article></body></html>`);
    const { markdown } = await importInto(page);
    expect(markdown).toContain(`${TABLE}\n\n堤防の整備が最も大きく減った。\n\n一列だけの表の一行目である。\n\n一列だけの表の二行目である。\n`);
  }, 60_000);
});
