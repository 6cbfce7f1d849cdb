// Emoji in headings and the PDFs (issue 19): Chromium prints a character in the deck's font, else
// in an installed font that has it; an emoji no font has prints as nothing. A heading made only
// of such emoji would be a blank title in both PDFs: the build says so at the heading's line. A
// pictograph an installed font has (✈ in DejaVu Sans here, 🚀 where an emoji font is installed)
// is printed, and found by pdftotext in both PDFs.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cmapRanges } from '../src/render/glyphs.ts';
import { fontFile } from '../src/core/fonts.ts';
import { FIXTURES, runCli, tempDir } from './helpers.ts';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** The families fontconfig (what Chromium asks on Linux) finds for a character. */
function fontsFor(char: string): string[] {
  try {
    return execFileSync('fc-list', ['--format', '%{family[0]}\n', `:charset=${char.codePointAt(0)!.toString(16)}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

const text = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
const fonts = (file: string) => execFileSync('pdffonts', [file], { encoding: 'utf8' });

describe('the deck font’s own characters', () => {
  it('are read from its cmap: Japanese is there, an emoji is not', () => {
    const ranges = cmapRanges(readFileSync(fontFile(400)));
    const has = (c: string) => ranges.some(([a, b]) => c.codePointAt(0)! >= a && c.codePointAt(0)! <= b);
    expect(has('あ')).toBe(true);
    expect(has('A')).toBe(true);
    expect(has('🚀')).toBe(false);
  });
});

describe.skipIf(process.platform !== 'linux')('a heading of emoji, in both PDFs', () => {
  it('prints with an installed font that has it, else is a warning at its line that it prints blank', async () => {
    const deck = path.join(tempDir(), 'emoji');
    made.push(path.dirname(deck));
    cpSync(path.join(FIXTURES, 'decks/city-water-memo'), deck, { recursive: true });
    const memo = path.join(deck, 'memo.md');
    const source = readFileSync(memo, 'utf8')
      .replace('## Findings {.assessment}', '## ✈ Findings {.assessment}')
      .replace(/\n## Options/, '\n## 🚀\n\nThe launch pad is ready for the first flight.\n\n## Options');
    writeFileSync(memo, source);
    const lines = source.split('\n');
    const rocketLine = lines.indexOf('## 🚀') + 1;
    const planeLine = lines.indexOf('## ✈ Findings {.assessment}') + 1;
    expect(rocketLine).toBeGreaterThan(0);
    expect(planeLine).toBeGreaterThan(0);

    const out = tempDir();
    made.push(out);
    const { code, stderr } = await runCli('pdf', deck, '--out', out);
    expect(code, stderr).toBe(0);
    const slides = path.join(out, 'emoji/emoji.pdf');
    const notes = path.join(out, 'emoji/emoji-notes.pdf');

    // ✈: DejaVu Sans has it here, and Chromium prints it with that font.
    const plane = fontsFor('✈');
    if (plane.length > 0) {
      expect(stderr).not.toContain(`memo.md:${planeLine}:`);
      for (const file of [slides, notes]) {
        expect(text(file), file).toContain('✈ Findings');
        expect(fonts(file), file).toMatch(new RegExp(plane.map((f) => f.replace(/\s+/g, '')).join('|')));
      }
    }

    const rocket = fontsFor('🚀');
    if (rocket.length > 0) {
      // An emoji font is installed: the heading is printed with it, and nothing is said.
      expect(stderr).not.toContain('emoji-no-font');
      for (const file of [slides, notes]) expect(text(file), file).toContain('🚀');
    } else {
      // None is: the heading would be a blank title in both PDFs, and the build says so at its line.
      expect(stderr).toContain(`emoji/memo.md:${rocketLine}: warning: the heading "🚀" prints blank in the PDFs: no font on this machine draws 🚀 [emoji-no-font]`);
      expect(stderr).toContain('fonts-noto-color-emoji');
      for (const file of [slides, notes]) {
        expect(text(file), file).toContain('The launch pad is ready');
        expect(text(file), file).not.toContain('🚀');
      }
    }
  });
});
