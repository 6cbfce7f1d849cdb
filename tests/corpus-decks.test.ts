// Issue 18 item 8: a document from the corpus (tests/corpus/, made by other producers) becomes a
// deck that looks designed: each imports (from its Word file), builds, and passes `check` with the
// layout targets — no slide over 40% empty, median text 30 px or more, nothing under 24 px — and a
// title slide that says each thing once.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withTemporaryBuild } from '../src/pipeline/build.ts';
import { checkBuilt, medianTextPx, type CheckResult } from '../src/check/check.ts';
import type { Slide } from '../src/model/types.ts';
import { deckAt } from '../src/core/deck-folder.ts';
import { inlineText } from '../src/model/content.ts';
import { importBytes } from '../src/import/import.ts';
import { ROOT, tempDir } from './helpers.ts';
import { sharedBrowser } from './shared-browser.ts';

const CORPUS = path.join(ROOT, 'tests/corpus');
const DOCS = ['asi-memo-4', '18f-ai-basics', 'gif-overview', 'mirai-17-iryo', 'mirai-21-kyoiku', 'mirai-40-100days'];
/**
 * Decks whose median text is still under 30 px: their median check runs as an expected failure,
 * so a planner that reaches the target shows it. None now: the team-mirai chapters (lists of
 * entries with sub-lists) reach it with each such entry leading a slide of its own.
 */
const MEDIAN_GAPS = new Set<string>([]);
const browser = await sharedBrowser();
const work = tempDir('briefdeck-corpus-decks-');
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
});

const checked = new Map<string, Promise<{ result: CheckResult; slides: Slide[] }>>();
/** Imports the document's Word file, builds it and checks it (once per document). */
function checkDoc(doc: string) {
  if (!checked.has(doc)) checked.set(doc, build(doc));
  return checked.get(doc)!;
}

async function build(doc: string): Promise<{ result: CheckResult; slides: Slide[] }> {
  const file = path.join(CORPUS, doc, 'forms/word-pandoc.docx');
  const { markdown, diagnostics } = await importBytes(readFileSync(file), { file });
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !markdown) throw new Error(`${doc}: the import failed: ${errors.map((d) => d.message).join('; ')}`);
  const dir = path.join(work, 'slides', doc);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'memo.md'), markdown);
  const [done] = await withTemporaryBuild([deckAt(dir)], browser, async (built, deck) => ({ result: await checkBuilt(built, deck, browser), slides: deck.slides }));
  return done!;
}

describe('every corpus document makes a deck that passes check with the layout targets', () => {
  for (const doc of DOCS) {
    it(doc, async () => {
      const { result, slides } = await checkDoc(doc);
      expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}: ${d.message}`)).toEqual([]);
      expect(result.coverage.found).toBe(result.coverage.sentences);
      for (const slide of result.slides) {
        expect(slide.emptyBand, `slide ${slide.index + 1} "${slide.title}": empty band`).toBeLessThanOrEqual(0.405);
        if (slide.minFontPx !== null) expect(slide.minFontPx, `slide ${slide.index + 1} "${slide.title}": smallest text`).toBeGreaterThanOrEqual(24);
      }
      // The title slide says each thing once.
      const title = slides[0]!;
      const lines = [title.kicker, title.title, title.subtitle].filter((x) => x !== undefined).map((x) => inlineText(x!)).concat(title.byline.flat());
      expect(new Set(lines.map((l) => l.replace(/\s+/gu, ''))).size, lines.join(' | ')).toBe(lines.length);
    }, 120_000);
    (MEDIAN_GAPS.has(doc) ? it.fails : it)(`${doc}: median text 30 px or more`, async () => {
      expect(medianTextPx((await checkDoc(doc)).result.slides)).toBeGreaterThanOrEqual(30);
    }, 120_000);
  }
});
