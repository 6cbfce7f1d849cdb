import type { Token } from 'markdown-it';

const OPENING = new Set([...'（(「『“‘［[【〔〈《']);
const CLOSING = new Set([...'）)」』”’］]】〕〉》']);
const TERMINATORS = new Set([...'。！？!?']);

/** Does the character at `i` end a sentence (outside brackets)? */
function endsSentence(text: string, i: number): boolean {
  const ch = text[i]!;
  if (TERMINATORS.has(ch)) return true;
  if (ch !== '.') return false;
  // A Latin full stop ends a sentence after a lower-case word or a number ("2019."), not in "U.S." .
  const next = text[i + 1];
  return /[a-z0-9)]/.test(text[i - 1] ?? '') && (next === undefined || /\s/.test(next));
}

function textToken(like: Token, content: string): Token {
  return Object.assign(Object.create(Object.getPrototypeOf(like)), like, { content }) as Token;
}

/**
 * Splits a paragraph's inline tokens into sentences. A sentence ends at 。！？ (or a Latin
 * full stop) outside brackets and quotes; footnote references and spaces that follow the
 * terminator stay with the sentence they annotate.
 */
export function splitSentences(children: Token[]): Token[][] {
  const sentences: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  let ended = false;

  const finish = () => {
    if (current.some((t) => t.type !== 'text' || t.content.trim() !== '')) sentences.push(current);
    current = [];
    ended = false;
  };

  for (const token of children) {
    if (token.type === 'footnote_ref' || token.type === 'softbreak') {
      current.push(token);
      continue;
    }
    if (token.type !== 'text') {
      if (ended) finish();
      current.push(token);
      continue;
    }
    const text = token.content;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ended) {
        if (/\s/.test(ch)) continue;
        if (i > start) current.push(textToken(token, text.slice(start, i)));
        start = i;
        finish();
      }
      if (OPENING.has(ch)) depth++;
      else if (CLOSING.has(ch)) depth = Math.max(0, depth - 1);
      else if (depth === 0 && endsSentence(text, i)) ended = true;
    }
    if (start < text.length) current.push(textToken(token, text.slice(start)));
  }
  finish();
  return sentences;
}

/**
 * Splits plain text into sentences by the same rule as splitSentences: what `import` and
 * `check` count the memo's sentences with.
 */
export function splitPlainText(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  let ended = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ended) {
      if (/\s/.test(ch)) continue;
      out.push(text.slice(start, i));
      start = i;
      ended = false;
    }
    if (OPENING.has(ch)) depth++;
    else if (CLOSING.has(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && endsSentence(text, i)) ended = true;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** The plain text of inline tokens: what a reader sees, without footnote marks. */
export function plainText(tokens: Token[]): string {
  let text = '';
  for (const t of tokens) {
    if (t.type === 'text' || t.type === 'code_inline') text += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') text += ' ';
    else if (t.children) text += plainText(t.children);
  }
  return text.trim();
}
