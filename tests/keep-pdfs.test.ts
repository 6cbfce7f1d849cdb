// `build --no-pdf` after a build with PDFs: the PDFs and the PowerPoint file stay while they show
// the same slides, and go (with a warning that says so) once the memo has changed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DECK, copyDeck, runCli, tempDir } from './helpers.ts';

describe('build --no-pdf and the PDFs printed before', () => {
  it('keeps them and the .pptx for the same memo, and removes them, saying so, after an edit', async () => {
    const deckDir = copyDeck(BUNDLED_DECK);
    const out = tempDir();
    const pdfs = ['asi-policy-memo-4.pdf', 'asi-policy-memo-4-notes.pdf'].map((f) => path.join(out, 'asi-policy-memo-4', f));
    const full = await runCli('build', deckDir, '--out', out);
    expect(full.code, full.stderr).toBe(0);
    const printed = pdfs.map((f) => readFileSync(f));
    const pptx = path.join(out, 'asi-policy-memo-4', 'asi-policy-memo-4.pptx');
    const written = readFileSync(pptx);

    const again = await runCli('build', deckDir, '--no-pdf', '--out', out);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('kept asi-policy-memo-4.pdf and asi-policy-memo-4-notes.pdf');
    pdfs.forEach((f, i) => expect(readFileSync(f).equals(printed[i]!)).toBe(true));
    expect(again.stderr).toContain('kept asi-policy-memo-4.pptx: written from these same slides');
    expect(readFileSync(pptx).equals(written)).toBe(true);

    const memo = path.join(deckDir, 'memo.md');
    writeFileSync(memo, readFileSync(memo, 'utf8').replace('重要', '大切'));
    const edited = await runCli('build', deckDir, '--no-pdf', '--out', out);
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stderr).toMatch(/warning: removed asi-policy-memo-4\.pdf and asi-policy-memo-4-notes\.pdf: printed from an earlier version of the memo/);
    for (const f of pdfs) expect(existsSync(f)).toBe(false);
    expect(edited.stderr).toMatch(/warning: removed asi-policy-memo-4\.pptx: written from an earlier version of the memo \(run "briefdeck pptx asi-policy-memo-4" for a new one\)/);
    expect(existsSync(pptx)).toBe(false);
  }, 240_000);
});
