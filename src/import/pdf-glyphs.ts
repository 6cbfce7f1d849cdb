// The characters a PDF's fonts map their glyphs to, where they are not the ones drawn: radicals
// for kanji, a hyphenation point for the middle dot, a variation selector or NUL for a font's own
// glyph. Apart so the lines (pdf-line-text.ts) and the witness (pdf-witness.ts) fix them alike.
/**
 * The CJK radicals supplement (U+2E80–U+2EFF) that fonts' maps give for whole kanji (Chromium's
 * "⻑" for "長"), where NFKC leaves them as they are: the kanji each one is drawn as.
 */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  '⺊': '卜', '⺌': '小', '⺎': '兀', '⺒': '巳', '⺓': '幺', '⺗': '心', '⺝': '月', '⺟': '母', '⺠': '民', '⺩': '王',
  '⺬': '示', '⻄': '西', '⻆': '角', '⻑': '長', '⻘': '青', '⻝': '食', '⻤': '鬼', '⻩': '黄', '⻫': '斉', '⻭': '歯',
  '⻯': '竜', '⻲': '亀',
};
/** Kangxi and supplementary radicals (U+2E80–U+2FDF), which some fonts' maps give for common kanji ("⼦", "⻑"), as the kanji ("子", "長"). */
export const unifyRadicals = (text: string) => text.replace(/[\u2e80-\u2fdf]/gu, (c) => RADICAL_SUPPLEMENT[c] ?? c.normalize('NFKC'));

const JAPANESE = '\\u3005\\u3041-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff66-\\uff9f';
/** A hyphenation point (U+2027) in Japanese text (beside it, or between Latin letters: "CT‧MRI"): a font's map for the middle dot "・". */
const MIDDLE_DOT = new RegExp(`(?<=[${JAPANESE}])\\u2027|\\u2027(?=[${JAPANESE}])`, 'gu');
const IN_JAPANESE = new RegExp(`[${JAPANESE}]`, 'u');
const middleDots = (text: string) => (IN_JAPANESE.test(text) ? text.replace(/\u2027/gu, '・') : text.replace(MIDDLE_DOT, '・'));

/**
 * A variation selector after a letter or digit that takes none (no keycap follows): a font's map
 * for a glyph of its own (LibreOffice's space glyph, shared with the selector of an emoji).
 */
const VARIATION_AFTER_TEXT = /(?<=[\p{L}\p{N}])[\ufe0e\ufe0f](?!\u20e3)/gu;

/**
 * A text item's characters as the glyphs drawn, where fonts' maps say otherwise: radicals for
 * kanji, a hyphenation point for the middle dot, and NUL for a glyph the font lacks (an emoji
 * drawn without an emoji font), which draws nothing.
 */
export const fontText = (text: string) => unifyRadicals(glyphText(text));

/**
 * The same, but Kangxi radicals kept (every comparison of texts unifies them by NFKC): how the
 * second reading (pdf-witness.ts) reads the glyphs.
 */
export const glyphText = (text: string) => middleDots(text.replace(/\u0000/gu, '').replace(VARIATION_AFTER_TEXT, '').replace(/[\u2e80-\u2eff]/gu, (c) => RADICAL_SUPPLEMENT[c] ?? c));

/**
 * A page's text that is one character over and over: a font's fallback glyphs all mapped to one
 * character (a PDF made without the text's fonts, whose real text is nowhere pdf.js or the
 * content stream's /ActualText holds it). No language writes a third of its letters with one.
 */
export function oneGlyph(text: string): { char: string; count: number; letters: number } | undefined {
  const counts = new Map<string, number>();
  let letters = 0;
  for (const char of text) {
    if (!/\p{L}/u.test(char)) continue;
    letters++;
    counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  const [char, count] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a), ['', 0]);
  return letters >= 30 && count / letters > 0.3 ? { char, count, letters } : undefined;
}
