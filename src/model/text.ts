import { createRequire } from 'node:module';
import { Parser, jaModel } from 'budoux';

type PhraseParser = { parse(text: string): string[] };
const parsers = new Map<string, PhraseParser | null>();

/**
 * BudouX's Chinese models (200 KB of weights) are read only for a Chinese memo: required at
 * that moment, outside the compiled CLI, so a Japanese or English build never loads them.
 */
function chineseModel(traditional: boolean): Record<string, Record<string, number>> {
  const budoux = createRequire(import.meta.url)('budoux') as { zhHansModel: Record<string, Record<string, number>>; zhHantModel: Record<string, Record<string, number>> };
  return traditional ? budoux.zhHantModel : budoux.zhHansModel;
}

function phraseParser(language: string): PhraseParser | null {
  if (!parsers.has(language)) {
    const model = language.startsWith('ja')
      ? jaModel
      : language === 'zh-Hant' || language === 'zh-TW'
        ? chineseModel(true)
        : language.startsWith('zh')
          ? chineseModel(false)
          : null;
    parsers.set(language, model ? new Parser(model) : null);
  }
  return parsers.get(language) ?? null;
}

/** Phrases already found, by language and text: the planner measures the same text many times. */
const phraseCache = new Map<string, string[]>();

/** Breaks text into the units a line may break between: phrases (BudouX) or words. */
export function phrases(text: string, language: string): string[] {
  const key = `${language}\u0000${text}`;
  const cached = phraseCache.get(key);
  if (cached) return cached;
  const parser = phraseParser(language);
  const chunks = parser ? parser.parse(text) : text.split(/(?<=\s)/);
  // BudouX keeps runs of Latin words together, and a name with its colon ("…１：…"):
  // let them break at spaces and after full-width punctuation too.
  const found = chunks.flatMap((chunk) => chunk.split(/(?<=\s)(?=\S)|(?<=[：、，；])(?=.)/u)).filter((c) => c !== '');
  if (phraseCache.size > 20_000) phraseCache.clear();
  phraseCache.set(key, found);
  return found;
}

/** Full-width (East Asian wide) code points: Hangul Jamo, CJK, Hangul, compatibility forms, full-width forms, CJK extensions. */
function wide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

/** Approximate width of text in em: full-width characters 1em, others about 0.6em. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (wide(code)) width += 1;
    else if (code === 0x20) width += 0.3;
    else if (code >= 0x41 && code <= 0x5a) width += 0.68;
    else width += 0.58;
  }
  return width;
}

/** Greedy line filling at phrase boundaries; a phrase wider than a line gets a line of its own. */
export function wrapPhrases(text: string, language: string, maxEm: number): string[] {
  const lines: string[] = [];
  let line = '';
  let width = 0;
  for (const phrase of phrases(text, language)) {
    const phraseWidth = displayWidth(phrase);
    if (line !== '' && width + phraseWidth > maxEm) {
      lines.push(line.trimEnd());
      line = phrase.trimStart();
      width = displayWidth(line);
    } else {
      line += phrase;
      width += phraseWidth;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/** Estimated number of lines text takes in a box `widthPx` wide at `fontPx`. */
export function estimateLines(text: string, fontPx: number, widthPx: number, language: string): number {
  return Math.max(1, wrapPhrases(text, language, widthPx / fontPx).length);
}

/** The narrowest opening (em) a label is made of: "日本は" or "Japan," alone says nothing. */
const MIN_OPENING_EM = 6;

/**
 * A short label in the memo's own words, never cut inside a word and never marked with an
 * ellipsis: the sentence whole when it wraps onto `maxLines` lines `maxEm` wide; else without its
 * asides in brackets ("（…）", "(…)"); else its longest opening that ends at a clause
 * boundary (a comma, a colon, outside brackets) and fits; else its first opening of some width.
 */
export function leadLabel(text: string, language: string, maxEm: number, maxLines: number): string {
  const whole = text.trim().replace(/[。．.]$/u, '');
  const fits = (label: string) => wrapPhrases(label, language, maxEm).length <= maxLines;
  if (fits(whole)) return whole;
  const bare = withoutAsides(whole);
  if (fits(bare)) return bare;
  const openings = clauseOpenings(bare).filter((o) => displayWidth(o) >= MIN_OPENING_EM);
  return openings.filter(fits).at(-1) ?? openings[0] ?? bare;
}

/** Text without its asides in brackets (a note within the sentence), white space mended. */
function withoutAsides(text: string): string {
  let out = text;
  for (let previous = ''; previous !== out; ) {
    previous = out;
    out = out.replace(/\s*(?:（[^（）]*）|\([^()]*\))/gu, '');
  }
  return out.trim() || text;
}

/** The openings of text that end at a clause boundary outside brackets, shortest first, without that comma or colon. */
function clauseOpenings(text: string): string[] {
  const openings: string[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if ('（(「『[【'.includes(ch)) depth++;
    else if ('）)」』]】'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && '、，,;；：:'.includes(ch)) openings.push(text.slice(0, i).trimEnd());
  }
  return openings.filter((o) => o !== '');
}

/** Splits "Title－statement" (a dash between a name and its statement) into its two parts. */
export function splitTitle(text: string): { title: string; subtitle?: string } {
  const match = /^(.{2,40}?)\s*(?:－|—|――|―|\s-\s|\s–\s)\s*(.+)$/u.exec(text);
  if (!match) return { title: text };
  return { title: match[1]!.trim(), subtitle: match[2]!.trim() };
}
