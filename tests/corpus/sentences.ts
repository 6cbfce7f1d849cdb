// The corpus test's own reading of Markdown, independent of the importer (no markdown-it, nothing
// from src/): simple rules that turn a Markdown document into its plain sentences, and a memo
// source into one plain text to look them up in. Only whitespace is normalised.

/** Collapses runs of white space (JavaScript's \s, which includes the ideographic space) to one space. */
/**
 * Whitespace normalised, and the text in Unicode's composed form (NFC): "ガ" written as カ and a
 * combining voiced mark (as the Digital Agency's Markdown has it) is the same text as "ガ", and
 * Word and browsers write it composed.
 */
export const normalizeSpace = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The front matter of a Markdown document, and its body. */
export function splitFrontMatter(markdown: string): { frontMatter: string; body: string } {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n/.exec(markdown);
  return m ? { frontMatter: m[1]!, body: markdown.slice(m[0].length) } : { frontMatter: '', body: markdown };
}

/** Inline Markdown to plain text: links to their text, emphasis and escapes removed, notes and HTML tags gone. */
export function plainInline(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '')
    .replace(/\[\^[^\]\s]+\]/g, '')
    .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/\*\*(\S(?:.*?\S)?)\*\*/g, '$1')
    .replace(/__(\S(?:.*?\S)?)__/g, '$1')
    .replace(/\*(\S(?:.*?\S)?)\*/g, '$1')
    .replace(/(^|[^\p{L}\p{N}_\\])_(\S(?:.*?\S)?)_(?=[^\p{L}\p{N}_]|$)/gu, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** A line of Markdown without its block syntax: heading marks and attributes, list and quote markers, a note's label. */
export function plainLine(line: string): string {
  let s = line;
  const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(s);
  // A heading's text is all text: "## 1) …" holds no list.
  if (heading) return plainInline(heading[1]!.replace(/\s*\{[^{}]*\}\s*$/, ''));
  s = s.replace(/^\s*(?:>\s*)+/, '');
  s = s.replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, '');
  s = s.replace(/^\s*\[\^[^\]\s]+\]:\s*/, '');
  return plainInline(s);
}

/** Splits plain text into sentences: after 。！？ and after a Latin ". ", "? " or "! ". */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[。！？])|(?<=[.?!])\s+(?=\S)/u)
    .map(normalizeSpace)
    .filter((s) => [...s].length > 1);
}

/**
 * The sentences of a Markdown document's body, each line (a paragraph line, a heading, a list
 * item, a note) read on its own. `skipTitle` leaves out the `#` title line (the front matter's).
 */
export function sourceSentences(markdown: string, options: { skipTitle?: boolean; skipLines?: [number, number] } = {}): string[] {
  const { frontMatter, body } = splitFrontMatter(markdown);
  // Line numbers of source.md, counted from its first line (front matter included).
  const first = frontMatter ? frontMatter.split('\n').length + 3 : 1;
  const out: string[] = [];
  let fence = false;
  for (const [i, raw] of body.split(/\r?\n/).entries()) {
    const line = raw.replace(/<!--.*?-->/g, '');
    const at = first + i;
    if (options.skipLines && at >= options.skipLines[0] && at <= options.skipLines[1]) continue;
    if (/^\s*(```|~~~)/.test(line)) {
      fence = !fence;
      continue;
    }
    if (fence) continue;
    if (options.skipTitle && /^#\s/.test(line)) continue;
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) continue;
    // A table row: each cell on its own (the separator row has none).
    if (/^\s*\|.*\|\s*$/.test(line)) {
      if (/^[\s|:-]+$/.test(line)) continue;
      for (const cell of line.trim().slice(1, -1).split(/(?<!\\)\|/)) out.push(...splitSentences(plainInline(cell)));
      continue;
    }
    out.push(...splitSentences(plainLine(line)));
  }
  return out;
}

/** A memo source as one plain text, its whitespace normalised: the haystack sentences are looked up in. */
export function memoPlainText(markdown: string): string {
  const { frontMatter, body } = splitFrontMatter(markdown);
  return normalizeSpace([frontMatter, ...body.split(/\r?\n/).map(plainLine)].join('\n'));
}

/** The lines of a memo source's body as plain text (headings, paragraphs, items, notes), each normalised. */
export function memoPlainLines(markdown: string): string[] {
  return splitFrontMatter(markdown)
    .body.split(/\r?\n/)
    .map((l) => normalizeSpace(plainLine(l)))
    .filter(Boolean);
}
