// Editing the memo source regenerates the deck; a broken edit leaves the previous build as it was.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDecks } from '../src/pipeline/build.ts';
import { compileDeck } from '../src/pipeline/compile.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { DiagramRenderer } from '../src/diagrams/render.ts';
import { BriefdeckError } from '../src/core/errors.ts';
import { loadTheme } from '../src/model/theme.ts';
import { BUNDLED_DECK, FIXTURES, copyDeck, openDeck, serve, snapshot, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const browser = await sharedBrowser();

async function slideTexts(dir: string): Promise<{ text: string; diagrams: string[] }> {
  const { url, server } = await serve(dir);
  try {
    const page = await (await browser.get()).newPage();
    await openDeck(page, url);
    const result = await page.evaluate(() => ({
      text: document.querySelector('.slides')!.textContent ?? '',
      diagrams: [...document.querySelectorAll('figure.bd-diagram svg')].map((s) => s.textContent ?? ''),
    }));
    await page.close();
    return result;
  } finally {
    await server.close();
  }
}

describe('regenerating after an edit', () => {
  it('shows a changed sentence and a new recommendation in the slides and the diagram', async () => {
    const deckDir = copyDeck(BUNDLED_DECK);
    const out = tempDir();
    await buildDecks([deckAt(deckDir)], out, browser);
    const memoFile = path.join(deckDir, 'memo.md');
    const source = readFileSync(memoFile, 'utf8');
    const anchor = '- 外資規制についても同様に協力し、外国人投資家の審査にかかわる防諜活動の分野において二国間の情報交換を強化する。\n';
    expect(source).toContain(anchor);
    const edited = source
      .replace('大国間競争が、第四次産業革命と並行して発生した。', '大国間競争が、第五次産業革命と並行して発生した。')
      .replace(anchor, `${anchor}- 量子暗号の共同試験網を構築する。\n`);
    writeFileSync(memoFile, edited);
    const [rebuilt] = await buildDecks([deckAt(deckDir)], out, browser);
    const { text, diagrams } = await slideTexts(rebuilt!.dir);
    expect(text).toContain('大国間競争が、第五次産業革命と並行して発生した。');
    expect(text).not.toContain('第四次産業革命');
    expect(text).toContain('量子暗号の共同試験網を構築する。');
    expect(diagrams.some((d) => d.includes('量子暗号の共同試験網を構築する'))).toBe(true);
  });

  it('leaves the previous dist/ intact when the memo has an error, naming the file and line', async () => {
    const deckDir = copyDeck(BUNDLED_DECK);
    const out = tempDir();
    const [first] = await buildDecks([deckAt(deckDir)], out, browser);
    const before = snapshot(first!.dir);
    const memoFile = path.join(deckDir, 'memo.md');
    writeFileSync(memoFile, readFileSync(memoFile, 'utf8').replace('## 評価 {.assessment}', '## 評価 {.asessment}'));
    const error = await buildDecks([deckAt(deckDir)], out, browser).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BriefdeckError);
    expect((error as BriefdeckError).diagnostics[0]).toMatchObject({ file: memoFile, line: 25, code: 'unknown-marker' });
    expect(snapshot(first!.dir)).toEqual(before);
    expect(readdirSync(out)).toEqual([path.basename(deckDir)]);
  });

  it('reports a Mermaid syntax error at its memo line, never as a picture', async () => {
    const renderer = new DiagramRenderer(browser, loadTheme());
    const deckDir = path.join(tempDir(), 'mermaid-syntax');
    mkdirSync(deckDir);
    copyFileSync(path.join(FIXTURES, 'bad/mermaid-syntax.md'), path.join(deckDir, 'memo.md'));
    const error = await compileDeck(deckAt(deckDir), renderer).catch((e: unknown) => e);
    await renderer.close();
    expect(error).toBeInstanceOf(BriefdeckError);
    const d = (error as BriefdeckError).diagnostics[0]!;
    expect(d).toMatchObject({ code: 'mermaid-syntax', file: path.join(deckDir, 'memo.md') });
    expect(d.line).toBeGreaterThanOrEqual(12);
    expect(d.line).toBeLessThanOrEqual(14);
    expect(d.message).toMatch(/Mermaid diagram error/);
  });
});
