// `build --no-pdf` after a build with PDFs: the PDFs and the PowerPoint file stay while they show
// the same slides, and go (with a warning that says so) once the memo has changed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    expect(edited.stderr).toMatch(/warning: removed asi-policy-memo-4\.pdf and asi-policy-memo-4-notes\.pdf: printed from an earlier version of the memo or its look/);
    for (const f of pdfs) expect(existsSync(f)).toBe(false);
    expect(edited.stderr).toMatch(/warning: removed asi-policy-memo-4\.pptx: written from an earlier version of the memo, its look or its template \(run "briefdeck pptx asi-policy-memo-4" \(with its --template, if it had one\) for a new one\)/);
    expect(existsSync(pptx)).toBe(false);
  }, 240_000);

  it('removes them after a new look of the same slides (a theme, an accent), or new metadata (the language the PDFs declare)', async () => {
    // (A deck without diagrams: its slides' markup does not change with the theme.)
    const deckDir = path.join(tempDir(), 'plain');
    mkdirSync(deckDir);
    writeFileSync(path.join(deckDir, 'memo.md'), '---\ntitle: A plain memo\nlanguage: en\n---\n\n## Introduction\n\nA first sentence here.\n');
    const out = tempDir();
    const accent = 'theme: dark\nbrand:\n  accent: "#7a1f3d"\n';
    const looks = [['', 'theme: dark\n', 'theme'], ['theme: dark\n', accent, 'accent'], [accent, `${accent}meta:\n  language: en-GB\n`, 'metadata']] as const;
    for (const [was, config, change] of looks) {
      writeFileSync(path.join(deckDir, 'deck.yaml'), was);
      const full = await runCli('build', deckDir, '--out', out);
      expect(full.code, full.stderr).toBe(0);
      writeFileSync(path.join(deckDir, 'deck.yaml'), config);
      const relooked = await runCli('build', deckDir, '--no-pdf', '--out', out);
      expect(relooked.code, relooked.stderr).toBe(0);
      expect(relooked.stderr, change).toMatch(/warning: removed plain\.pdf and plain-notes\.pdf: printed from an earlier version of the memo or its look/);
      expect(relooked.stderr, change).toMatch(/warning: removed plain\.pptx: written from an earlier version/);
      for (const f of ['plain.pdf', 'plain-notes.pdf', 'plain.pptx']) expect(existsSync(path.join(out, 'plain', f)), `${change}: ${f}`).toBe(false);
    }
  }, 240_000);
});
