import { inlineText } from '../model/content.ts';
import type { Inline } from '../model/types.ts';

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

type Container = Extract<Inline, { children: Inline[] }>;

/** A leaf of the inline tree with the wrappers (emphasis, link…) around it, outermost first. */
interface Leaf {
  inline: Exclude<Inline, Container>;
  path: Container[];
}

function leaves(inlines: readonly Inline[], path: Container[] = []): Leaf[] {
  return inlines.flatMap((inline) => ('children' in inline ? leaves(inline.children, [...path, inline]) : [{ inline, path }]));
}

/** Leaves back into a tree: consecutive leaves under the same wrapper share one copy of it. */
function rebuild(items: Leaf[], depth = 0): Inline[] {
  const out: Inline[] = [];
  for (let i = 0; i < items.length; ) {
    const wrapper = items[i]!.path[depth];
    if (!wrapper) {
      out.push(items[i]!.inline);
      i++;
      continue;
    }
    let j = i;
    while (j < items.length && items[j]!.path[depth] === wrapper) j++;
    out.push({ ...wrapper, children: rebuild(items.slice(i, j), depth + 1) });
    i = j;
  }
  return out;
}

/** Drops white space at the start and the end of a sentence's runs. */
function trimLeaves(items: Leaf[]): Leaf[] {
  const trimmed = items.map((l) => ({ ...l }));
  const edit = (index: number, how: (t: string) => string) => {
    const leaf = trimmed[index];
    if (leaf?.inline.type === 'text') leaf.inline = { type: 'text', text: how(leaf.inline.text) };
  };
  edit(0, (t) => t.trimStart());
  edit(trimmed.length - 1, (t) => t.trimEnd());
  return trimmed.filter((l) => l.inline.type !== 'text' || l.inline.text !== '');
}

/**
 * Splits a paragraph's runs into sentences. A sentence ends at 。！？ (or a Latin full stop)
 * outside brackets and quotes; footnote references and spaces that follow the terminator stay
 * with the sentence they annotate. A sentence that ends inside emphasis or a link keeps it: the
 * wrapper is continued in the next sentence.
 */
export function splitSentences(inlines: readonly Inline[]): Inline[][] {
  const sentences: Inline[][] = [];
  let current: Leaf[] = [];
  let depth = 0;
  let ended = false;

  const finish = () => {
    if (current.some((l) => l.inline.type !== 'text' || l.inline.text.trim() !== '')) sentences.push(rebuild(trimLeaves(current)));
    current = [];
    ended = false;
  };

  for (const leaf of leaves(inlines)) {
    const { inline } = leaf;
    if (inline.type === 'note' || inline.type === 'softbreak') {
      current.push(leaf);
      continue;
    }
    if (inline.type !== 'text') {
      if (ended) finish();
      current.push(leaf);
      continue;
    }
    const text = inline.text;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ended) {
        if (/\s/.test(ch)) continue;
        if (i > start) current.push({ inline: { type: 'text', text: text.slice(start, i) }, path: leaf.path });
        start = i;
        finish();
      }
      if (OPENING.has(ch)) depth++;
      else if (CLOSING.has(ch)) depth = Math.max(0, depth - 1);
      else if (depth === 0 && endsSentence(text, i)) ended = true;
    }
    if (start < text.length) current.push({ inline: { type: 'text', text: text.slice(start) }, path: leaf.path });
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

/** The plain text of runs: what a reader sees, without footnote marks, trimmed. */
export function plainText(inlines: readonly Inline[]): string {
  return inlineText(inlines).trim();
}
