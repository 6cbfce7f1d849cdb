// Whether the PDFs can draw a heading's emoji. Chromium draws a character in the deck's own font
// (Noto Sans JP, shipped with briefdeck), else in a font installed on the machine that has it;
// an emoji that no font has is printed as nothing, so a heading of emoji alone is a blank title.
// Such a heading is a warning at its line: install an emoji font (fonts-noto-color-emoji), and
// Chromium prints with it.
import { readFileSync } from 'node:fs';
import type { Diagnostic, Memo } from '../model/types.ts';
import { diagnostic } from '../core/errors.ts';
import { fontFile } from '../core/fonts.ts';

/** The code point ranges a TrueType/OpenType font maps to glyphs (its `cmap`: format 12, else format 4). */
export function cmapRanges(font: Buffer): Array<[number, number]> {
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const record = 12 + 16 * i;
    if (font.toString('latin1', record, record + 4) === 'cmap') cmap = font.readUInt32BE(record + 8);
  }
  if (cmap < 0) return [];
  const subtables = font.readUInt16BE(cmap + 2);
  const offsets = new Map<number, number>();
  for (let i = 0; i < subtables; i++) {
    const record = cmap + 4 + 8 * i;
    const offset = cmap + font.readUInt32BE(record + 4);
    offsets.set(font.readUInt16BE(offset), offset);
  }
  const ranges: Array<[number, number]> = [];
  const full = offsets.get(12);
  if (full !== undefined) {
    const groups = font.readUInt32BE(full + 12);
    for (let i = 0; i < groups; i++) ranges.push([font.readUInt32BE(full + 16 + 12 * i), font.readUInt32BE(full + 20 + 12 * i)]);
    return ranges;
  }
  const basic = offsets.get(4);
  if (basic === undefined) return [];
  const segments = font.readUInt16BE(basic + 6) / 2;
  for (let i = 0; i < segments; i++) {
    const end = font.readUInt16BE(basic + 14 + 2 * i);
    const start = font.readUInt16BE(basic + 16 + 2 * segments + 2 * i);
    if (start !== 0xffff) ranges.push([start, end]);
  }
  return ranges;
}

let deckFontRanges: Array<[number, number]> | undefined;

/** Whether the deck's own font has the character. */
function inDeckFont(codePoint: number): boolean {
  deckFontRanges ??= cmapRanges(readFileSync(fontFile(400)));
  return deckFontRanges.some(([start, end]) => codePoint >= start && codePoint <= end);
}

const installed = new Map<number, boolean>();

/**
 * Whether a font installed on this machine has the character, as fontconfig (which Chromium asks
 * on Linux) answers. Where there is no fontconfig (macOS and Windows, which ship an emoji font),
 * it is taken as drawn.
 */
function inInstalledFont(codePoint: number): boolean {
  let known = installed.get(codePoint);
  if (known === undefined) {
    try {
      // node:child_process loaded here, for the rare character the deck's font lacks: not by every build.
      known = process.getBuiltinModule('node:child_process').execFileSync('fc-list', ['--format', '%{family}\n', `:charset=${codePoint.toString(16)}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim() !== '';
    } catch {
      known = true;
    }
    installed.set(codePoint, known);
  }
  return known;
}

/** Emoji and other pictographs, and the letters of flags. */
const PICTOGRAPH = /[\p{Extended_Pictographic}\p{Regional_Indicator}]/gu;
/** What draws nothing by itself: spaces, variation selectors, joiners, skin tones, tag characters. */
const INVISIBLE = /[\s\u200d\ufe0e\ufe0f\u{1f3fb}-\u{1f3ff}\u{e0020}-\u{e007f}]/gu;

/** The pictographs of `text` that no font here draws. */
export function undrawable(text: string): string[] {
  return [...new Set(text.match(PICTOGRAPH) ?? [])].filter((c) => {
    const codePoint = c.codePointAt(0)!;
    return !inDeckFont(codePoint) && !inInstalledFont(codePoint);
  });
}

/** A warning at each heading whose emoji the PDFs would print as nothing (the heading blank, when that is all it holds). */
export function undrawableHeadings(memo: Memo): Diagnostic[] {
  const headings = memo.sections.flatMap((section) => [section.heading, ...section.parts.map((part) => part.heading)]);
  const warnings: Diagnostic[] = [];
  for (const heading of headings) {
    const missing = undrawable(heading.text);
    if (missing.length === 0) continue;
    const shown = missing.join(' ');
    const rest = missing.reduce((text, c) => text.replaceAll(c, ''), heading.text).replace(INVISIBLE, '');
    const hint = 'install an emoji font (Debian/Ubuntu: fonts-noto-color-emoji) and build again, or give the heading words';
    const message = rest === ''
      ? `the heading "${heading.text}" prints blank in the PDFs: no font on this machine draws ${shown}`
      : `${shown} in the heading "${heading.text}" prints as nothing in the PDFs: no font on this machine draws ${missing.length > 1 ? 'them' : 'it'}`;
    warnings.push(diagnostic(heading, 'emoji-no-font', message, hint, 'warning'));
  }
  return warnings;
}
