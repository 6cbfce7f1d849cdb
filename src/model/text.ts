import { Parser, jaModel, zhHansModel, zhHantModel } from 'budoux';

type PhraseParser = { parse(text: string): string[] };
const parsers = new Map<string, PhraseParser | null>();

function phraseParser(language: string): PhraseParser | null {
  if (!parsers.has(language)) {
    const model = language.startsWith('ja')
      ? jaModel
      : language === 'zh-Hant' || language === 'zh-TW'
        ? zhHantModel
        : language.startsWith('zh')
          ? zhHansModel
          : null;
    parsers.set(language, model ? new Parser(model) : null);
  }
  return parsers.get(language) ?? null;
}

/** Breaks text into the units a line may break between: phrases (BudouX) or words. */
export function phrases(text: string, language: string): string[] {
  const parser = phraseParser(language);
  const chunks = parser ? parser.parse(text) : text.split(/(?<=\s)/);
  // BudouX keeps runs of Latin words together, and a name with its colon ("…１：…"):
  // let them break at spaces and after full-width punctuation too.
  return chunks.flatMap((chunk) => chunk.split(/(?<=\s)(?=\S)|(?<=[：、，；])(?=.)/u)).filter((c) => c !== '');
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f]|[\u{20000}-\u{3fffd}]/u;

/** Approximate width of text in em: full-width characters 1em, others about 0.6em. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    if (WIDE.test(ch)) width += 1;
    else if (ch === ' ') width += 0.3;
    else if (/[A-Z]/.test(ch)) width += 0.68;
    else width += 0.58;
  }
  return width;
}

/** Greedy line filling at phrase boundaries; a phrase wider than a line gets a line of its own. */
export function wrapPhrases(text: string, language: string, maxEm: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const phrase of phrases(text, language)) {
    if (line !== '' && displayWidth(line + phrase) > maxEm) {
      lines.push(line.trimEnd());
      line = phrase.trimStart();
    } else line += phrase;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/** Estimated number of lines text takes in a box `widthPx` wide at `fontPx`. */
export function estimateLines(text: string, fontPx: number, widthPx: number, language: string): number {
  return Math.max(1, wrapPhrases(text, language, widthPx / fontPx).length);
}

/**
 * A short label in the memo's own words, never cut inside a word and never marked with an
 * ellipsis: the sentence whole when it wraps onto `maxLines` lines `maxEm` wide; else its longest
 * opening that ends at a clause boundary (a comma, a colon) and fits; else its first clause whole.
 */
export function leadLabel(text: string, language: string, maxEm: number, maxLines: number): string {
  const whole = text.trim().replace(/[。．.]$/u, '');
  const fits = (label: string) => wrapPhrases(label, language, maxEm).length <= maxLines;
  if (fits(whole)) return whole;
  const clauses = whole.split(/(?<=[、，,;；：:])\s*/u).filter((c) => c !== '');
  let best = '';
  let opening = '';
  for (const clause of clauses.slice(0, -1)) {
    opening += (opening !== '' && /[,;:]$/.test(opening) ? ' ' : '') + clause;
    if (fits(trimClause(opening))) best = opening;
    else break;
  }
  return trimClause(best || clauses[0] || whole);
}

/** An opening without the comma or colon it ends at. */
const trimClause = (text: string) => text.replace(/[、，,;；：:]\s*$/u, '').trimEnd();

/** Splits "Title－statement" (a dash between a name and its statement) into its two parts. */
export function splitTitle(text: string): { title: string; subtitle?: string } {
  const match = /^(.{2,40}?)\s*(?:－|—|――|―|\s-\s|\s–\s)\s*(.+)$/u.exec(text);
  if (!match) return { title: text };
  return { title: match[1]!.trim(), subtitle: match[2]!.trim() };
}
